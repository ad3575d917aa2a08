/**
 * Singular value decomposition of small dense real matrices (row-major `Float64Array`s in,
 * row-major `Float64Array`s out), built on ml-matrix's Golub–Kahan SVD.
 *
 * For general use: vectors, ranks, the target's function SVD. The spectra views' many small
 * matrices go through ./jacobi-svd.ts instead, which allocates nothing per matrix (ml-matrix makes a
 * typed array per row, which a Chromium worker pays for in garbage collection). `autoTranspose` is
 * always on: without it ml-matrix returns a spurious trailing 0 for wide matrices.
 *
 * Non-finite input never reaches the iteration: every singular value (and vector entry) comes back
 * NaN, so a diverged model shows up as "no spectrum" rather than a hang or a plausible-looking one.
 */
import { Matrix, SVD } from 'ml-matrix';

/** A thin SVD A = U · diag(s) · Vᵀ with k = min(rows, cols). */
export interface SvdResult {
  readonly rows: number;
  readonly cols: number;
  /** min(rows, cols) */
  readonly k: number;
  /** left singular vectors, [rows, k] row-major; column j belongs to s[j] */
  readonly u: Float64Array;
  /** singular values, [k], descending, ≥ 0 */
  readonly s: Float64Array;
  /** right singular vectors, [cols, k] row-major; column j belongs to s[j] */
  readonly v: Float64Array;
  /** numerical rank: how many s[j] exceed `tolerance` */
  readonly rank: number;
  /** the rank threshold used: max(rows, cols) · s[0] · machine epsilon unless given */
  readonly tolerance: number;
}

function checkShape(a: ArrayLike<number>, rows: number, cols: number): void {
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
    throw new RangeError(`svd: rows and cols must be non-negative integers (got ${rows} × ${cols})`);
  }
  if (a.length !== rows * cols) {
    throw new RangeError(`svd: expected ${rows} × ${cols} = ${rows * cols} entries, got ${a.length}`);
  }
}

function allFinite(a: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i] ?? Number.NaN)) return false;
  }
  return true;
}

function toMatrix(a: ArrayLike<number>, rows: number, cols: number): Matrix {
  const m = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) m.set(i, j, a[i * cols + j] ?? 0);
  }
  return m;
}

/** Indices of `d` ordered by descending value (ml-matrix already sorts; this makes it a guarantee). */
function descendingOrder(d: readonly number[]): number[] {
  return d.map((_, i) => i).sort((i, j) => (d[j] ?? 0) - (d[i] ?? 0));
}

/** Singular values of the rows × cols row-major matrix `a`, descending; length min(rows, cols). */
export function singularValues(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  checkShape(a, rows, cols);
  const k = Math.min(rows, cols);
  if (k === 0) return new Float64Array(0);
  if (!allFinite(a)) return new Float64Array(k).fill(Number.NaN);
  const d = new SVD(toMatrix(a, rows, cols), {
    autoTranspose: true,
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
  }).diagonal;
  const out = Float64Array.from(d.slice(0, k), (x) => Math.abs(x));
  return out.sort().reverse();
}

/**
 * Thin SVD of the rows × cols row-major matrix `a`. `tolerance` (optional) sets the threshold
 * below which a singular value does not count towards `rank`.
 */
export function svd(
  a: ArrayLike<number>,
  rows: number,
  cols: number,
  opts: { tolerance?: number } = {},
): SvdResult {
  checkShape(a, rows, cols);
  const k = Math.min(rows, cols);
  if (k === 0 || !allFinite(a)) {
    const nan = (n: number): Float64Array => new Float64Array(n).fill(Number.NaN);
    return { rows, cols, k, u: nan(rows * k), s: nan(k), v: nan(cols * k), rank: 0, tolerance: Number.NaN };
  }
  const dec = new SVD(toMatrix(a, rows, cols), { autoTranspose: true });
  const d = dec.diagonal;
  const uM = dec.leftSingularVectors; // [rows, ≥k]
  const vM = dec.rightSingularVectors; // [cols, ≥k]
  const order = descendingOrder(d.slice(0, k));
  const u = new Float64Array(rows * k);
  const s = new Float64Array(k);
  const v = new Float64Array(cols * k);
  order.forEach((src, j) => {
    const sigma = d[src] ?? 0;
    // A negative σ (never seen from ml-matrix, but cheap to guard) is folded into U's column.
    const sign = sigma < 0 ? -1 : 1;
    s[j] = Math.abs(sigma);
    for (let i = 0; i < rows; i++) u[i * k + j] = sign * uM.get(i, src);
    for (let i = 0; i < cols; i++) v[i * k + j] = vM.get(i, src);
  });
  const tolerance = opts.tolerance ?? Math.max(rows, cols) * (s[0] ?? 0) * Number.EPSILON;
  let rank = 0;
  for (const x of s) if (x > tolerance) rank++;
  return { rows, cols, k, u, s, v, rank, tolerance };
}
