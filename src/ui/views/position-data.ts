/**
 * The error-by-position figure as plain data: each lane's evaluation MSE at every output position
 * t = 0..τ−1 (the evaluation's byT, [lanes × τ] lane-major), and the positions the ordering moves.
 */
import type { PlanInfo } from '../../core/train/plan';
import type { EvalPoint, RunStoreState } from '../../state/app-state';
import type { Tick } from '../scene/scale';
import { laneColor } from '../scene/theme';

export interface PositionLine {
  readonly lane: number;
  readonly label: string;
  readonly color: string;
  /** MSE at t = 0..τ−1, exactly the evaluation's values. */
  readonly mse: readonly number[];
}

export interface PositionData {
  readonly step: number;
  readonly tau: number;
  readonly lines: readonly PositionLine[];
  /** Output positions the ordering alteration moves (π(t) ≠ t), ascending; empty without one. */
  readonly moved: readonly number[];
}

/** The newest evaluation, the one the figure draws (null before the first). */
export const newestEval = (evals: readonly EvalPoint[]): EvalPoint | null => evals[evals.length - 1] ?? null;

/** The newest evaluation has no byT: a record made before it was kept (read in with it empty). */
export const lacksByT = (evals: readonly EvalPoint[]): boolean => newestEval(evals)?.byT.length === 0;

/** The positions the plan's ordering alteration moves (as the worker planned them); none without one. */
export function orderingMoved(plan: PlanInfo | null): readonly number[] {
  return plan?.targets.find((t) => t.alteration === 'order')?.moved ?? [];
}

/** Each lane's MSE along the sequence at the newest evaluation; null when there is none or it has no byT. */
export function positionData(run: Pick<RunStoreState, 'lanes' | 'metrics'>, moved: readonly number[]): PositionData | null {
  const e = newestEval(run.metrics.evals);
  const L = run.lanes.length;
  if (!e || L === 0 || e.byT.length === 0 || e.byT.length % L !== 0) return null;
  const tau = e.byT.length / L;
  const lines = run.lanes.map((l, i) => ({
    lane: i,
    label: l.label,
    color: laneColor(i, L),
    mse: Array.from(e.byT.subarray(i * tau, (i + 1) * tau)),
  }));
  return { step: e.step, tau, lines, moved: moved.filter((t) => t < tau) };
}

/** Runs of consecutive positions as [first, last] pairs: [0, 1, 2, 9] → [[0, 2], [9, 9]]. */
export function spans(positions: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const t of positions) {
    const last = out[out.length - 1];
    if (last && t === last[1] + 1) last[1] = t;
    else out.push([t, t]);
  }
  return out;
}

/** Integer ticks 0..τ−1, every 1, 2, 5, 10, … so that at most about 16 are labelled. */
export function positionTickStep(tau: number): number {
  for (const step of [1, 2, 5, 10, 20, 50]) if (Math.ceil(tau / step) <= 16) return step;
  return 100;
}

/** Ticks at every positionTickStep(τ)-th position from 0. */
export function positionTicks(tau: number): Tick[] {
  const step = positionTickStep(tau);
  const out: Tick[] = [];
  for (let t = 0; t < tau; t += step) out.push({ value: t, label: String(t) });
  return out;
}
