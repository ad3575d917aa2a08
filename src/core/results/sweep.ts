import { fitPowerLaw, floorMask, theorySlope } from '../analysis';
import type { PowerLawFailure, PowerLawFit } from '../analysis';
import type { ExperimentConfig, Rank } from '../config/types';
import type { EvalResult, Plan } from '../train';

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
export function summariseSweep(c: ExperimentConfig, plan: Plan, result: EvalResult): SweepSummary {
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
    return { rank: t.rank, points, fit, dropAtRank };
  });
  return { rows, theorySlope: c.target === 'coupling' && c.spectrum === 'power' ? theorySlope(c.alpha) : null };
}
