/**
 * Per-sequence spectra of attention-logit matrices (docs/model.md §5.2, paper Fig. 1a/b).
 *
 * For each τ × τ matrix S (a trained model's logits before softmax, or the target's sampled
 * coupling ρ(x(t), x(s))) take the singular values and divide by τ, so they estimate the σ_k of
 * the underlying function. Softmax ignores anything added to a whole row, so a trained S may carry
 * an extra rank-1 part g(x(t))·1ᵀ the target lacks; `centre: true` removes it by subtracting each
 * row's mean first. Callers must say which view they show.
 */
import { jacobiSingularValues, JacobiWorkspace } from './jacobi-svd';

/** Options for {@link matrixSpectra}. */
export interface SpectraOptions {
  /** subtract each row's mean before the SVD (removes row-constant terms softmax cannot see) */
  readonly centre: boolean;
  /** how many leading singular values to keep per matrix, 1..τ; default τ */
  readonly keep?: number;
}

/** A copy of the rows × cols row-major matrix `m` with each row's mean subtracted (into `out` when given). */
export function rowCentre(m: ArrayLike<number>, rows: number, cols: number, out = new Float64Array(rows * cols)): Float64Array {
  if (m.length !== rows * cols || out.length !== rows * cols) {
    throw new RangeError(`rowCentre: expected ${rows} × ${cols} = ${rows * cols} entries, got ${m.length} (out ${out.length})`);
  }
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += m[i * cols + j] ?? 0;
    const mean = cols > 0 ? sum / cols : 0;
    for (let j = 0; j < cols; j++) out[i * cols + j] = (m[i * cols + j] ?? 0) - mean;
  }
  return out;
}

/**
 * Spectra of `count` τ × τ matrices stored back to back in `mats` (// [count, tau, tau]).
 * Returns // [count, keep]: row c holds matrix c's leading `keep` singular values divided by τ,
 * descending. A matrix with a non-finite entry gives a row of NaN.
 */
export function matrixSpectra(
  mats: ArrayLike<number>,
  count: number,
  tau: number,
  opts: SpectraOptions,
): Float64Array {
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(tau) || tau < 1) {
    throw new RangeError(`matrixSpectra: count must be an integer ≥ 0 and tau ≥ 1 (got ${count}, ${tau})`);
  }
  if (mats.length !== count * tau * tau) {
    throw new RangeError(
      `matrixSpectra: expected ${count} × ${tau} × ${tau} = ${count * tau * tau} entries, got ${mats.length}`,
    );
  }
  const keep = opts.keep ?? tau;
  if (!Number.isInteger(keep) || keep < 1 || keep > tau) {
    throw new RangeError(`matrixSpectra: keep must be an integer in 1..tau = 1..${tau} (got ${keep})`);
  }
  const out = new Float64Array(count * keep); // [count, keep]
  const size = tau * tau;
  // Buffers reused for every matrix: this runs for 256 matrices per lane at every evaluation.
  const one = new Float64Array(size); // [tau, tau]
  const centred = new Float64Array(size); // [tau, tau]
  const s = new Float64Array(tau); // [tau]
  const ws = new JacobiWorkspace(size);
  for (let c = 0; c < count; c++) {
    for (let i = 0; i < size; i++) one[i] = mats[c * size + i] ?? Number.NaN;
    const m = opts.centre ? rowCentre(one, tau, tau, centred) : one;
    jacobiSingularValues(m, 0, tau, tau, ws, s, 0);
    for (let k = 0; k < keep; k++) out[c * keep + k] = (s[k] as number) / tau;
  }
  return out;
}

/**
 * The sampled coupling matrices ρ(x(t), x(s)) for `count` scalar sequences `xs` (// [count, tau]),
 * returned as // [count, tau, tau] (row t, column s): the target's own analogue of the logits,
 * to be passed through {@link matrixSpectra} the same way.
 */
export function couplingMatrices(
  rho: (u: number, v: number) => number,
  xs: ArrayLike<number>,
  count: number,
  tau: number,
): Float64Array {
  if (xs.length !== count * tau) {
    throw new RangeError(`couplingMatrices: expected ${count} × ${tau} = ${count * tau} inputs, got ${xs.length}`);
  }
  const out = new Float64Array(count * tau * tau); // [count, tau, tau]
  for (let c = 0; c < count; c++) {
    for (let t = 0; t < tau; t++) {
      const u = xs[c * tau + t] ?? Number.NaN;
      for (let s = 0; s < tau; s++) out[(c * tau + t) * tau + s] = rho(u, xs[c * tau + s] ?? Number.NaN);
    }
  }
  return out;
}
