/**
 * Divergence checked at every training step without an extra GPU→CPU read (docs/cost-model.md,
 * "Divergence"). A lane diverges when its step loss (training scale) is not finite or exceeds
 * DIVERGED × Var(y) of its target.
 * - Backends whose tensors live in CPU memory (wasm, cpu): the step's per-lane losses [L] are already
 *   computed in memory the page can read; reading them is a copy of L floats, with nothing to wait
 *   for, so every step is checked at once and training stops on the step that diverged.
 * - GPU backends (WebGPU, WebGL): a read each step would stall the GPU pipeline (a sync per step, the
 *   cost the loss read every `logev` steps exists to avoid). The check runs on the device instead:
 *   each step folds "first bad step per lane" into a small tensor, read with the loss at the next
 *   report (one read, as before). The step reported is exact; up to logev − 1 steps more have run.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

/** A normalised MSE beyond this counts as exploding. */
export const DIVERGED = 1e4;

export interface Divergence {
  /** Index into the checked order (the session's group order). */
  readonly index: number;
  readonly step: number;
  /** The lane's step loss on the training scale (NaN when only the step is known). */
  readonly loss: number;
}

export class DivergenceCheck {
  /** Device side: per lane the first bad step so far (Infinity: none). */
  private firstBad: Tensor | null = null;
  private readonly limits: Float32Array;

  /** `limits[i]`: the loss beyond which lane i (in the checked order) has diverged. `readable`: losses live in CPU memory. */
  constructor(
    limits: ArrayLike<number>,
    readonly readable: boolean,
  ) {
    this.limits = Float32Array.from(limits);
  }

  /** After step `step` with per-lane losses `mse` [L]: the divergence found now (CPU memory), else null. */
  afterStep(mse: Tensor, step: number): Divergence | null {
    if (this.readable) {
      const values = mse.dataSync();
      for (let i = 0; i < values.length; i++) {
        const v = values[i] as number;
        if (!Number.isFinite(v) || v > (this.limits[i] as number)) return { index: i, step, loss: v };
      }
      return null;
    }
    // Kept: it lives across steps, whatever scope the caller runs in.
    const next = tf.keep(tf.tidy(() => {
      const bad = tf.logicalOr(tf.logicalNot(tf.isFinite(mse)), tf.greater(mse, tf.tensor1d(this.limits)));
      const at = tf.where(bad, tf.fill(mse.shape, step), tf.fill(mse.shape, Infinity));
      return this.firstBad ? tf.minimum(this.firstBad, at) : at;
    }));
    this.firstBad?.dispose();
    this.firstBad = next;
    return null;
  }

  /** The device-side record to read with the loss (GPU backends), or null. */
  pending(): Tensor | null {
    return this.firstBad;
  }

  /** The earliest divergence in values read from pending(); clears the record. */
  fromRead(firstBad: ArrayLike<number>): Divergence | null {
    this.firstBad?.dispose();
    this.firstBad = null;
    let found: Divergence | null = null;
    for (let i = 0; i < firstBad.length; i++) {
      const s = firstBad[i] as number;
      if (Number.isFinite(s) && (found === null || s < found.step)) found = { index: i, step: s, loss: Number.NaN };
    }
    return found;
  }

  dispose(): void {
    this.firstBad?.dispose();
    this.firstBad = null;
  }
}
