/**
 * Per-index summary of a batch of spectra (// [count, keep]): what a violin or box plot needs
 * when the plot library should not see every sample. Quantiles use linear interpolation between
 * order statistics (Hyndman–Fan type 7, the default of R and NumPy). Non-finite values are left
 * out; `n` says how many values each index summarises (all statistics are NaN when n = 0).
 */

/** Statistics of spectrum index k (0-based) across sequences, each of length `keep`. */
export interface SpectrumSummary {
  readonly n: Float64Array;
  readonly mean: Float64Array;
  readonly min: Float64Array;
  readonly q1: Float64Array;
  readonly median: Float64Array;
  readonly q3: Float64Array;
  readonly max: Float64Array;
}

/** The p-quantile (0 ≤ p ≤ 1) of ascending `sorted` by linear interpolation; NaN when empty. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (h - lo) * (b - a);
}

/** Summarise `spectra` (// [count, keep]) index by index. */
export function spectrumSummary(spectra: ArrayLike<number>, count: number, keep: number): SpectrumSummary {
  if (spectra.length !== count * keep) {
    throw new RangeError(`spectrumSummary: expected ${count} × ${keep} = ${count * keep} values, got ${spectra.length}`);
  }
  const make = (): Float64Array => new Float64Array(keep);
  const summary = { n: make(), mean: make(), min: make(), q1: make(), median: make(), q3: make(), max: make() };
  const column = new Float64Array(count);
  for (let k = 0; k < keep; k++) {
    let n = 0;
    let sum = 0;
    for (let c = 0; c < count; c++) {
      const x = spectra[c * keep + k] ?? Number.NaN;
      if (Number.isFinite(x)) {
        column[n++] = x;
        sum += x;
      }
    }
    const sorted = column.subarray(0, n).sort();
    summary.n[k] = n;
    summary.mean[k] = n > 0 ? sum / n : Number.NaN;
    summary.min[k] = n > 0 ? (sorted[0] ?? Number.NaN) : Number.NaN;
    summary.max[k] = n > 0 ? (sorted[n - 1] ?? Number.NaN) : Number.NaN;
    summary.q1[k] = quantileSorted(sorted, 0.25);
    summary.median[k] = quantileSorted(sorted, 0.5);
    summary.q3[k] = quantileSorted(sorted, 0.75);
  }
  return summary;
}
