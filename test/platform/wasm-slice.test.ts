import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { streamRng } from '../../src/core/rng';
import { wasmSliceInstalled } from '../../src/platform/wasm-slice';
import { backend } from '../helpers/tf-node';

/** Run `f` on a backend and read its outputs back. */
async function on(name: 'wasm' | 'cpu', f: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await backend(name);
  const out = tf.tidy(f);
  const list = Array.isArray(out) ? out : [out];
  const data = await Promise.all(list.map(async (t) => Float32Array.from(await t.data())));
  tf.dispose(list);
  return data;
}

function values(n: number, seed: number): Float32Array {
  const rng = streamRng(seed, 'eval');
  return Float32Array.from({ length: n }, () => rng.next() * 2 - 1);
}

const sameBits = (a: readonly Float32Array[], b: readonly Float32Array[]): boolean =>
  a.length === b.length && a.every((x, i) => x.length === b[i]?.length && x.every((v, j) => Object.is(v, b[i]?.[j])));

describe('copy-free wasm Slice, Unpack and SplitV', () => {
  const cases: { name: string; shape: number[]; op: (x: tf.Tensor) => tf.Tensor | tf.Tensor[] }[] = [
    { name: 'slice 1-D', shape: [37], op: (x) => tf.slice(x, [5], [20]) },
    { name: 'slice 2-D rows (contiguous)', shape: [12, 9], op: (x) => tf.slice(x, [3, 0], [4, 9]) },
    { name: 'slice 2-D columns', shape: [12, 9], op: (x) => tf.slice(x, [1, 2], [10, 5]) },
    { name: 'slice 3-D', shape: [4, 6, 5], op: (x) => tf.slice(x, [1, 2, 1], [2, 3, 4]) },
    { name: 'slice 4-D', shape: [3, 4, 5, 6], op: (x) => tf.slice(x, [1, 0, 2, 3], [2, 4, 2, 3]) },
    { name: 'slice 5-D', shape: [2, 3, 2, 4, 3], op: (x) => tf.slice(x, [1, 1, 0, 1, 1], [1, 2, 2, 3, 2]) },
    { name: 'slice with size -1', shape: [6, 7], op: (x) => tf.slice(x, [2, 3], [-1, -1]) },
    { name: 'empty slice', shape: [6, 7], op: (x) => tf.slice(x, [2, 3], [0, 2]) },
    { name: 'unstack axis 0 (the RNN states)', shape: [8, 16, 12], op: (x) => tf.unstack(x) },
    { name: 'unstack axis 1', shape: [3, 5, 4], op: (x) => tf.unstack(x, 1) },
    { name: 'unstack last axis', shape: [3, 5, 4], op: (x) => tf.unstack(x, -1) },
    { name: 'split into sizes', shape: [10, 6], op: (x) => tf.split(x, [2, 5, 3], 0) },
    { name: 'split in equal parts along columns', shape: [4, 9], op: (x) => tf.split(x, 3, 1) },
  ];
  for (const c of cases) {
    it(`${c.name}: the same bits as the cpu backend`, async () => {
      const data = values(c.shape.reduce((a, b) => a * b, 1), c.shape.length);
      const make = (): tf.Tensor | tf.Tensor[] => c.op(tf.tensor(data, c.shape));
      const wasm = await on('wasm', make);
      const cpu = await on('cpu', make);
      expect(sameBits(wasm, cpu)).toBe(true);
    });
  }

  it('int32 slices and the gradient of tf.stack (Unpack) match the cpu backend', async () => {
    const ints = (): tf.Tensor => tf.slice(tf.tensor2d(Int32Array.from({ length: 30 }, (_, i) => i * 7 - 40), [5, 6], 'int32'), [1, 2], [3, 3]);
    expect(sameBits(await on('wasm', ints), await on('cpu', ints))).toBe(true);
    const data = values(4 * 6 * 5, 9);
    const grad = (): tf.Tensor[] => {
      const parts = tf.unstack(tf.tensor3d(data, [4, 6, 5]));
      const w = tf.tensor3d(values(4 * 6 * 5, 10), [4, 6, 5]);
      return tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(tf.stack(xs), w)))(parts);
    };
    expect(sameBits(await on('wasm', grad), await on('cpu', grad))).toBe(true);
  });

  it('the wasm backend runs the copy-free kernels', async () => {
    await backend('wasm');
    expect(wasmSliceInstalled()).toBe(true);
  });
});
