/** Pure builders of the live charts from the run store's state. */
import type { RunStoreState } from '../../state/app-state';
import type { ChartSpec, Series } from './canvas-chart';
import { laneColor } from './plot-theme';
import { emaLog } from './smoothing';

/** What the loss chart depends on: the metrics object (replaced on reset), the lanes, the count. */
export const lossWatch = (run: RunStoreState): readonly unknown[] => [
  run.metrics,
  run.lanes,
  run.metrics.trainSteps.length,
  run.totalSteps,
];

/** What the evaluation chart depends on (not the training reports, which arrive far more often). */
export const evalWatch = (run: RunStoreState): readonly unknown[] => [
  run.metrics,
  run.lanes,
  run.metrics.evals.length,
  run.totalSteps,
];

/**
 * The step axis: [0, a round number just past the latest step] (1, 2 or 5 × 10^k, at most the run's
 * length), so the curve fills the frame yet the axis changes only a few times.
 */
export function stepRange(lastStep: number, totalSteps: number): [number, number] {
  if (totalSteps <= 0) return [0, 1];
  if (lastStep <= 0) return [0, totalSteps];
  const at = Math.max(lastStep, totalSteps / 10);
  const decade = 10 ** Math.floor(Math.log10(at));
  const round = [1, 2, 5, 10].map((m) => m * decade).find((r) => r > at) ?? 10 * decade;
  return [0, Math.min(round, totalSteps)];
}

function lastStep(run: RunStoreState): number {
  const { trainSteps, evals } = run.metrics;
  return Math.max(trainSteps[trainSteps.length - 1] ?? 0, evals[evals.length - 1]?.step ?? 0);
}

/** Training loss per lane: raw values faint underneath, the log-space EMA on top (weight 0 = raw only). */
export function lossChart(run: RunStoreState, smoothing: number): ChartSpec {
  const { lanes, metrics } = run;
  const x = metrics.trainSteps;
  const series: Series[] = [];
  lanes.forEach((lane, i) => {
    const raw = metrics.trainLoss[i] ?? [];
    const color = laneColor(i, lanes.length);
    if (smoothing > 0) {
      series.push({ label: lane.label, color, x, y: raw, faint: true });
      series.push({ label: lane.label, color, x, y: emaLog(raw, smoothing) });
    } else {
      series.push({ label: lane.label, color, x, y: raw });
    }
  });
  const empty = x.length === 0 ? (lanes.length === 0 ? 'Waiting for the experiment…' : 'No training steps yet: press Play') : null;
  return { series, xRange: stepRange(lastStep(run), run.totalSteps), xTitle: 'step', yTitle: 'train MSE', empty };
}

/** Evaluation error per lane on the fixed evaluation set: MSE, or MSE / Var(y) when `relative`. */
export function evalChart(run: RunStoreState, relative: boolean): ChartSpec {
  const { lanes, metrics } = run;
  const x = metrics.evals.map((e) => e.step);
  const series: Series[] = lanes.map((lane, i) => ({
    label: lane.label,
    color: laneColor(i, lanes.length),
    x,
    y: metrics.evals.map((e) => (relative ? e.rel[i] : e.mse[i]) ?? NaN),
    markers: true,
  }));
  const empty = x.length === 0 ? (lanes.length === 0 ? 'Waiting for the experiment…' : 'No evaluation yet') : null;
  return {
    series,
    xRange: stepRange(lastStep(run), run.totalSteps),
    xTitle: 'step',
    yTitle: relative ? 'eval MSE / Var(y)' : 'eval MSE',
    empty,
  };
}
