import { describe, expect, it } from 'vitest';
import { Matrix, SVD } from 'ml-matrix';
import { singularValues, svd } from '../../../src/core/analysis';
import { at, mulberry32, uniform } from './random';

/** max |U diag(s) Vᵀ − A| */
function reconstructionError(a: ArrayLike<number>, rows: number, cols: number): number {
  const { u, s, v, k } = svd(a, rows, cols);
  let worst = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let sum = 0;
      for (let l = 0; l < k; l++) sum += at(u, k, i, l) * (s[l] ?? 0) * at(v, k, j, l);
      worst = Math.max(worst, Math.abs(sum - at(a, cols, i, j)));
    }
  }
  return worst;
}

/** max |QᵀQ − I| for a [n, k] row-major Q */
function orthonormalityError(q: Float64Array, n: number, k: number): number {
  let worst = 0;
  for (let p = 0; p < k; p++) {
    for (let r = 0; r < k; r++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += at(q, k, i, p) * at(q, k, i, r);
      worst = Math.max(worst, Math.abs(dot - (p === r ? 1 : 0)));
    }
  }
  return worst;
}

const isDescending = (s: Float64Array): boolean => s.every((x, i) => i === 0 || x <= (s[i - 1] ?? Infinity));

describe('svd', () => {
  const shapes: [number, number][] = [
    [16, 16],
    [9, 4],
    [4, 9],
    [1, 7],
    [7, 1],
  ];
  it.each(shapes)('reconstructs a random %i × %i matrix with orthonormal factors', (rows, cols) => {
    const a = uniform(mulberry32(rows * 100 + cols), rows * cols);
    const r = svd(a, rows, cols);
    expect(r.k).toBe(Math.min(rows, cols));
    expect(reconstructionError(a, rows, cols)).toBeLessThan(1e-12);
    expect(orthonormalityError(r.u, rows, r.k)).toBeLessThan(1e-12);
    expect(orthonormalityError(r.v, cols, r.k)).toBeLessThan(1e-12);
    expect(isDescending(r.s)).toBe(true);
    expect(r.rank).toBe(r.k);
    expect(Array.from(singularValues(a, rows, cols))).toEqual(Array.from(r.s).map((x) => expect.closeTo(x, 12)));
  });

  it('recovers a known spectrum hidden by random rotations', () => {
    // A = Q1 diag(5, 3, 0.5, 0) Q2ᵀ with Q from the SVD of random matrices.
    const rand = mulberry32(7);
    const n = 4;
    const q1 = new SVD(new Matrix([...Array(n)].map(() => Array.from(uniform(rand, n))))).leftSingularVectors;
    const q2 = new SVD(new Matrix([...Array(n)].map(() => Array.from(uniform(rand, n))))).leftSingularVectors;
    const sigma = [5, 3, 0.5, 0];
    const a = q1.mmul(Matrix.diag(sigma)).mmul(q2.transpose());
    const r = svd(a.to1DArray(), n, n);
    expect(Array.from(r.s)).toEqual(sigma.map((x) => expect.closeTo(x, 12)));
    expect(r.rank).toBe(3);
    expect(reconstructionError(a.to1DArray(), n, n)).toBeLessThan(1e-12);
  });

  it('gives |x||y| for an outer product x yᵀ, wide or tall', () => {
    const x = [1, 2, 2]; // |x| = 3
    const y = [3, 0, 4, 0, 0]; // |y| = 5
    const wide = y.flatMap((yi) => x.map((xj) => yi * xj)); // 5 × 3
    const tall = x.flatMap((xi) => y.map((yj) => xi * yj)); // 3 × 5
    for (const [m, rows, cols] of [
      [wide, 5, 3],
      [tall, 3, 5],
    ] as const) {
      const s = singularValues(m, rows, cols);
      expect(s.length).toBe(3);
      expect(s[0]).toBeCloseTo(15, 12);
      expect(s[1]).toBeCloseTo(0, 12);
      expect(s[2]).toBeCloseTo(0, 12);
      expect(svd(m, rows, cols).rank).toBe(1);
    }
  });

  it('sorts a diagonal matrix’s absolute entries in descending order', () => {
    const a = [1, 0, 0, 0, -7, 0, 0, 0, 3];
    expect(Array.from(singularValues(a, 3, 3))).toEqual([7, 3, 1].map((x) => expect.closeTo(x, 14)));
    expect(reconstructionError(a, 3, 3)).toBeLessThan(1e-14);
  });

  it('agrees with ml-matrix on a Float32Array input', () => {
    const a = Float32Array.from(uniform(mulberry32(3), 6 * 5));
    const ref = new SVD(Matrix.from1DArray(6, 5, Array.from(a))).diagonal;
    expect(Array.from(singularValues(a, 6, 5))).toEqual(ref.map((x) => expect.closeTo(x, 12)));
  });

  it('returns NaN rather than iterating on non-finite input', () => {
    const a = [1, 2, Number.NaN, 4];
    expect(Array.from(singularValues(a, 2, 2)).every(Number.isNaN)).toBe(true);
    const r = svd([1, Infinity, 0, 1], 2, 2);
    expect(Array.from(r.s).every(Number.isNaN)).toBe(true);
    expect(r.rank).toBe(0);
  });

  it('rejects a length that does not match the shape, and handles empty shapes', () => {
    expect(() => singularValues([1, 2, 3], 2, 2)).toThrow(RangeError);
    expect(() => svd([1, 2, 3, 4], 2, 3)).toThrow(/2 × 3 = 6/);
    expect(singularValues([], 0, 3).length).toBe(0);
  });
});
