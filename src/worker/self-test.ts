import * as tf from '@tensorflow/tfjs-core';
import { weightArgs } from '../core/models/params';
import { TransformerLanes } from '../core/models/transformer';
import { layoutForBackend } from '../core/models/layout';
import type { LaneLayout } from '../core/models/layout';
import { Rng } from '../core/rng';

/** Relative tolerance of the WebGPU self-test against cpu. */
export const SELF_TEST_TOLERANCE = 1e-4;

/**
 * One forward + backward pass of a small seeded Transformer on the current backend: the loss followed
 * by every gradient, flattened. Comparing two backends' fingerprints checks a backend end to end.
 */
export async function gradientFingerprint(layout: LaneLayout): Promise<Float32Array> {
  const B = 4;
  const T = 6;
  const model = new TransformerLanes({
    tau: T, n: 8, mV: 8, mFF: 16, depth: 3, act: 'relu', pe: 'onehot', scaleLogits: false,
    fixedFeatureDim: null, layout, lanes: [{ mH: 2, seed: 1 }, { mH: 3, seed: 2 }],
  });
  const rng = new Rng(77);
  const x = tf.tensor2d(rng.fillUniform(new Float32Array(B * T)), [B, T]);
  const y = tf.tensor3d(rng.fillUniform(new Float32Array(2 * B * T)), [2, B, T]);
  const w = weightArgs(model.params, layout);
  const { value, grads } = tf.valueAndGrads(
    (...a: tf.Tensor[]) => tf.sum(tf.mean(tf.squaredDifference(model.forwardWith(w.view(a), x, null, false).yHat, y), [1, 2])) as tf.Scalar,
  )(w.args);
  const stacked = w.stackGrads(grads); // per parameter [L, rows, cols], whatever the layout
  const parts: Float32Array[] = [(await value.data()) as Float32Array];
  for (const g of stacked) parts.push((await g.data()) as Float32Array);
  tf.dispose([x, y, value, ...grads, ...stacked]); // w.args are the model's variables
  model.dispose();
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Largest |a − b| relative to the largest |b| (a scale-aware tolerance for gradients near zero). */
export function maxRelativeDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Infinity;
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(b[i] as number));
    const d = Math.abs((a[i] as number) - (b[i] as number));
    diff = Number.isNaN(d) ? Infinity : Math.max(diff, d);
  }
  return diff / (scale || 1);
}

/** Switch tfjs to `name`: null when it works, else why not. */
export type TrySetBackend = (name: 'cpu' | 'webgpu') => Promise<string | null>;

/**
 * WebGPU must reproduce cpu's loss and gradients on a seeded model before it is trusted (the page's
 * worker and the Node runner run this same test). Leaves tfjs on webgpu when it could switch to it.
 */
export async function webGpuSelfTest(trySet: TrySetBackend): Promise<{ error: number; reason: string | null }> {
  const cpuFail = await trySet('cpu');
  if (cpuFail) return { error: Infinity, reason: `cpu reference unavailable: ${cpuFail}` };
  const ref = await gradientFingerprint('split');
  const gpuFail = await trySet('webgpu');
  if (gpuFail) return { error: Infinity, reason: gpuFail };
  const got = await gradientFingerprint(layoutForBackend('webgpu'));
  const error = maxRelativeDifference(got, ref);
  return {
    error,
    reason: error <= SELF_TEST_TOLERANCE ? null : `self-test against cpu failed: max relative difference ${error.toExponential(2)}`,
  };
}
