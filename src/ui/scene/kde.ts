/**
 * Kernel density estimates for the violins, in plain TypeScript: a Gaussian kernel with Silverman's
 * bandwidth (plotly's rule), evaluated on an even grid spanning exactly [min, max] of the data
 * (plotly's spanmode 'hard'). The values are first spread onto the grid by linear binning, so the
 * cost is O(n + grid × kernel width) whatever the number of sequences.
 */

export interface Density {
  /** Grid positions, ascending, from the smallest value to the largest. */
  readonly at: Float64Array;
  /** Estimated density at each position (integrates to about 1 over the data's span and beyond). */
  readonly density: Float64Array;
  readonly bandwidth: number;
}

function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return a + (pos - lo) * (b - a);
}

/** Silverman's rule of thumb: 1.059 · min(σ, IQR / 1.349) · n^(−1/5); σ alone when the IQR is 0. */
export function silvermanBandwidth(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const mean = values.reduce((a, v) => a + v, 0) / n;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  // A typed array sorts numerically without a comparator call per comparison.
  const sorted = Float64Array.from(values).sort();
  const iqr = (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / 1.349;
  const spread = iqr > 0 ? Math.min(sd, iqr) : sd;
  return 1.059 * spread * n ** -0.2;
}

/** Grid spacing at most this fraction of the bandwidth (more points for long-tailed data)… */
const STEPS_PER_BANDWIDTH = 3;
/** …up to this many grid points by default. */
export const MAX_POINTS = 100;

/**
 * The density of `values` on at least `points` grid positions over [min, max] (more when the
 * bandwidth is small against the span, up to `maxPoints`); null when there are fewer than 2
 * values or no spread.
 */
export function kde(values: readonly number[], points = 48, maxPoints = MAX_POINTS): Density | null {
  const xs = values.filter(Number.isFinite);
  const n = xs.length;
  if (n < 2) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of xs) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const h = silvermanBandwidth(xs);
  if (!(hi > lo) || !(h > 0)) return null;
  const g = Math.max(2, Math.min(Math.floor(maxPoints), Math.max(Math.floor(points), Math.ceil((STEPS_PER_BANDWIDTH * (hi - lo)) / h) + 1)));
  const dx = (hi - lo) / (g - 1);
  // Linear binning: each value splits its unit weight between its two neighbouring grid points.
  const weight = new Float64Array(g);
  for (const v of xs) {
    const t = (v - lo) / dx;
    const i = Math.min(g - 2, Math.floor(t));
    const f = t - i;
    weight[i] = (weight[i] ?? 0) + (1 - f);
    weight[i + 1] = (weight[i + 1] ?? 0) + f;
  }
  // The kernel on the grid, cut at 4 bandwidths (where it is 3e-4 of its peak).
  const reach = Math.min(g - 1, Math.ceil((4 * h) / dx));
  const kernel = new Float64Array(reach + 1);
  const norm = 1 / (n * h * Math.sqrt(2 * Math.PI));
  for (let d = 0; d <= reach; d++) kernel[d] = norm * Math.exp(-0.5 * ((d * dx) / h) ** 2);
  const at = new Float64Array(g);
  const density = new Float64Array(g);
  for (let j = 0; j < g; j++) {
    at[j] = lo + j * dx;
    let s = 0;
    const from = Math.max(0, j - reach);
    const to = Math.min(g - 1, j + reach);
    for (let i = from; i <= to; i++) s += (weight[i] ?? 0) * (kernel[Math.abs(i - j)] ?? 0);
    density[j] = s;
  }
  return { at, density, bandwidth: h };
}

/** The exact (unbinned) Gaussian KDE at one point: the reference the binned one is tested against. */
export function kdeAt(values: readonly number[], h: number, x: number): number {
  let s = 0;
  for (const v of values) s += Math.exp(-0.5 * ((x - v) / h) ** 2);
  return s / (values.length * h * Math.sqrt(2 * Math.PI));
}
