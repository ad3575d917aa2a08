import { describe, expect, it } from 'vitest';
import type { Scalar, Tensor, Tensor2D, Tensor3D, Variable } from '@tensorflow/tfjs-core';
import { Adam } from '../../../src/core/models/adam';
import { dense2d } from '../../../src/core/models/ops';
import { weightArgs } from '../../../src/core/models/params';
import { SIMD_WASM_BASE64 } from '../../../src/core/models/simd/binary';
import { batchMatMul, setSimdKernels, simdAvailable } from '../../../src/core/models/simd/kernels';
import { TransformerLanes } from '../../../src/core/models/transformer';
import { Rng } from '../../../src/core/rng';
import { assembleSimd } from '../../../tools/assemble-simd';
import { backend } from '../../helpers/tf-node';

/** Indices where two arrays differ as float32 bit patterns (so −0 ≠ +0 and NaN = NaN). */
function bitDiffs(a: Float32Array, b: Float32Array): number {
  const ia = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ib = new Uint32Array(b.buffer, b.byteOffset, b.length);
  let n = a.length === b.length ? 0 : Infinity;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (ia[i] !== ib[i]) n++;
  return n;
}

describe('Rankscope SIMD kernels', () => {
  it('binary.ts holds the assembled wat.ts (run npm run build:simd after editing wat.ts)', async () => {
    const bytes = await assembleSimd();
    expect(Buffer.from(bytes).toString('base64')).toBe(SIMD_WASM_BASE64);
  });

  it('are there on wasm and not on cpu, where batchMatMul is tf.matMul', async () => {
    const tf = await backend('cpu');
    expect(simdAvailable()).toBe(false);
    const a = tf.ones([2, 3, 4]) as Tensor3D;
    expect(Array.from(batchMatMul(a, a, false, true).dataSync())).toEqual(new Array(18).fill(4));
    tf.dispose(a);
    await backend('wasm');
    expect(simdAvailable()).toBe(true);
  });

  // Every flag pair; column counts with 8-, 4- and single-column tiles; row counts with remainders;
  // K below, at and above tfjs's 48-term blocks; batch 1 unflagged (tfjs's XNNPACK path: one sum).
  const shapes = [
    [64, 16, 16, 32],
    [16, 32, 32, 32],
    [3, 21, 100, 37],
    [2, 33, 48, 13],
    [2, 5, 49, 3],
    [1, 64, 200, 64],
    [1, 7, 3, 1],
    [5, 1, 1, 5],
  ] as const;
  it('batchMatMul gives tf.matMul’s float32 values bit for bit on wasm', async () => {
    const tf = await backend('wasm');
    const rng = new Rng(7);
    const before = tf.memory().numTensors;
    for (const [batch, M, K, N] of shapes) {
      for (const tA of [false, true]) {
        for (const tB of [false, true]) {
          const make = (shape: number[]): Tensor3D =>
            tf.tensor3d(Float32Array.from({ length: shape.reduce((x, y) => x * y, 1) }, () => rng.normal()), shape as [number, number, number]);
          const a = make(tA ? [batch, K, M] : [batch, M, K]);
          const b = make(tB ? [batch, N, K] : [batch, K, N]);
          const want = tf.matMul(a, b, tA, tB);
          const got = batchMatMul(a, b, tA, tB);
          expect(got.shape).toEqual(want.shape);
          expect(bitDiffs(got.dataSync() as Float32Array, want.dataSync() as Float32Array), `${batch}×${M}×${K}×${N} ${tA} ${tB}`).toBe(0);
          tf.dispose([a, b, want, got]);
        }
      }
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the fused Adam step equals the grouped ops bit for bit (values, moments, snapshot and restore)', async () => {
    const tf = await backend('wasm');
    const rng = new Rng(11);
    const shapes = [[2, 3, 4], [1, 5], [7], [130, 3]] as const;
    const init = shapes.map((s) => Float32Array.from({ length: s.reduce((a: number, b: number) => a * b, 1) }, () => rng.normal()));
    const make = (): Variable[] => shapes.map((s, i) => tf.variable(tf.tensor(init[i] as Float32Array, [...s])));
    const opt = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7, lrScales: [1, 30, 1, 0.5] };
    const varsF = make();
    const varsO = make();
    const fused = new Adam(varsF, opt);
    const ops = new Adam(varsO, { ...opt, fused: false });
    const lrs = [1e-2, 5e-3, 2e-2, 1e-3, 1e-2, 3e-3];
    const before = tf.memory().numTensors;
    for (const lr of lrs) {
      const grads: Tensor[] = shapes.map((s) => tf.tensor(Float32Array.from({ length: s.reduce((a: number, b: number) => a * b, 1) }, () => rng.normal() * 0.3), [...s]));
      fused.apply(grads, lr);
      ops.apply(grads, lr);
      tf.dispose(grads);
    }
    expect(tf.memory().numTensors).toBe(before);
    varsF.forEach((v, i) => expect(bitDiffs(v.dataSync() as Float32Array, (varsO[i] as Variable).dataSync() as Float32Array)).toBe(0));
    const [sF, sO] = [await fused.snapshot(), await ops.snapshot()];
    expect(sF.t).toBe(sO.t);
    sF.m.forEach((m, i) => expect(bitDiffs(m, sO.m[i] as Float32Array)).toBe(0));
    sF.v.forEach((v, i) => expect(bitDiffs(v, sO.v[i] as Float32Array)).toBe(0));
    // A snapshot of the grouped ops restores into the fused optimiser (and back) unchanged.
    fused.restore(sO);
    const again = await fused.snapshot();
    again.m.forEach((m, i) => expect(bitDiffs(m, sO.m[i] as Float32Array)).toBe(0));
    fused.dispose();
    ops.dispose();
    tf.dispose([...varsF, ...varsO]);
  });
});

describe('a training step with and without the SIMD kernels', () => {
  /** Loss gradients of every variable of a Transformer lane on wasm (split layout). */
  async function transformerGrads(on: boolean, pe: 'none' | 'learned', mH: number, fixed = false): Promise<Float32Array[]> {
    const tf = await backend('wasm');
    setSimdKernels(on);
    try {
      const B = 6;
      const T = 9;
      const model = new TransformerLanes({
        tau: T, n: 12, mV: 10, mFF: 20, depth: 3, act: 'relu', pe, scaleLogits: true, fixedFeatureDim: fixed ? 5 : null,
        layout: 'split', lanes: [{ mH, seed: 3 }, { mH: 1, seed: 4 }],
      });
      const rng = new Rng(9);
      const x = tf.tensor2d(Float32Array.from({ length: B * T }, () => rng.next()), [B, T]);
      const features = fixed ? tf.tensor2d(Float32Array.from({ length: B * T * 5 }, () => rng.normal()), [B * T, 5]) : null;
      const y = tf.tensor3d(Float32Array.from({ length: 2 * B * T }, () => rng.normal()), [2, B, T]);
      const w = weightArgs(model.params, 'split');
      const { grads } = tf.valueAndGrads((...a: Tensor[]) => tf.sum(tf.squaredDifference(model.forwardWith(w.view(a), x, features, false).yHat, y)) as Scalar)(w.args);
      const logits = model.forward(x, features, true).logits;
      const out = [...grads, ...(logits ? [logits] : [])].map((g) => Float32Array.from(g.dataSync()));
      tf.dispose([...grads, x, y, ...(features ? [features] : []), ...(logits ? [logits] : [])]);
      model.dispose();
      return out;
    } finally {
      setSimdKernels(true);
    }
  }

  for (const [pe, mH, fixed] of [['none', 4, false], ['learned', 3, false], ['none', 3, true]] as const) {
    it(`gives the same gradients and logits bit for bit (wasm, split layout, PE ${pe}, m_h ${mH}${fixed ? ', fixed features' : ''})`, async () => {
      const off = await transformerGrads(false, pe, mH, fixed);
      const on = await transformerGrads(true, pe, mH, fixed);
      expect(on.length).toBe(off.length);
      on.forEach((g, i) => expect(bitDiffs(g, off[i] as Float32Array), `variable ${i}`).toBe(0));
      // Not trivially: the gradients are not all zero.
      expect(on.some((g) => g.some((v) => Math.abs(v) > 1e-3))).toBe(true);
    });
  }

  it('dense layers: forward and gradients bit for bit, thin and wide, relu and linear, with and without dx', async () => {
    const tf = await backend('wasm');
    for (const [rows, inDim, out] of [[64, 1, 17], [64, 20, 7], [96, 7, 33], [40, 16, 1], [600, 9, 12]] as const) {
      for (const act of ['relu', null] as const) {
        for (const inputGrad of [true, false]) {
          const run = (on: boolean): Float32Array[] => {
            setSimdKernels(on);
            try {
              return tf.tidy(() => {
                const r = new Rng(rows + inDim + out);
                const t = (shape: [number, number]): Tensor2D => tf.tensor2d(Float32Array.from({ length: shape[0] * shape[1] }, () => r.normal()), shape);
                const [x, w, b, dy] = [t([rows, inDim]), t([inDim, out]), t([1, out]), t([rows, out])];
                const f = (xx: Tensor, ww: Tensor, bb: Tensor): Tensor => tf.mul(dense2d(xx as Tensor2D, ww as Tensor2D, bb as Tensor2D, act, inputGrad), dy);
                const { value, grads } = tf.valueAndGrads((xx: Tensor, ww: Tensor, bb: Tensor) => tf.sum(f(xx, ww, bb)) as Scalar)([x, w, b]);
                const y = dense2d(x, w, b, act, inputGrad);
                return [y, value, ...grads].map((g) => Float32Array.from(g.dataSync()));
              });
            } finally {
              setSimdKernels(true);
            }
          };
          const [off, on] = [run(false), run(true)];
          on.forEach((g, i) => expect(bitDiffs(g, off[i] as Float32Array), `${rows}×${inDim}→${out} ${act} dx ${inputGrad}: output ${i}`).toBe(0));
        }
      }
    }
  });
});

describe('the dense forward kernel at the edges', () => {
  it('handles NaN, ±Infinity and −0 as tfjs-wasm’s fused XNNPACK product does', async () => {
    const tf = await backend('wasm');
    const negNaN = new Float32Array(new Uint32Array([0xffc00000]).buffer)[0] as number;
    const xs = [Number.NaN, 1, negNaN, 1, 1, 0, -1, 0, Infinity, 0, -0, -0, -Infinity, 2];
    for (const relu of [true, false]) {
      const run = (on: boolean): Float32Array => {
        setSimdKernels(on);
        try {
          return tf.tidy(() => {
            const x = tf.tensor2d(xs, [7, 2]);
            const w = tf.tensor2d([1, 1, 1, 1, 1, -1, 1, 1, 1, 1], [2, 5]);
            const b = tf.tensor2d([0, -0, 0, -0, 3], [1, 5]);
            return Float32Array.from(dense2d(x, w, b, relu ? 'relu' : null, true).dataSync());
          });
        } finally {
          setSimdKernels(true);
        }
      };
      expect(bitDiffs(run(true), run(false)), `relu ${relu}`).toBe(0);
    }
  });
});
