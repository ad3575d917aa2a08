import { describe, expect, it } from 'vitest';
import type { Scalar, Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import type { RnnActivation } from '../../../src/core/config/types';
import type { LaneLayout } from '../../../src/core/models/layout';
import { releaseBackwardTensors } from '../../../src/core/models/ops';
import { assignAll, currentView, paramVariables, weightArgs } from '../../../src/core/models/params';
import { RnnLanes } from '../../../src/core/models/rnn';
import { unstackValues } from '../../../src/core/models/stacked';
import { Rng } from '../../../src/core/rng';
import { backend } from '../../helpers/tf-node';
import { RNN_PARAM_NAMES, randomRnn, rnnReferenceForward, rnnReferenceGrad } from './rnn-reference';
import type { RnnRef } from './rnn-reference';

type Form = 'conv' | 'recurrent';
type Tf = Awaited<ReturnType<typeof backend>>;

/** Lane weights into the model, through the checkpoint form (one stacked array per parameter). */
function load(model: RnnLanes, lanes: readonly RnnRef[]): void {
  const stacked = RNN_PARAM_NAMES.map((name) => Float32Array.from(lanes.flatMap((r) => Array.from(r[name]))));
  assignAll(paramVariables(model.params), unstackValues(model.params, stacked), 'rnn test');
}

function data(rng: Rng, n: number): Float64Array {
  return Float64Array.from({ length: n }, () => Math.fround(rng.normal()));
}

function forward(tf: Tf, model: RnnLanes, layout: LaneLayout, x: Tensor2D, form: Form): Float32Array {
  return tf.tidy(() => {
    const view = currentView(model.params, layout);
    const y = form === 'conv' ? model.forwardWith(view, x) : model.forwardRecurrentWith(view, x); // [L, B, T]
    return Float32Array.from(y.dataSync());
  });
}

/** Gradients of Σ_lanes MSE(lane) per parameter, stacked [L, rows, cols], in the model's order. */
function gradients(tf: Tf, model: RnnLanes, layout: LaneLayout, x: Tensor2D, target: Tensor3D, form: Form): Float32Array[] {
  const w = weightArgs(model.params, layout);
  const grads = tf.tidy(() => {
    const loss = (...a: Tensor[]): Scalar => {
      const y = form === 'conv' ? model.forwardWith(w.view(a), x) : model.forwardRecurrentWith(w.view(a), x); // [L, B, T]
      return tf.sum(tf.mean(tf.squaredDifference(y, target), [1, 2]));
    };
    return w.stackGrads(tf.valueAndGrads(loss)(w.args).grads).map((g) => Float32Array.from(g.dataSync()));
  });
  expect(releaseBackwardTensors()).toBe(0);
  return grads;
}

/** max |a − b| / max |b|. */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return diff / scale;
}

const model = (layout: LaneLayout, lanes: number, T: number, H: number, act: RnnActivation = 'linear'): RnnLanes =>
  new RnnLanes({ tau: T, hidden: H, act, layout, seeds: Array.from({ length: lanes }, (_, l) => 40 + l) });

describe.each([
  ['wasm', 'split'],
  ['wasm', 'batched'],
  ['cpu', 'split'],
  ['cpu', 'batched'],
] as const)('linear RNN lanes as a convolution on %s (%s layout)', (backendName, layout) => {
  it('equal the recurrence and a float64 reference, also when the powers of W grow (ρ up to 1.15)', async () => {
    const tf = await backend(backendName);
    const [B, T, H] = [4, 32, 16];
    // Spectral radius ρ: fading (0.6), near 1, 1 and growing (1.15^31 ≈ 76 at the longest lag).
    const refs = [0.6, 0.95, 1, 1.15].map((rho, l) => randomRnn(H, rho, 100 + l));
    const m = model(layout, refs.length, T, H);
    load(m, refs);
    const x = data(new Rng(3), B * T);
    const xT = tf.tensor2d(Float32Array.from(x), [B, T]);
    const conv = forward(tf, m, layout, xT, 'conv');
    const rec = forward(tf, m, layout, xT, 'recurrent');
    refs.forEach((ref, l) => {
      const want = rnnReferenceForward(ref, x, B, T);
      const lane = (y: Float32Array): Float32Array => y.subarray(l * B * T, (l + 1) * B * T);
      // Both forms are float32 sums of the same terms in different orders: their errors are a few
      // float32 roundings (2^−24 ≈ 6e−8) per term, times at most T·H terms, relative to max |ŷ|
      // (which grows with ρ^t like every term). Measured ≤ 7e−7 (wasm), 5e−7 (cpu); bound 1e−5.
      expect(relErr(lane(conv), want)).toBeLessThan(1e-5);
      expect(relErr(lane(rec), want)).toBeLessThan(1e-5);
      expect(relErr(lane(conv), lane(rec))).toBeLessThan(1e-5);
    });
    xT.dispose();
    m.dispose();
  });

  it('give the gradients of a float64 reference (finite differences) for W, U, b, c, c0', async () => {
    const tf = await backend(backendName);
    // τ = 13 is not a power of two (the last doubling step is partial); ρ 1.1 makes the powers grow.
    const [B, T, H] = [3, 13, 6];
    const refs = [randomRnn(H, 0.8, 7), randomRnn(H, 1.1, 8)];
    const m = model(layout, refs.length, T, H);
    load(m, refs);
    const rng = new Rng(11);
    const x = data(rng, B * T);
    const targets = refs.map(() => data(rng, B * T));
    const xT = tf.tensor2d(Float32Array.from(x), [B, T]);
    const yT = tf.tensor3d(Float32Array.from(targets.flatMap((t) => Array.from(t))), [refs.length, B, T]);
    const grads = gradients(tf, m, layout, xT, yT, 'conv');
    RNN_PARAM_NAMES.forEach((name, i) => {
      const g = grads[i] as Float32Array;
      const size = g.length / refs.length;
      refs.forEach((ref, l) => {
        const want = rnnReferenceGrad(ref, name, x, targets[l] as Float64Array, B, T);
        // float32 forward and backward against float64 (central differences, error ~1e−9): a few
        // float32 roundings of sums of ~T·H terms amplified by up to ρ^T ≈ 3.5, relative to the largest
        // entry of the parameter's gradient. Measured ≤ 6e−7 (wasm), 2e−7 (cpu); bound 2e−5.
        expect(relErr(g.subarray(l * size, (l + 1) * size), want)).toBeLessThan(2e-5);
      });
    });
    tf.dispose([xT, yT]);
    m.dispose();
  });
});

describe.each(['wasm', 'cpu'] as const)('linear RNN lanes on %s', (backendName) => {
  it('agree between the split and batched layouts (outputs and gradients), τ = 2, 7 and 32', async () => {
    const tf = await backend(backendName);
    for (const [B, T, H] of [
      [3, 2, 5],
      [2, 7, 9],
      [5, 32, 24],
    ] as const) {
      const split = model('split', 3, T, H);
      const batched = model('batched', 3, T, H); // the same seeds: the same initial weights
      const rng = new Rng(T);
      const xT = tf.tensor2d(Float32Array.from(data(rng, B * T)), [B, T]);
      const yT = tf.tensor3d(Float32Array.from(data(rng, 3 * B * T)), [3, B, T]);
      // The same products per lane in both layouts (a batch of lanes or one lane at a time): equal up
      // to the summation order a backend picks for a batched product. Measured ≤ 1.3e−7 (wasm), 0 (cpu);
      // bound 1e−6.
      expect(relErr(forward(tf, split, 'split', xT, 'conv'), forward(tf, batched, 'batched', xT, 'conv'))).toBeLessThan(1e-6);
      const gs = gradients(tf, split, 'split', xT, yT, 'conv');
      const gb = gradients(tf, batched, 'batched', xT, yT, 'conv');
      gs.forEach((g, i) => expect(relErr(g, gb[i] as Float32Array)).toBeLessThan(1e-6));
      tf.dispose([xT, yT]);
      split.dispose();
      batched.dispose();
    }
  });

  it('leave the tensor count unchanged after a forward and backward pass in tidy (both layouts)', async () => {
    const tf = await backend(backendName);
    for (const layout of ['split', 'batched'] as const) {
      const m = model(layout, 2, 12, 8);
      const xT = tf.tensor2d(Float32Array.from(data(new Rng(1), 4 * 12)), [4, 12]);
      const yT = tf.zeros([2, 4, 12]) as Tensor3D;
      const before = tf.memory().numTensors;
      gradients(tf, m, layout, xT, yT, 'conv'); // checks that no backward handle is left
      forward(tf, m, layout, xT, 'conv');
      expect(releaseBackwardTensors()).toBe(0); // inference holds nothing for a backward pass
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([xT, yT]);
      m.dispose();
    }
  });

  it('run tanh lanes by the recurrence (forwardWith is forwardRecurrentWith)', async () => {
    const tf = await backend(backendName);
    const m = model('split', 2, 6, 5, 'tanh');
    const xT = tf.tensor2d(Float32Array.from(data(new Rng(2), 3 * 6)), [3, 6]);
    expect(forward(tf, m, 'split', xT, 'conv')).toEqual(forward(tf, m, 'split', xT, 'recurrent'));
    xT.dispose();
    m.dispose();
  });
});
