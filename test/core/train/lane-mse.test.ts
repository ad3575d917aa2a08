import { describe, expect, it } from 'vitest';
import type { Tensor, Tensor3D } from '@tensorflow/tfjs-core';
import { perLaneMse } from '../../../src/core/train/lane-mse';
import { copiesOnWrite, StepBuffers } from '../../../src/core/train/step-buffers';
import { Rng } from '../../../src/core/rng';
import { backend } from '../../helpers/tf-node';

/** Float32 bit patterns of a tensor's values (so −0 ≠ +0 and every NaN payload counts). */
function bits(t: Tensor): number[] {
  const v = t.dataSync() as Float32Array;
  return Array.from(new Uint32Array(v.buffer, v.byteOffset, v.length));
}

describe('perLaneMse', () => {
  for (const name of ['wasm', 'cpu'] as const) {
    it(`gives tfjs's own mean((ŷ − y)²) and its gradient bit for bit on ${name}, under a weighted sum`, async () => {
      const tf = await backend(name);
      const rng = new Rng(17);
      const [L, B, T] = [5, 7, 3];
      const yHat = tf.tensor3d(rng.fillUniform(new Float32Array(L * B * T), -3, 3), [L, B, T]);
      const y = tf.tensor3d(rng.fillUniform(new Float32Array(L * B * T), -3, 3), [L, B, T]);
      // Lane weights that are not powers of two, so the seed dy differs by lane and rounds.
      const w = tf.tensor1d([0.3, 1.7, -2.1, 1e-3, 5.5]);
      const ours = tf.valueAndGrad((a: Tensor) => tf.sum(tf.mul(perLaneMse(a as Tensor3D, y), w)));
      const theirs = tf.valueAndGrad((a: Tensor) => tf.sum(tf.mul(tf.mean(tf.squaredDifference(a, y), [1, 2]), w)));
      const o = ours(yHat);
      const t = theirs(yHat);
      expect(bits(o.value)).toEqual(bits(t.value));
      expect(bits(o.grad)).toEqual(bits(t.grad));
      // And the gradient is the one of the formula: 2 (ŷ − y) w_l / (B·T), to float32 rounding.
      const g = o.grad.dataSync();
      const a = yHat.dataSync();
      const b = y.dataSync();
      const wl = w.dataSync();
      for (let i = 0; i < g.length; i++) {
        const want = (2 * ((a[i] as number) - (b[i] as number)) * (wl[Math.floor(i / (B * T))] as number)) / (B * T);
        expect(Math.abs((g[i] as number) - want)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(want)));
      }
      tf.dispose([yHat, y, w, o.value, o.grad, t.value, t.grad]);
    });
  }

  it('keeps no tensor past the step (value taken without a gradient too)', async () => {
    const tf = await backend('wasm');
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const a = tf.ones([2, 3, 4]) as Tensor3D;
      const y = tf.zeros([2, 3, 4]) as Tensor3D;
      expect(Array.from(perLaneMse(a, y).dataSync())).toEqual([1, 1]);
      tf.grad((x: Tensor) => tf.sum(perLaneMse(x as Tensor3D, y)))(a);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('StepBuffers', () => {
  it('hands out the same array at every step where tensors copy their values (wasm), fresh ones elsewhere', async () => {
    expect(copiesOnWrite('wasm')).toBe(true);
    for (const name of ['cpu', 'webgl', 'webgpu']) expect(copiesOnWrite(name)).toBe(false);
    const reused = new StepBuffers(true);
    const a = reused.get('x', 8);
    expect(reused.get('x', 8)).toBe(a);
    expect(reused.get('x', 9)).not.toBe(a);
    expect(reused.get('x', 9).length).toBe(9);
    const fresh = new StepBuffers(false);
    expect(fresh.get('x', 8)).not.toBe(fresh.get('x', 8));
    // On wasm a tensor made from a reused array keeps its values when the array is overwritten.
    const tf = await backend('wasm');
    const buf = reused.get('y', 3);
    buf.set([1, 2, 3]);
    const t = tf.tensor1d(buf);
    buf.fill(0);
    expect(Array.from(t.dataSync())).toEqual([1, 2, 3]);
    t.dispose();
    // On cpu the tensor keeps the very array it was given: reusing it would change the tensor.
    const cpu = await backend('cpu');
    const shared = new Float32Array([1, 2, 3]);
    const c = cpu.tensor1d(shared);
    shared.fill(0);
    expect(Array.from(c.dataSync())).toEqual([0, 0, 0]);
    c.dispose();
  });
});
