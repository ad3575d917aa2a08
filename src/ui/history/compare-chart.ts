/** The overlay of two kept runs: their train-loss (smoothed) and evaluation curves, one colour per run. */
import type { RunRecord } from '../../state/app-state';
import { curvesScene, type Series } from '../plots/curves';
import { emaLog } from '../plots/smoothing';
import type { Scene } from '../scene/scene';
import { runColor } from './colors';

const name = (r: RunRecord, lane: string, many: boolean): string => (many ? `#${r.seq} ${lane}` : `#${r.seq}`);

export function compareLossScene(runs: readonly RunRecord[]): Scene {
  const series: Series[] = runs.flatMap((r) =>
    r.lanes.map((lane, i) => ({
      label: name(r, lane.label, r.lanes.length > 1),
      color: runColor(r.seq),
      x: r.metrics.trainSteps,
      y: emaLog(r.metrics.trainLoss[i] ?? [], 0.6),
    })),
  );
  const end = Math.max(1, ...runs.map((r) => r.totalSteps));
  return curvesScene({ series, xRange: [0, end], xTitle: 'step', yTitle: 'train MSE (EMA 0.6)', empty: series.length === 0 ? 'Nothing to compare' : null });
}

export function compareEvalScene(runs: readonly RunRecord[]): Scene {
  const series: Series[] = runs.flatMap((r) =>
    r.lanes.map((lane, i) => ({
      label: name(r, lane.label, r.lanes.length > 1),
      color: runColor(r.seq),
      x: r.metrics.evals.map((e) => e.step),
      y: r.metrics.evals.map((e) => e.mse[i] ?? NaN),
      markers: true,
    })),
  );
  const end = Math.max(1, ...runs.map((r) => r.totalSteps));
  return curvesScene({ series, xRange: [0, end], xTitle: 'step', yTitle: 'eval MSE', empty: series.length === 0 ? 'Nothing to compare' : null });
}
