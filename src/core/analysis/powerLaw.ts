/**
 * Power-law fits of error against head size (docs/model.md §5.3, paper Fig. 5 / Fig. 1c):
 * least squares of log err = a + slope · log m_h (natural logs), where slope = −b is the fitted
 * exponent, negative when the error falls. The theory predicts slope = −(2α − 1) for σ_k = k^(−α).
 */

/** A successful fit. */
export interface PowerLawFit {
  /** intercept in natural-log units: err ≈ e^a · m_h^slope */
  readonly a: number;
  /** fitted exponent (= −b) */
  readonly slope: number;
  /** standard error of the slope from the residual variance; NaN with only 2 points */
  readonly slopeSe: number;
  /** coefficient of determination in log–log space; NaN when all log errors are equal */
  readonly r2: number;
  /** indices of the points the fit used */
  readonly used: number[];
  /** human-readable caveats (points dropped, no standard error, …); empty when none */
  readonly notes: string[];
}

/** Why no fit could be made. */
export interface PowerLawFailure {
  readonly error: string;
}

/** The theory's slope for the power family σ_k = k^(−α): −(2α − 1). */
export function theorySlope(alpha: number): number {
  return -(2 * alpha - 1);
}

/** The fitted line at head size `mH`: e^a · mH^slope. */
export function powerLawAt(fit: Pick<PowerLawFit, 'a' | 'slope'>, mH: number): number {
  return Math.exp(fit.a + fit.slope * Math.log(mH));
}

const usable = (m: number | undefined, e: number | undefined): boolean =>
  m !== undefined && e !== undefined && Number.isFinite(m) && Number.isFinite(e) && m > 0 && e > 0;

/**
 * Fit log err = a + slope · log mH by ordinary least squares over the points `include` marks
 * (all by default). Points with a non-positive or non-finite m_h or error are dropped (log is
 * undefined there) and noted. Needs 2 points with distinct m_h; the slope's standard error needs 3.
 */
export function fitPowerLaw(
  mH: readonly number[],
  err: readonly number[],
  opts: { include?: readonly boolean[] } = {},
): PowerLawFit | PowerLawFailure {
  if (mH.length !== err.length) {
    throw new RangeError(`fitPowerLaw: ${mH.length} head sizes but ${err.length} errors`);
  }
  const include = opts.include;
  if (include !== undefined && include.length !== mH.length) {
    throw new RangeError(`fitPowerLaw: include has ${include.length} entries, expected ${mH.length}`);
  }
  const notes: string[] = [];
  const used: number[] = [];
  let dropped = 0;
  mH.forEach((m, i) => {
    if (include !== undefined && include[i] !== true) return;
    if (usable(m, err[i])) used.push(i);
    else dropped++;
  });
  if (dropped > 0) notes.push(`${dropped} point(s) dropped: head size or error not positive and finite`);
  const n = used.length;
  if (n < 2) return { error: `need at least 2 usable points to fit a power law, have ${n}` };

  const x = used.map((i) => Math.log(mH[i] ?? Number.NaN));
  const y = used.map((i) => Math.log(err[i] ?? Number.NaN));
  const xBar = x.reduce((p, q) => p + q, 0) / n;
  const yBar = y.reduce((p, q) => p + q, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let j = 0; j < n; j++) {
    const dx = (x[j] ?? 0) - xBar;
    const dy = (y[j] ?? 0) - yBar;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (!(sxx > 0)) return { error: 'all usable points have the same head size: the slope is undefined' };

  const slope = sxy / sxx;
  const a = yBar - slope * xBar;
  let ssRes = 0;
  for (let j = 0; j < n; j++) {
    const r = (y[j] ?? 0) - (a + slope * (x[j] ?? 0));
    ssRes += r * r;
  }
  let slopeSe = Number.NaN;
  if (n >= 3) slopeSe = Math.sqrt(ssRes / (n - 2) / sxx);
  else notes.push('only 2 points: the line fits exactly and the slope has no standard error');
  const r2 = syy > 0 ? 1 - ssRes / syy : Number.NaN;
  if (!(syy > 0)) notes.push('all errors are equal: r² is undefined');
  return { a, slope, slopeSe, r2, used, notes };
}

/**
 * Which points a rate fit should use. For a finite rank r the target's coupling is exactly
 * representable once m_h ≥ r, so the error has fallen to its floor there and those points are
 * excluded; with `floor` set, points whose error is below it are excluded for any rank. Points
 * whose head size or error is not positive and finite are always excluded.
 */
export function floorMask(
  mH: readonly number[],
  err: readonly number[],
  rank: number | 'full',
  opts: { floor?: number } = {},
): boolean[] {
  if (mH.length !== err.length) {
    throw new RangeError(`floorMask: ${mH.length} head sizes but ${err.length} errors`);
  }
  if (rank !== 'full' && !(Number.isInteger(rank) && rank >= 1)) {
    throw new RangeError(`floorMask: rank must be 'full' or an integer ≥ 1 (got ${rank})`);
  }
  const floor = opts.floor;
  return mH.map((m, i) => {
    const e = err[i];
    if (!usable(m, e)) return false;
    if (rank !== 'full' && m >= rank) return false;
    if (floor !== undefined && (e ?? 0) < floor) return false;
    return true;
  });
}
