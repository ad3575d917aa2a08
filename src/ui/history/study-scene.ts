/**
 * A study as a canvas scene: the summary number of each grid point against the study's x axis (for a
 * grid of sweeps over α, the fitted rate exponent against α beside the theory's −(2α − 1) and the
 * finite-K tail slope), one point per x value and series, the seeds' min–max as a bar through it.
 */
import { SCHEMA } from '../../core/config';
import type { NotAStudy, StudyPoint, StudyTable } from '../../core/results';
import { laneColor } from '../scene/theme';
import type { PlotTheme } from '../scene/theme';
import { linearAxisTicks, logAxisTicks, padRange } from '../scene/scale';
import type { AxisType, Tick } from '../scene/scale';
import { emptyScene } from '../scene/scene';
import type { Axis, HoverTarget, LegendItem, Mark, Scene } from '../scene/scene';

/** Label of the x field: α by its symbol, any other field by its link key. */
export const fieldLabel = (field: keyof typeof SCHEMA): string => (field === 'alpha' ? 'α' : SCHEMA[field].key);

/** The table draws the rate exponent against α: the figure no single run can give. */
export const isExponentFigure = (t: StudyTable): boolean => t.metric === 'slope' && t.x === 'alpha';

/** A value as the hover text, the table and the data attributes write it. */
export const shown = (t: StudyTable, v: number): string => (t.metric === 'slope' ? v.toFixed(3) : v.toExponential(4));
const drawn = (p: StudyPoint): boolean => p.values.length > 0;

function xAxis(t: StudyTable, points: readonly StudyPoint[]): Axis {
  const title = t.x === 'alpha' ? 'α (target spectrum σ_k = k^(−α))' : fieldLabel(t.x);
  if (!t.numeric) {
    const ticks = t.categories.map((c, i): Tick => ({ value: i, label: c }));
    return { type: 'linear', range: [-0.5, t.categories.length - 0.5], title, ticks, grid: false };
  }
  const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
  const lo = xs[0] ?? 0;
  const hi = xs[xs.length - 1] ?? 1;
  const type: AxisType = lo > 0 && hi / lo >= 10 ? 'log' : 'linear';
  const range = padRange(type, lo, hi, 0.08);
  // A grid's own values are the ticks (a study has a handful); a long axis gets round ticks.
  const ticks = xs.length <= 12 ? points.filter((p, i) => points.findIndex((q) => q.x === p.x) === i).map((p) => ({ value: p.x, label: p.label })) : type === 'log' ? logAxisTicks(...range) : linearAxisTicks(...range);
  return { type, range, title, ticks };
}

function yAxis(t: StudyTable, ys: readonly number[]): Axis {
  if (t.metric === 'mse') {
    const pos = ys.filter((v) => v > 0);
    const range = pos.length > 0 ? padRange('log', Math.min(...pos), Math.max(...pos), 0.08) : ([1e-3, 1] as [number, number]);
    return { type: 'log', range, title: 'final eval MSE (mean over lanes)', ticks: logAxisTicks(...range) };
  }
  const range = padRange('linear', Math.min(...ys), Math.max(...ys), 0.1);
  return { type: 'linear', range, title: `fitted slope of eval MSE vs m_h (rank ${String(t.rank)})`, ticks: linearAxisTicks(...range) };
}

/** A line through the points that have `y`, broken (NaN) where one has none. */
const through = (points: readonly StudyPoint[], y: (p: StudyPoint) => number | null): { x: number[]; y: number[] } => ({
  x: points.map((p) => p.x),
  y: points.map((p) => y(p) ?? Number.NaN),
});

function seriesMarks(t: StudyTable, name: string, points: readonly StudyPoint[], color: string, theme: PlotTheme): Mark[] {
  const suffix = name ? `, ${name}` : '';
  const out: Mark[] = [];
  if (points.some((p) => p.values.length > 1)) {
    // Each point's min–max over the seeds as a vertical bar (one mark, NaN between bars).
    out.push({ kind: 'line', name: `seed range${suffix}`, x: points.flatMap((p) => [p.x, p.x, Number.NaN]), y: points.flatMap((p) => [p.min, p.max, Number.NaN]), color, width: 2, alpha: 0.55 });
  }
  if (points.some((p) => p.theory !== null)) out.push({ kind: 'line', name: `theory −(2α−1)${suffix}`, ...through(points, (p) => p.theory), color: theme.muted, width: 1.5, dash: [6, 4] });
  if (points.some((p) => p.tail !== null)) {
    const tail = through(points, (p) => p.tail);
    out.push({ kind: 'line', name: `tail slope${suffix}`, ...tail, color: theme.muted, width: 1.2, dash: [2, 3] });
    out.push({ kind: 'points', ...tail, color: theme.muted, size: 7, shape: 'diamond' });
  }
  const means = points.filter(drawn);
  const label = t.metric === 'slope' ? 'fitted slope' : 'eval MSE';
  if (t.numeric) out.push({ kind: 'line', name: `${label}${suffix}`, x: means.map((p) => p.x), y: means.map((p) => p.mean), color, width: 1.5, alpha: 0.6 });
  out.push({ kind: 'points', name: `${label} points${suffix}`, x: means.map((p) => p.x), y: means.map((p) => p.mean), color, size: 9, shape: 'circle' });
  return out;
}

function hoverLines(t: StudyTable, name: string, p: StudyPoint): string[] {
  const head = `${fieldLabel(t.x)} = ${p.label}${name ? ` (${name})` : ''}`;
  const what = t.metric === 'slope' ? 'fitted slope' : 'final eval MSE';
  const value = p.values.length > 1 ? `${what} ${shown(t, p.mean)} ± ${shown(t, p.sd)} (${p.values.length} seeds: ${shown(t, p.min)} … ${shown(t, p.max)})` : `${what} ${shown(t, p.mean)}`;
  const lines = [head, value];
  if (p.values.length < p.runs) lines.push(`${p.runs - p.values.length} of its ${p.runs} runs have no value`);
  if (p.theory !== null) lines.push(`theory −(2α−1) = ${p.theory.toFixed(3)}`);
  if (p.tail !== null) lines.push(`finite-K tail slope ${p.tail.toFixed(3)}`);
  return lines;
}

/** The scene of a study's table (or of why the runs form none; null: the table is being built). */
export function studyScene(table: StudyTable | NotAStudy | null, theme: PlotTheme): Scene {
  if (table === null) return emptyScene('Reading the study…', { points: '0' });
  if ('error' in table) return emptyScene(`Not a study: ${table.error}`, { points: '0' });
  const points = table.series.flatMap((s) => s.points);
  const values = points.filter(drawn);
  if (values.length === 0) return emptyScene('No run of the study has a value to draw (see the list below the figure)', { points: '0' });
  const n = table.series.length;
  const marks = table.series.flatMap((s, i) => seriesMarks(table, s.name, s.points, laneColor(i, n), theme));
  const ys = marks.flatMap((m) => (m.kind === 'line' || m.kind === 'points' ? m.y.filter(Number.isFinite) : []));
  const legend: LegendItem[] = table.series.map((s, i) => ({ label: s.name || (table.metric === 'slope' ? 'fitted slope (mean over seeds)' : 'eval MSE (mean over seeds)'), color: laneColor(i, n), style: 'circle' }));
  if (points.some((p) => p.values.length > 1)) legend.push({ label: 'min–max over seeds', color: n === 1 ? laneColor(0, 1) : theme.muted, style: 'line' });
  if (points.some((p) => p.theory !== null)) legend.push({ label: 'theory −(2α−1)', color: theme.muted, style: 'dash' });
  if (points.some((p) => p.tail !== null)) legend.push({ label: 'finite-K tail slope', color: theme.muted, style: 'dot' });
  const targets: HoverTarget[] = table.series.flatMap((s) => s.points.filter(drawn).map((p) => ({ x: p.x, y: p.mean, lines: () => hoverLines(table, s.name, p) })));
  const list = (f: (p: StudyPoint) => string): string => points.map(f).join(',');
  const opt = (v: number | null): string => (v === null ? '' : v.toFixed(4));
  return {
    x: xAxis(table, points),
    y: yAxis(table, ys),
    marks,
    legend,
    empty: null,
    hover: 'nearest',
    targets,
    attrs: {
      figure: isExponentFigure(table) ? 'exponent-alpha' : `${table.metric}-${SCHEMA[table.x].key}`,
      x: SCHEMA[table.x].key,
      axes: table.axes.map((f) => SCHEMA[f].key).join(','),
      metric: table.metric,
      runs: String(table.runCount),
      series: String(n),
      points: String(values.length),
      xs: list((p) => p.label),
      alpha: table.x === 'alpha' ? list((p) => p.label) : '',
      values: list((p) => (drawn(p) ? shown(table, p.mean) : '')),
      slopes: table.metric === 'slope' ? list((p) => (drawn(p) ? p.mean.toFixed(4) : '')) : '',
      min: list((p) => (drawn(p) ? shown(table, p.min) : '')),
      max: list((p) => (drawn(p) ? shown(table, p.max) : '')),
      sd: list((p) => (drawn(p) ? shown(table, p.sd) : '')),
      seeds: list((p) => String(p.values.length)),
      theory: list((p) => opt(p.theory)),
      tail: list((p) => opt(p.tail)),
      missing: String(table.missing.length),
    },
  };
}
