import { describe, expect, it } from 'vitest';
import { meanAttention } from '../../../src/core/analysis';

/** softmax of one row, written out directly (no max shift). */
const softmax = (row: number[]): number[] => {
  const e = row.map(Math.exp);
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / z);
};

describe('meanAttention', () => {
  it('is the mean over sequences of each row softmax, rows summing to 1', () => {
    const S1 = [
      [0, 1, 2],
      [3, 0, -1],
      [0.5, 0.5, 0.5],
    ];
    const S2 = [
      [-2, 0, 2],
      [1, 1, 0],
      [4, -4, 0],
    ];
    const A = meanAttention(Float32Array.from([...S1.flat(), ...S2.flat()]), 2, 3); // [3, 3]
    for (let t = 0; t < 3; t++) {
      const a = softmax(S1[t] as number[]);
      const b = softmax(S2[t] as number[]);
      for (let s = 0; s < 3; s++) expect(A[t * 3 + s]).toBeCloseTo(((a[s] as number) + (b[s] as number)) / 2, 7);
      expect((A[t * 3] as number) + (A[t * 3 + 1] as number) + (A[t * 3 + 2] as number)).toBeCloseTo(1, 12);
    }
    expect(A[2 * 3]).toBeCloseTo(1 / 3 / 2 + (softmax([4, -4, 0])[0] as number) / 2, 12);
  });

  it('is stable for large logits, reads only the first `count` matrices, and rejects bad shapes', () => {
    const big = Float64Array.from([1000, 0, 0, 1000, /* a second matrix it must ignore */ 0, 0, 0, 0]);
    expect(Array.from(meanAttention(big, 1, 2))).toEqual([1, 0, 0, 1]);
    expect(Array.from(meanAttention(big, 0, 2))).toEqual([0, 0, 0, 0]);
    expect(() => meanAttention(new Float32Array(3), 1, 2)).toThrow(RangeError);
    expect(() => meanAttention(new Float32Array(4), 1.5, 2)).toThrow(RangeError);
  });
});
