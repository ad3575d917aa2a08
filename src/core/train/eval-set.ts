import * as tf from '@tensorflow/tfjs-core';
import type { Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import type { ExperimentConfig } from '../config/types';
import { streamRng } from '../rng';
import { meanVar, sampleInputs } from './data';
import { fixedFeatureDim, fixedFeatures, fixedFeaturesApply } from './features';
import type { Plan } from './plan';

export interface EvalResult {
  readonly step: number;
  /** Evaluation MSE of each lane (plan order), over all t and sequences. */
  readonly mse: Float64Array;
  /** MSE / Var(y) of the lane's target. */
  readonly rel: Float64Array;
  /**
   * MSE at each output position t, over the evaluation sequences: [L × T], lane-major. Where along the
   * sequence a lane fails (e.g. an RNN at positions whose re-ordered target needs later inputs).
   */
  readonly byT: Float64Array;
}

const CHUNK = 256;

/** The fixed, seeded evaluation set (the 'eval' stream) and each target's values on it. */
export class EvalSet {
  readonly size: number;
  readonly x: Float32Array; // [size, tau]
  readonly y: readonly Float32Array[]; // per target [size, tau]
  readonly targetVariance: Float64Array;
  private readonly features: Float32Array | null;

  constructor(
    private readonly c: ExperimentConfig,
    private readonly plan: Plan,
  ) {
    this.size = c.evalSize;
    this.x = sampleInputs(streamRng(c.seed, 'eval'), c.evalSize, c.tau);
    this.y = plan.targets.map((t) => t.target.apply(this.x, c.evalSize));
    this.targetVariance = Float64Array.from(this.y, (y) => meanVar(y).variance);
    this.features = fixedFeaturesApply(c) ? fixedFeatures(c, this.x, c.evalSize) : null;
  }

  /** Tensors of sequences [start, start + n): x [n, T] and fixed features [n·T, F] if any. */
  tensors(start: number, n: number): { x: Tensor2D; features: Tensor2D | null } {
    const T = this.c.tau;
    const x = tf.tensor2d(this.x.subarray(start * T, (start + n) * T), [n, T]);
    if (!this.features) return { x, features: null };
    const F = fixedFeatureDim(this.c);
    return { x, features: tf.tensor2d(this.features.subarray(start * T * F, (start + n) * T * F), [n * T, F]) };
  }

  /** MSE of `predict` (ŷ [L, n, T] in plan lane order) against every lane's target. */
  async evaluate(step: number, predict: (x: Tensor2D, features: Tensor2D | null) => Tensor3D): Promise<EvalResult> {
    const L = this.plan.lanes.length;
    const T = this.c.tau;
    const sseT = new Float64Array(L * T); // [L, T]
    for (let start = 0; start < this.size; start += CHUNK) {
      const n = Math.min(CHUNK, this.size - start);
      const yHat = tf.tidy(() => {
        const { x, features } = this.tensors(start, n);
        return predict(x, features);
      });
      const data = await yHat.data();
      yHat.dispose();
      this.plan.lanes.forEach((lane, l) => {
        const y = this.y[lane.target] as Float32Array;
        for (let i = 0; i < n * T; i++) {
          const d = (data[l * n * T + i] as number) - (y[start * T + i] as number);
          const at = l * T + (i % T);
          sseT[at] = (sseT[at] as number) + d * d;
        }
      });
    }
    const byT = sseT.map((s) => s / this.size);
    const mse = Float64Array.from({ length: L }, (_, l) => byT.subarray(l * T, (l + 1) * T).reduce((a, b) => a + b, 0) / T);
    const rel = Float64Array.from(this.plan.lanes, (lane, l) => (mse[l] as number) / (this.targetVariance[lane.target] || 1));
    return { step, mse, rel, byT };
  }
}
