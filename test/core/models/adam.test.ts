import { describe, expect, it } from 'vitest';
import { Adam, adamGroups, scaledAdamGroups } from '../../../src/core/models/adam';
import { Rng } from '../../../src/core/rng';
import { backend } from '../../helpers/tf-node';

/** Adam in float64, one scalar at a time: the PyTorch form the class documents. */
function referenceAdam(p0: number[], grads: number[][], lrs: number[], b1: number, b2: number, eps: number): number[] {
  const p = [...p0];
  const m = p.map(() => 0);
  const v = p.map(() => 0);
  grads.forEach((g, step) => {
    const t = step + 1;
    p.forEach((_, i) => {
      const gi = g[i] as number;
      m[i] = b1 * (m[i] as number) + (1 - b1) * gi;
      v[i] = b2 * (v[i] as number) + (1 - b2) * gi * gi;
      const mHat = (m[i] as number) / (1 - b1 ** t);
      const vHat = (v[i] as number) / (1 - b2 ** t);
      p[i] = (p[i] as number) - (lrs[step] as number) * mHat / (Math.sqrt(vHat) + eps);
    });
  });
  return p;
}

describe('Adam over several variables', () => {
  it('groups consecutive variables under the value limit, a larger one alone', () => {
    expect(adamGroups([24, 5, 7], 100)).toEqual([[0, 3]]);
    expect(adamGroups([24, 5, 7], 30)).toEqual([[0, 2], [2, 3]]);
    expect(adamGroups([24, 50, 7, 3], 30)).toEqual([[0, 1], [1, 2], [2, 4]]);
    expect(adamGroups([], 30)).toEqual([]);
  });

  it('also caps the values a group copies when split back (variables × group size)', () => {
    // 4 × 10 = 40 copies fit a limit of 40; a fifth variable would copy 5 × 12 = 60.
    expect(adamGroups([4, 2, 2, 2, 2, 2], 100, 40)).toEqual([[0, 4], [4, 6]]);
    // A variable larger than the copy limit is a group of its own, as for the value limit.
    expect(adamGroups([50, 1, 1], 100, 40)).toEqual([[0, 1], [1, 3]]);
    expect(adamGroups([3, 3, 3], 100, Infinity)).toEqual([[0, 3]]);
  });

  it('never groups variables of unequal learning-rate multipliers', () => {
    expect(scaledAdamGroups([4, 4, 4, 4], [1, 1, 30, 1], 100)).toEqual([[0, 2], [2, 3], [3, 4]]);
    expect(scaledAdamGroups([4, 4, 4, 4], [1, 1, 1, 1], 100)).toEqual([[0, 4]]);
    // Within a run of equal multipliers the value limit still applies.
    expect(scaledAdamGroups([24, 5, 7, 3], [2, 2, 2, 1], 30)).toEqual([[0, 2], [2, 3], [3, 4]]);
    expect(scaledAdamGroups([], [], 30)).toEqual([]);
  });

  it('refuses learning-rate multipliers that are missing, zero or not finite', async () => {
    const tf = await backend('cpu');
    const vars = [tf.variable(tf.zeros([2, 2])), tf.variable(tf.zeros([3]))];
    const opt = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
    for (const lrScales of [[1], [1, 0], [1, Number.NaN], [1, -2]]) {
      expect(() => new Adam(vars, { ...opt, lrScales })).toThrow(/lrScales/);
    }
    tf.dispose(vars);
  });

  const cases = [['wasm', undefined, undefined], ['cpu', undefined, undefined], ['wasm', 10, undefined], ['wasm', undefined, [1, 30, 0.5]], ['cpu', 10, [30, 30, 1]]] as const;
  for (const [name, groupValues, lrScales] of cases) {
    it(`matches a float64 reference over 6 steps with a changing lr on ${name}, ${groupValues ? `groups of ≤ ${groupValues}` : 'one group'}${lrScales ? `, lr × ${lrScales.join(', ')}` : ''}`, async () => {
      const tf = await backend(name);
      const rng = new Rng(3);
      const shapes = [[2, 3, 4], [1, 5], [7]] as const;
      const init = shapes.map((s) => Array.from({ length: s.reduce((a: number, b: number) => a * b, 1) }, () => rng.normal()));
      const vars = shapes.map((s, i) => tf.variable(tf.tensor(init[i] as number[], [...s])));
      const opt = { beta1: 0.9, beta2: 0.999, epsilon: 1e-6, ...(groupValues ? { groupValues } : {}), ...(lrScales ? { lrScales } : {}) };
      const adam = new Adam(vars, opt);
      const lrs = [1e-2, 5e-3, 2e-2, 1e-3, 1e-2, 3e-3];
      const gradSteps = lrs.map(() => init.map((v) => v.map(() => rng.normal() * 0.3)));
      const before = tf.memory().numTensors;
      for (let s = 0; s < lrs.length; s++) {
        const grads = shapes.map((sh, i) => tf.tensor((gradSteps[s] as number[][])[i] as number[], [...sh]));
        adam.apply(grads, lrs[s] as number);
        tf.dispose(grads);
      }
      expect(tf.memory().numTensors).toBe(before);
      expect(adam.step).toBe(6);
      shapes.forEach((_, i) => {
        const scale = lrScales ? (lrScales[i] as number) : 1;
        const scaledLrs = lrs.map((lr) => lr * scale);
        const want = referenceAdam(init[i] as number[], gradSteps.map((g) => g[i] as number[]), scaledLrs, opt.beta1, opt.beta2, opt.epsilon);
        const got = Array.from((vars[i] as ReturnType<typeof tf.variable>).dataSync());
        want.forEach((w, j) => expect(got[j]).toBeCloseTo(w, 5));
        // The update moved every entry (the test would pass trivially otherwise).
        want.forEach((w, j) => expect(Math.abs(w - ((init[i] as number[])[j] as number))).toBeGreaterThan(1e-4));
      });
      adam.dispose();
      tf.dispose(vars);
    });
  }

  it('refuses a gradient list that does not match the variables', async () => {
    const tf = await backend('cpu');
    const vars = [tf.variable(tf.zeros([2, 2])), tf.variable(tf.zeros([3]))];
    const adam = new Adam(vars, { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    expect(() => adam.apply([tf.zeros([2, 2])], 1e-3)).toThrow(/gradient list/);
    expect(() => adam.apply([tf.zeros([2, 2]), tf.zeros([4])], 1e-3)).toThrow(/gradient list/);
    adam.dispose();
    tf.dispose(vars);
  });
});
