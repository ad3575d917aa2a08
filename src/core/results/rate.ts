/**
 * The rate view's table (paper Fig. 5): the sweep summary's rows with each point's range across
 * seeds and the lane a click selects, and, when fewer than two points lie below r, a fit over all
 * of them, marked as a fallback (a number, not a rate).
 */
import { fitPowerLaw } from '../analysis';
import type { PowerLawFailure, PowerLawFit } from '../analysis';
import type { ExperimentConfig, Rank } from '../config/types';
import type { EvalResult, PlanOutline } from '../train';
import { summariseSweep } from './sweep';

export interface RatePoint {
  readonly mH: number;
  /** Mean MSE over seeds, and its range across them. */
  readonly mse: number;
  readonly min: number;
  readonly max: number;
  readonly seeds: number;
  /** The lane (seed 0) a click on this point selects. */
  readonly lane: number;
}

export interface RateRow {
  readonly rank: Rank;
  readonly target: number;
  readonly points: readonly RatePoint[];
  readonly fit: PowerLawFit | PowerLawFailure;
  /** Which points the fit used, in words ("m_h < r", or all of them when too few lie below r). */
  readonly fitOver: string;
  /** The fit includes points at the floor (too few below r): a number, not a rate; not drawn. */
  readonly fallback: boolean;
  /** Slope of the target's own truncation tail Σ_{k>m_h} σ_k² over the fitted m_h (core's sweep summary). */
  readonly tailSlope: number | null;
}

export interface RateSummary {
  readonly step: number;
  readonly rows: readonly RateRow[];
  readonly theorySlope: number | null;
}

export const isFit = (f: PowerLawFit | PowerLawFailure): f is PowerLawFit => !('error' in f);

/** Error vs m_h per target rank at the latest evaluation (null before the first one). */
export function rateSummary(config: ExperimentConfig, plan: PlanOutline, latest: Pick<EvalResult, 'step' | 'mse' | 'rel'> | undefined): RateSummary | null {
  if (!latest) return null;
  const core = summariseSweep(config, plan, latest);
  const rows = core.rows.map((row, ti): RateRow => {
    const points = row.points.flatMap((p): RatePoint[] => {
      const lanes = plan.lanes.flatMap((l, i) => (l.target === ti && l.mH === p.mH ? [i] : []));
      const first = plan.lanes.findIndex((l) => l.target === ti && l.mH === p.mH && l.seedIndex === 0);
      if (lanes.length === 0 || first < 0) return [];
      const mses = lanes.map((i) => latest.mse[i] ?? Number.NaN);
      return [{ mH: p.mH, mse: p.mse, min: Math.min(...mses), max: Math.max(...mses), seeds: p.seeds, lane: first }];
    });
    let fit = row.fit;
    let fitOver = row.rank === 'full' ? 'all m_h' : `m_h < r = ${row.rank}`;
    let fallback = false;
    if (!isFit(fit) && row.rank !== 'full') {
      // Fewer than 2 points below r: fit them all rather than show nothing, and say so.
      const all = fitPowerLaw(
        points.map((p) => p.mH),
        points.map((p) => p.mse),
      );
      if (isFit(all)) {
        fit = all;
        fitOver = `all m_h, floor included (fewer than 2 points below r = ${row.rank}: not a rate, not drawn)`;
        fallback = true;
      }
    }
    return { rank: row.rank, target: ti, points, fit, fitOver, fallback, tailSlope: row.tailSlope };
  });
  return { step: latest.step, rows, theorySlope: core.theorySlope };
}
