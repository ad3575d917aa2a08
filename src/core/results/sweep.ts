import { fitPowerLaw, floorMask, theorySlope } from '../analysis';
import type { PowerLawFailure, PowerLawFit } from '../analysis';
import type { ExperimentConfig, Rank } from '../config/types';
import { couplingSigmas } from '../targets';
import type { EvalResult, PlanOutline } from '../train';

/** One head size of one target rank: the mean over seeds and their spread. */
export interface SweepPoint {
  readonly mH: number;
  readonly mse: number;
  readonly rel: number;
  /** Standard deviation of the MSE across seeds (0 with one seed). */
  readonly mseSd: number;
  readonly seeds: number;
}

export interface SweepRow {
  readonly rank: Rank;
  readonly points: readonly SweepPoint[];
  /** Power-law fit of MSE vs m_h over the points not at the floor (m_h < r for finite r). */
  readonly fit: PowerLawFit | PowerLawFailure;
  /** For finite r: MSE(m_h = r−1) / MSE(m_h = r), when both were trained. */
  readonly dropAtRank: number | null;
  /**
   * The slope of the truncation tail Σ_{k>m_h} σ_k² of this target's own (finite, K-mode) spectrum,
   * fitted over the same m_h as the error: what the theorem's first term predicts for these K and
   * m_h, before the asymptotic 2α − 1 (reached only as K and m_h grow). Null for memory targets.
   */
  readonly tailSlope: number | null;
}

export interface SweepSummary {
  readonly rows: readonly SweepRow[];
  /** −(2α − 1) for the power spectrum, else null. */
  readonly theorySlope: number | null;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: readonly number[]): number => {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
};

/** Tabulate a sweep's evaluation: per target rank, error vs m_h, its power-law fit and the drop at m_h = r. */
export function summariseSweep(c: ExperimentConfig, plan: PlanOutline, result: Pick<EvalResult, 'step' | 'mse' | 'rel'>): SweepSummary {
  const rows = plan.targets.map((t, ti): SweepRow => {
    const points = c.mHs.map((mH): SweepPoint => {
      const lanes = plan.lanes.flatMap((l, i) => (l.target === ti && l.mH === mH ? [i] : []));
      const mses = lanes.map((i) => result.mse[i] as number);
      const rels = lanes.map((i) => result.rel[i] as number);
      return { mH, mse: mean(mses), rel: mean(rels), mseSd: sd(mses), seeds: lanes.length };
    });
    const mHs = points.map((p) => p.mH);
    const errs = points.map((p) => p.mse);
    const fit = fitPowerLaw(mHs, errs, { include: floorMask(mHs, errs, t.rank) });
    let dropAtRank: number | null = null;
    if (t.rank !== 'full') {
      const before = points.find((p) => p.mH === (t.rank as number) - 1);
      const at = points.find((p) => p.mH === t.rank);
      if (before && at) dropAtRank = before.mse / at.mse;
    }
    return { rank: t.rank, points, fit, dropAtRank, tailSlope: c.target === 'coupling' && !('error' in fit) ? tailSlope(c, t.rank, fit.used.map((i) => mHs[i] as number)) : null };
  });
  return { rows, theorySlope: c.target === 'coupling' && c.spectrum === 'power' ? theorySlope(c.alpha) : null };
}

/** Least-squares slope of log Σ_{k>m} σ_k² against log m over the given head sizes. */
export function tailSlope(c: ExperimentConfig, rank: Rank, mHs: readonly number[]): number | null {
  const sigma = couplingSigmas(c, rank);
  const pts = mHs.flatMap((m) => {
    let tail = 0;
    for (let k = m; k < sigma.length; k++) tail += (sigma[k] as number) ** 2;
    return tail > 0 ? [[Math.log(m), Math.log(tail)] as const] : [];
  });
  if (pts.length < 2) return null;
  const mx = pts.reduce((a, p) => a + p[0], 0) / pts.length;
  const my = pts.reduce((a, p) => a + p[1], 0) / pts.length;
  const sxy = pts.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0);
  const sxx = pts.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  return sxx > 0 ? sxy / sxx : null;
}
