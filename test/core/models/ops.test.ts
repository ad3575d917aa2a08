import { describe, expect, it } from 'vitest';
import type { Tensor, Tensor2D } from '@tensorflow/tfjs-core';
import { transpose2d } from '../../../src/core/models/ops';
import { Rng } from '../../../src/core/rng';
import { backend } from '../../helpers/tf-node';

describe('transpose2d (blocked)', () => {
  for (const name of ['wasm', 'cpu'] as const) {
    it(`equals the element-wise transpose on ${name}, blocked and not`, async () => {
      const tf = await backend(name);
      const rng = new Rng(7);
      // 1024×128 and 64×3 take the blocked path; 40×5 (not a multiple of the block) and 32×9 do not.
      for (const [R, C] of [
        [1024, 128],
        [64, 3],
        [40, 5],
        [32, 9],
      ] as const) {
        const data = Float32Array.from({ length: R * C }, () => rng.normal());
        const x = tf.tensor2d(data, [R, C]);
        const t = transpose2d(x as Tensor2D);
        expect(t.shape).toEqual([C, R]);
        const out = t.dataSync();
        let worst = 0;
        for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) worst = Math.max(worst, Math.abs((out[c * R + r] as number) - (data[r * C + c] as number)));
        expect(worst).toBe(0);
        tf.dispose([x, t]);
      }
    });
  }
});

describe('backward handles of the plain-product ops', () => {
  it('hold nothing outside a gradient, and free all they hold once the gradient has run', async () => {
    const tf = await backend('wasm');
    const { dense2d, mm2d, releaseBackwardTensors } = await import('../../../src/core/models/ops');
    const rng = new Rng(2);
    const x = tf.tensor2d(Float32Array.from({ length: 64 * 3 }, () => rng.normal()), [64, 3]);
    const w = tf.tensor2d(Float32Array.from({ length: 3 * 5 }, () => rng.normal()), [3, 5]);
    const b = tf.tensor2d(Float32Array.from({ length: 5 }, () => rng.normal()), [1, 5]);
    const v = tf.tensor2d(Float32Array.from({ length: 5 * 2 }, () => rng.normal()), [5, 2]);
    const base = tf.memory().numTensors;

    // Inference: nothing held.
    tf.tidy(() => {
      mm2d(dense2d(x, w, b, 'relu', true), v);
    });
    expect(releaseBackwardTensors()).toBe(0);
    expect(tf.memory().numTensors).toBe(base);

    // A gradient: every handle is dropped by the gradient that read it; the gradient is right.
    const g = tf.tidy(() => {
      const { grads } = tf.valueAndGrads((ww: Tensor) => tf.sum(mm2d(dense2d(x, ww as Tensor2D, b, 'relu', true), v)))([w]);
      return grads[0] as Tensor2D;
    });
    expect(releaseBackwardTensors()).toBe(0);
    const auto = tf.tidy(() => tf.grad((ww: Tensor) => tf.sum(tf.matMul(tf.relu(tf.add(tf.matMul(x, ww as Tensor2D), b)), v)))(w));
    const worst = tf.tidy(() => tf.max(tf.abs(tf.sub(g, auto))).dataSync()[0] as number);
    expect(worst).toBeLessThan(1e-4);
    expect(tf.tidy(() => tf.sum(tf.abs(auto)).dataSync()[0] as number)).toBeGreaterThan(0.1);
    tf.dispose([g, auto]);
    expect(tf.memory().numTensors).toBe(base);

    // A recorded op whose gradient is pruned (not on the path to the loss) is freed by the release.
    tf.tidy(() => {
      tf.valueAndGrads((ww: Tensor) => {
        dense2d(x, ww as Tensor2D, b, null, true); // unused
        return tf.sum(tf.matMul(x, ww as Tensor2D));
      })([w]);
    });
    expect(releaseBackwardTensors()).toBe(3);
    expect(tf.memory().numTensors).toBe(base);
    tf.dispose([x, w, b, v]);
  });
});
