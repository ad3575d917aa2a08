/**
 * Singular values of small dense matrices without allocating: one-sided (Hestenes) Jacobi on a
 * workspace the caller keeps.
 *
 * Why not ml-matrix (./svd.ts) here: the spectra views take 256 SVDs of a τ × τ logit matrix per
 * Transformer lane at every evaluation (6,144 per worker for fig5-alpha1), and ml-matrix keeps every
 * matrix row as its own Float64Array, ~64 typed arrays per 16 × 16 SVD. In a Chromium worker each
 * such array is a separate ArrayBuffer whose freeing is the heap's background ArrayBuffer sweep:
 * measured as the largest part of the renderer thread pool's work after an evaluation. This routine
 * computes the same values with two flat buffers reused from matrix to matrix.
 *
 * The method: the k = min(rows, cols) vectors g_1..g_k (the columns of A, or its rows when A is wide)
 * are made mutually orthogonal by plane rotations, pair by pair, sweep after sweep; the rotations
 * are orthogonal, so the singular values are the vectors' final norms. A pair is rotated while
 * |g_p·g_q| > k·ε·‖g_p‖‖g_q‖ (with L = max(rows, cols) entries per vector; Demmel & Veselić's
 * criterion), which gives every singular value to high relative accuracy
 * (test/core/analysis/jacobi-svd.test.ts checks against ml-matrix and exactly constructed spectra).
 */

/** Machine epsilon of float64. */
const EPS = 2 ** -52;
/** Sweeps allowed before giving up on the last rotations (16 × 16 matrices converge in ~6–10). */
const MAX_SWEEPS = 60;

/** Reusable buffers for matrices of up to `maxEntries` values. */
export class JacobiWorkspace {
  /** The k vectors being orthogonalised, [k, L] row-major. */
  readonly g: Float64Array;
  /** Their squared norms while rotating, then their norms. */
  readonly norms: Float64Array;

  constructor(readonly maxEntries: number) {
    this.g = new Float64Array(maxEntries);
    this.norms = new Float64Array(Math.ceil(Math.sqrt(maxEntries)) + 1);
  }
}

/**
 * The singular values of the rows × cols row-major matrix at a[offset ..], descending, written to
 * out[outOffset .. outOffset + min(rows, cols)]. A non-finite entry gives NaN for every value.
 */
export function jacobiSingularValues(
  a: ArrayLike<number>,
  offset: number,
  rows: number,
  cols: number,
  ws: JacobiWorkspace,
  out: Float64Array,
  outOffset: number,
): void {
  const k = Math.min(rows, cols);
  const L = Math.max(rows, cols);
  if (k === 0) return;
  if (rows * cols > ws.maxEntries || k >= ws.norms.length) {
    throw new RangeError(`jacobiSingularValues: a ${rows} × ${cols} matrix does not fit a workspace of ${ws.maxEntries} values`);
  }
  const g = ws.g; // [k, L]
  const tall = rows >= cols;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = a[offset + i * cols + j] as number;
      if (!Number.isFinite(v)) {
        out.fill(Number.NaN, outOffset, outOffset + k);
        return;
      }
      // Tall: vector j is column j of A. Wide: vector i is row i of A.
      if (tall) g[j * L + i] = v;
      else g[i * L + j] = v;
    }
  }
  const tol = L * EPS;
  const sq = ws.norms; // ‖g_j‖², recomputed at every sweep and updated by each rotation within it
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    for (let j = 0; j < k; j++) {
      let n2 = 0;
      for (let i = 0; i < L; i++) n2 += (g[j * L + i] as number) ** 2;
      sq[j] = n2;
    }
    let rotated = false;
    for (let p = 0; p < k - 1; p++) {
      const pAt = p * L;
      for (let q = p + 1; q < k; q++) {
        const qAt = q * L;
        const alpha = sq[p] as number; // ‖g_p‖²
        const beta = sq[q] as number; // ‖g_q‖²
        let gamma = 0; // g_p · g_q
        for (let i = 0; i < L; i++) gamma += (g[pAt + i] as number) * (g[qAt + i] as number);
        if (Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        // The rotation that zeroes g_p · g_q: tan θ = t, the smaller of the two roots.
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < L; i++) {
          const x = g[pAt + i] as number;
          const y = g[qAt + i] as number;
          g[pAt + i] = c * x - s * y;
          g[qAt + i] = s * x + c * y;
        }
        sq[p] = alpha - t * gamma;
        sq[q] = beta + t * gamma;
      }
    }
    if (!rotated) break;
  }
  const norms = ws.norms;
  for (let j = 0; j < k; j++) {
    let sq = 0;
    for (let i = 0; i < L; i++) sq += (g[j * L + i] as number) ** 2;
    norms[j] = Math.sqrt(sq);
  }
  // Descending by insertion (k is small).
  for (let j = 1; j < k; j++) {
    const v = norms[j] as number;
    let i = j - 1;
    while (i >= 0 && (norms[i] as number) < v) {
      norms[i + 1] = norms[i] as number;
      i--;
    }
    norms[i + 1] = v;
  }
  for (let j = 0; j < k; j++) out[outOffset + j] = norms[j] as number;
}
