/** The training curves as scenes: loss and evaluation error against step, log y, one line per lane (or run). */
import type { RunStoreState } from '../../state/app-state';
import { linearAxisTicks, logAxisTicks, padRange } from '../scene/scale';
import { emptyScene, type HoverTarget, type LegendItem, type Mark, type Scene } from '../scene/scene';
import { laneColor } from '../scene/theme';
import { emaLog } from './smoothing';

export interface Series {
  readonly label: string;
  readonly color: string;
  readonly x: readonly number[];
  readonly y: readonly (number | null)[];
  /** Drawn thin and translucent (raw data under a smoothed curve); not in the legend. */
  readonly faint?: boolean;
  readonly markers?: boolean;
}

export interface Curves {
  readonly series: readonly Series[];
  readonly xRange: readonly [number, number];
  readonly xTitle: string;
  readonly yTitle: string;
  /** Shown in the middle when there is nothing to draw. */
  readonly empty: string | null;
}

/** More lines than this and the legend is left out (a sweep's many lanes). */
const MAX_LEGEND = 12;

/** Plotted values: positive and finite on the log axis, NaN (a gap) otherwise. */
const plotted = (ys: readonly (number | null)[]): number[] => ys.map((y) => (y !== null && y > 0 && Number.isFinite(y) ? y : Number.NaN));

/** A non-finite step range (a file's absurd step count) is [0, 1]; an empty one widens. */
export function stepAxisRange([x0, x1]: readonly [number, number]): [number, number] {
  if (!Number.isFinite(x0) || !Number.isFinite(x1)) return [0, 1];
  return [x0, x1 > x0 ? x1 : x0 + Math.max(1, Math.abs(x0) * 1e-6)];
}

export function curvesScene(c: Curves): Scene {
  if (c.empty !== null) return emptyScene(c.empty, { series: String(c.series.length) });
  const ordered = [...c.series.filter((s) => s.faint), ...c.series.filter((s) => !s.faint)];
  const ys = ordered.map((s) => plotted(s.y));
  // A loop, not Math.min(...ys): a long run has more points than a call may take arguments.
  let lo = Infinity;
  let hi = -Infinity;
  for (const list of ys) {
    for (const y of list) {
      if (Number.isNaN(y)) continue;
      if (y < lo) lo = y;
      if (y > hi) hi = y;
    }
  }
  const [y0, y1] = Number.isFinite(lo) ? padRange('log', lo, hi) : ([1e-3, 1] as [number, number]);
  const marks: Mark[] = [];
  ordered.forEach((s, i) => {
    const y = ys[i] ?? [];
    marks.push({ kind: 'line', name: s.faint ? `${s.label} (raw)` : s.label, x: s.x, y, color: s.color, width: s.faint ? 1 : 1.75, alpha: s.faint ? 0.35 : 1 });
    if (s.markers) marks.push({ kind: 'points', x: s.x, y, color: s.color, size: 5, shape: 'circle' });
  });
  const shown = c.series.filter((s) => !s.faint);
  const legend: LegendItem[] = shown.length <= MAX_LEGEND ? shown.map((s) => ({ label: s.label, color: s.color, style: 'line' })) : [];
  const xs = c.series[0]?.x ?? [];
  const targets: HoverTarget[] = xs.map((step, i) => ({
    x: step,
    y: y0,
    lines: () => [
      `step ${step}`,
      ...shown.slice(0, 16).map((s) => {
        const y = s.y[i];
        const raw = c.series.find((r) => r.faint && r.label === s.label)?.y[i];
        return `${s.label}: ${y == null ? '–' : y.toExponential(3)}${raw != null ? ` (raw ${raw.toExponential(3)})` : ''}`;
      }),
    ],
  }));
  const [x0, x1] = stepAxisRange(c.xRange);
  return {
    x: { type: 'linear', range: [x0, x1], title: c.xTitle, ticks: linearAxisTicks(x0, x1) },
    y: { type: 'log', range: [y0, y1], title: c.yTitle, ticks: logAxisTicks(y0, y1) },
    marks,
    legend,
    empty: null,
    hover: 'column',
    targets,
    attrs: { series: String(c.series.length) },
  };
}

/** What the loss chart depends on: the metrics object (replaced on reset), the lanes, the count. */
export const lossWatch = (run: RunStoreState): readonly unknown[] => [run.metrics, run.lanes, run.metrics.trainSteps.length, run.totalSteps];

/** What the evaluation chart depends on (not the training reports, which arrive far more often). */
export const evalWatch = (run: RunStoreState): readonly unknown[] => [run.metrics, run.lanes, run.metrics.evals.length, run.totalSteps];

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
export function lossCurves(run: RunStoreState, smoothing: number): Curves {
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
export function evalCurves(run: RunStoreState, relative: boolean): Curves {
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
  return { series, xRange: stepRange(lastStep(run), run.totalSteps), xTitle: 'step', yTitle: relative ? 'eval MSE / Var(y)' : 'eval MSE', empty };
}
