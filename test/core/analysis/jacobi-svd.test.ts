import { describe, expect, it } from 'vitest';
import { singularValues, svd } from '../../../src/core/analysis';
import { jacobiSingularValues, JacobiWorkspace } from '../../../src/core/analysis/jacobi-svd';
import { at, mulberry32, uniform } from './random';

function jacobi(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(Math.min(rows, cols));
  jacobiSingularValues(a, 0, rows, cols, new JacobiWorkspace(rows * cols), out, 0);
  return out;
}

/** A = U diag(sigma) Vᵀ with U, V the orthonormal factors of a random matrix's SVD: A's singular values are sigma. */
function withSpectrum(sigma: readonly number[], rows: number, cols: number, seed: number): Float64Array {
  const k = Math.min(rows, cols);
  const { u } = svd(uniform(mulberry32(seed), rows * rows), rows, rows); // [rows, rows]
  const { u: v } = svd(uniform(mulberry32(seed + 1), cols * cols), cols, cols); // [cols, cols]
  const a = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (let l = 0; l < k; l++) sum += at(u, rows, i, l) * (sigma[l] ?? 0) * at(v, cols, j, l);
      a[i * cols + j] = sum;
    }
  }
  return a;
}

describe('jacobiSingularValues', () => {
  it('agrees with ml-matrix’s Golub–Kahan SVD to 1e-13 of the largest value, tall, wide and square', () => {
    const rand = mulberry32(7);
    const shapes: [number, number][] = [[16, 16], [9, 4], [4, 9], [1, 7], [7, 1], [32, 32], [3, 3]];
    for (const [rows, cols] of shapes) {
      for (let trial = 0; trial < 5; trial++) {
        const a = uniform(rand, rows * cols, -3, 3);
        const ours = jacobi(a, rows, cols);
        const ref = singularValues(a, rows, cols);
        const top = ref[0] as number;
        ours.forEach((s, i) => expect(Math.abs(s - (ref[i] as number))).toBeLessThanOrEqual(1e-13 * top));
        ours.forEach((s, i) => i === 0 || expect(s).toBeLessThanOrEqual(ours[i - 1] as number));
      }
    }
  });

  it('finds a constructed spectrum, rank-deficient ones included, to 1e-13 of the largest value', () => {
    const cases: Array<{ sigma: number[]; rows: number; cols: number }> = [
      { sigma: Array.from({ length: 16 }, (_, i) => 1 / (i + 1)), rows: 16, cols: 16 },
      { sigma: [5, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], rows: 16, cols: 16 },
      { sigma: [1, 1, 1, 1e-3, 1e-6, 1e-9], rows: 6, cols: 10 },
      { sigma: [3, 3, 3, 3], rows: 12, cols: 4 },
    ];
    cases.forEach(({ sigma, rows, cols }, n) => {
      const s = jacobi(withSpectrum(sigma, rows, cols, 100 + n), rows, cols);
      const top = sigma[0] as number;
      sigma.forEach((want, i) => expect(Math.abs((s[i] as number) - want)).toBeLessThanOrEqual(1e-13 * top));
    });
  });

  it('reads a matrix at an offset and writes at an offset, leaving the rest of out alone', () => {
    const a = new Float64Array([9, 9, 3, 0, 0, 4]); // diag(3, 4) after two values
    const out = new Float64Array([-1, -1, -1, -1]);
    jacobiSingularValues(a, 2, 2, 2, new JacobiWorkspace(4), out, 1);
    expect([...out]).toEqual([-1, 4, 3, -1]);
  });

  it('gives zeros for a zero matrix and NaN for a non-finite entry', () => {
    expect([...jacobi(new Float64Array(9), 3, 3)]).toEqual([0, 0, 0]);
    const bad = uniform(mulberry32(3), 9);
    bad[4] = Number.POSITIVE_INFINITY;
    expect([...jacobi(bad, 3, 3)].every(Number.isNaN)).toBe(true);
  });

  it('refuses a matrix larger than its workspace', () => {
    expect(() => jacobiSingularValues(new Float64Array(16), 0, 4, 4, new JacobiWorkspace(9), new Float64Array(4), 0)).toThrow(/does not fit/);
  });
});
