import { describe, expect, it } from 'vitest';
import type { Scalar, Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import { TransformerLanes } from '../../../src/core/models/transformer';
import type { LaneLayout } from '../../../src/core/models/layout';
import { laneValues, weightArgs } from '../../../src/core/models/params';
import type { LaneParam } from '../../../src/core/models/params';
import { Rng } from '../../../src/core/rng';
import { backend } from '../../helpers/tf-node';
import { referenceForward, referenceLoss } from './reference';
import type { RefParams } from './reference';

const T = 5;
const B = 3;
const opts = (layout: LaneLayout, onehot: boolean) => ({
  tau: T,
  n: 4,
  mV: 3,
  mFF: 6,
  depth: 3,
  act: 'relu' as const,
  pe: onehot ? ('onehot' as const) : ('none' as const),
  scaleLogits: true,
  fixedFeatureDim: null,
  layout,
  lanes: [
    { mH: 2, seed: 11 },
    { mH: 3, seed: 12 },
  ],
});

async function refParams(model: TransformerLanes, lane: number, mH: number, onehot: boolean): Promise<RefParams> {
  const get = async (name: string): Promise<{ p: LaneParam; v: Float64Array }> => {
    const p = model.params.find((q) => q.spec.name === name);
    if (!p) throw new Error(name);
    return { p, v: Float64Array.from(await laneValues(p, lane)) };
  };
  const mlpRef = async (base: number) => {
    const out = [];
    for (let i = 0; i < 3; i++) {
      const w = await get(`mlp${base}.w${i}`);
      const b = await get(`mlp${base}.b${i}`);
      out.push({ w: w.v, b: b.v, in: w.p.spec.rows, out: w.p.spec.cols });
    }
    return out;
  };
  const qkv = await get('W_QKV');
  return {
    f: await mlpRef(10),
    g: await mlpRef(70),
    qkv: qkv.v,
    n: 4,
    M: 3,
    mH,
    mV: 3,
    scale: 1 / Math.sqrt(mH),
    onehot,
  };
}

describe.each([
  ['cpu', 'split'],
  ['wasm', 'split'],
  ['cpu', 'batched'],
] as const)('Transformer lanes on %s (%s layout)', (backendName, layout) => {
  for (const onehot of [false, true]) {
    it(`forward and gradients match a float64 reference (one-hot PE ${onehot})`, async () => {
      const tf = await backend(backendName);
      const model = new TransformerLanes(opts(layout, onehot));
      const rng = new Rng(5);
      const x = Float64Array.from({ length: B * T }, () => rng.next());
      const target = Float64Array.from({ length: B * T }, () => rng.next());
      const xT = tf.tensor2d(Float32Array.from(x), [B, T]) as Tensor2D;
      const yT = tf.tensor3d(Float32Array.from([...target, ...target]), [2, B, T]) as Tensor3D;
      const yHat = tf.tidy(() => model.forward(xT, null, false).yHat);
      const yHatData = await yHat.data();
      // The training step's own path: the variables per lane (or stacked), gradients stacked per parameter.
      const w = weightArgs(model.params, layout);
      const { grads: leafGrads } = tf.valueAndGrads(
        (...a: Tensor[]) => tf.sum(tf.mean(tf.squaredDifference(model.forwardWith(w.view(a), xT, null, false).yHat, yT), [1, 2])) as Scalar,
      )(w.args);
      const stackedGrads = w.stackGrads(leafGrads);
      const grads: Record<string, Tensor> = Object.fromEntries(model.params.map((p, i) => [p.spec.name, stackedGrads[i] as Tensor]));
      for (const [lane, mH] of [
        [0, 2],
        [1, 3],
      ] as const) {
        const ref = await refParams(model, lane, mH, onehot);
        const refY = referenceForward(ref, x, B, T);
        for (let i = 0; i < B * T; i++) expect(yHatData[lane * B * T + i]).toBeCloseTo(refY[i] as number, 5);
        // Finite differences (float64, central) on a few entries of every parameter of this lane.
        const arrays: Array<[string, Float64Array]> = [
          ['mlp10.w0', ref.f[0]?.w as Float64Array],
          ['mlp10.b1', ref.f[1]?.b as Float64Array],
          ['mlp10.w2', ref.f[2]?.w as Float64Array],
          ['W_QKV', ref.qkv],
          ['mlp70.w1', ref.g[1]?.w as Float64Array],
          ['mlp70.b2', ref.g[2]?.b as Float64Array],
        ];
        for (const [name, arr] of arrays) {
          const p = model.params.find((q) => q.spec.name === name) as LaneParam;
          const g = (await (grads[p.spec.name] as Tensor).data()) as Float32Array;
          const size = p.spec.rows * p.spec.cols;
          for (const idx of [0, Math.floor(size / 2), size - 1]) {
            const keep = arr[idx] as number;
            const h = 1e-6;
            arr[idx] = keep + h;
            const up = referenceLoss(ref, x, target, B, T);
            arr[idx] = keep - h;
            const down = referenceLoss(ref, x, target, B, T);
            arr[idx] = keep;
            const fd = (up - down) / (2 * h);
            const got = g[lane * size + idx] as number;
            expect(Math.abs(got - fd)).toBeLessThan(2e-4 + 2e-3 * Math.abs(fd));
          }
        }
        // Heads beyond this lane's m_h get exactly zero gradient: masked, not merely small.
        const qkvP = model.params.find((q) => q.spec.name === 'W_QKV') as LaneParam;
        const gq = (await (grads[qkvP.spec.name] as Tensor).data()) as Float32Array;
        const cols = qkvP.spec.cols;
        for (let i = 0; i < qkvP.spec.rows; i++) {
          for (let j = mH; j < 3; j++) {
            expect(gq[lane * qkvP.spec.rows * cols + i * cols + j]).toBe(0);
            expect(gq[lane * qkvP.spec.rows * cols + i * cols + 3 + j]).toBe(0);
          }
        }
      }
      tf.dispose([xT, yT, yHat, ...leafGrads, ...stackedGrads]); // w.args are the model's variables
      model.dispose();
    });
  }
});

describe.each([
  ['wasm', 'split'],
  ['cpu', 'batched'],
] as const)('Transformer lanes on %s (%s layout) stay independent', (backendName, layout) => {
  it('a lane whose weights hold NaN leaves every other lane’s output and gradients bit-identical', async () => {
    const tf = await backend(backendName);
    const model = new TransformerLanes(opts(layout, true));
    const rng = new Rng(8);
    const xT = tf.tensor2d(Float32Array.from({ length: B * T }, () => rng.next()), [B, T]) as Tensor2D;
    const yT = tf.tensor3d(Float32Array.from({ length: 2 * B * T }, () => rng.next()), [2, B, T]) as Tensor3D;
    const run = async (): Promise<{ y: Float32Array; grads: Float32Array[] }> => {
      const w = weightArgs(model.params, layout);
      const { value, grads } = tf.valueAndGrads(
        (...a: Tensor[]) => tf.sum(tf.mean(tf.squaredDifference(model.forwardWith(w.view(a), xT, null, false).yHat, yT), [1, 2])) as Scalar,
      )(w.args);
      const stacked = w.stackGrads(grads);
      const yHat = tf.tidy(() => model.forward(xT, null, false).yHat);
      const out = { y: (await yHat.data()) as Float32Array, grads: await Promise.all(stacked.map(async (g) => (await g.data()) as Float32Array)) };
      tf.dispose([value, yHat, ...grads, ...stacked]);
      return out;
    };
    const clean = await run();
    // Poison lane 0's W_QKV.
    const p = model.params.find((q) => q.spec.name === 'W_QKV') as LaneParam;
    tf.tidy(() => {
      if (layout === 'split') (p.variables[0] as ReturnType<typeof tf.variable>).assign(tf.fill([p.spec.rows, p.spec.cols], NaN));
      else {
        const v = p.variables[0] as ReturnType<typeof tf.variable>;
        const lane1 = tf.slice(v, [1, 0, 0], [1, p.spec.rows, p.spec.cols]); // [1, rows, cols]
        v.assign(tf.concat([tf.fill([1, p.spec.rows, p.spec.cols], NaN), lane1]));
      }
    });
    const poisoned = await run();
    const lane = (a: Float32Array, l: number, n: number): number[] => Array.from(a.subarray(l * n, (l + 1) * n));
    // Lane 0 changed (NaN, or a value a fused ReLU clamped), lane 1 not at all.
    expect(lane(poisoned.y, 0, B * T)).not.toEqual(lane(clean.y, 0, B * T));
    expect(lane(poisoned.y, 1, B * T)).toEqual(lane(clean.y, 1, B * T));
    model.params.forEach((q, i) => {
      const n = q.spec.rows * q.spec.cols;
      expect(lane(poisoned.grads[i] as Float32Array, 1, n)).toEqual(lane(clean.grads[i] as Float32Array, 1, n));
    });
    tf.dispose([xT, yT]);
    model.dispose();
  });
});
