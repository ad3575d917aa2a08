/** The error by output position as a canvas scene: MSE vs t on a log axis, one line per lane, moved positions shaded. */
import type { RunStoreState } from '../../state/app-state';
import type { PlotTheme } from '../scene/theme';
import { logAxisTicks, padRange } from '../scene/scale';
import { emptyScene, type HoverTarget, type LegendItem, type Mark, type Scene } from '../scene/scene';
import { formatValue } from '../format';
import { lacksByT, positionData, positionTicks, spans, type PositionData } from './position-data';

export const MOVED_LABEL = 'moved by the ordering (π(t) ≠ t)';
export const NO_BY_T = 'This run was recorded before the error by position was kept: no per-position data.';

/** The scene of the latest evaluation's byT, or a message (no lanes, no evaluation, an older record). */
export function byPositionScene(run: Pick<RunStoreState, 'lanes' | 'metrics'>, moved: readonly number[], theme: PlotTheme): Scene {
  if (run.lanes.length === 0) return emptyScene('Waiting for the experiment…', { lines: '0' });
  if (run.metrics.evals.length === 0) return emptyScene('No evaluation yet: the error at each position appears with the first one', { lines: '0' });
  const data = positionData(run, moved);
  if (!data) return emptyScene(lacksByT(run.metrics.evals) ? NO_BY_T : 'No per-position error in this evaluation', { lines: '0' });
  return positionScene(data, theme);
}

/** The argmax t of each line (its worst position). */
export function worstPositions(data: PositionData): number[] {
  return data.lines.map((l) => l.mse.reduce((w, v, t) => (v > (l.mse[w] ?? -Infinity) ? t : w), 0));
}

export function positionScene(data: PositionData, theme: PlotTheme): Scene {
  const { tau, lines, moved } = data;
  const ts = Array.from({ length: tau }, (_, t) => t);
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of lines) {
    for (const v of l.mse) {
      if (!(v > 0) || !Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  const [y0, y1] = Number.isFinite(lo) ? padRange('log', lo, hi, 0.06) : ([1e-3, 1] as [number, number]);
  const marks: Mark[] = [];
  const legend: LegendItem[] = [];
  // The moved positions first, as bands under the lines, one per run of neighbouring positions.
  for (const [a, b] of spans(moved)) {
    marks.push({ kind: 'area', name: MOVED_LABEL, x: [a - 0.5, b + 0.5, b + 0.5, a - 0.5], y: [y0, y0, y1, y1], color: theme.muted, alpha: 0.16 });
  }
  for (const l of lines) {
    marks.push({ kind: 'line', name: l.label, x: ts, y: [...l.mse], color: l.color, width: 1.8 });
    marks.push({ kind: 'points', x: ts, y: [...l.mse], color: l.color, size: 5, shape: 'circle' });
    legend.push({ label: l.label, color: l.color, style: 'line' });
  }
  if (moved.length > 0) legend.push({ label: MOVED_LABEL, color: theme.muted, style: 'fill' });
  const shifted = new Set(moved);
  const targets: HoverTarget[] = ts.map((t) => ({
    x: t,
    y: y0,
    lines: () => [
      `t = ${t}${shifted.has(t) ? ', moved by the ordering' : ''}`,
      ...lines.map((l) => `${l.label}: MSE ${formatValue(l.mse[t])}`),
    ],
  }));
  return {
    x: { type: 'linear', range: [-0.5, tau - 0.5], title: 'output position t', ticks: positionTicks(tau) },
    y: { type: 'log', range: [y0, y1], title: `eval MSE at step ${data.step}`, ticks: logAxisTicks(y0, y1) },
    marks,
    legend,
    empty: null,
    hover: 'column',
    targets,
    attrs: {
      step: String(data.step),
      lines: String(lines.length),
      points: lines.map((l) => l.mse.length).join(','),
      labels: lines.map((l) => l.label).join(';'),
      // Exactly the evaluation's values (shortest round-trip text), lane-major, lanes separated by ';'.
      mse: lines.map((l) => l.mse.map(String).join(',')).join(';'),
      moved: moved.join(','),
      worst: worstPositions(data).join(','),
    },
  };
}
