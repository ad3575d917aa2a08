import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';

/**
 * Each lane's training MSE summed on the device over the steps since the last report: a report reads
 * it once rather than every step reading its loss. Lanes in the session's group order.
 */
export class LossSum {
  private sum: Tensor | null = null; // [L]
  private steps = 0;

  /** Add one step's per-lane MSE [L]; the sum owns it from here. */
  add(laneMse: Tensor): void {
    const next = this.sum ? tf.add(this.sum, laneMse) : laneMse;
    if (this.sum) {
      this.sum.dispose();
      laneMse.dispose();
    }
    this.sum = next;
    this.steps += 1;
  }

  /** The sum and its step count, and a fresh start: the caller disposes the tensor. */
  take(): { readonly sum: Tensor | null; readonly steps: number } {
    const taken = { sum: this.sum, steps: this.steps };
    this.sum = null;
    this.steps = 0;
    return taken;
  }

  /** Its values, as a checkpoint keeps them. */
  async save(): Promise<{ readonly lossSum: Float32Array | null; readonly lossSteps: number }> {
    return { lossSum: this.sum ? Float32Array.from(await this.sum.data()) : null, lossSteps: this.steps };
  }

  /** Back to a checkpoint's values. */
  restore(lossSum: Float32Array | null, lossSteps: number): void {
    this.sum?.dispose();
    this.sum = lossSum ? tf.tensor1d(lossSum) : null;
    this.steps = lossSum ? lossSteps : 0;
  }

  dispose(): void {
    this.sum?.dispose();
    this.sum = null;
  }
}
