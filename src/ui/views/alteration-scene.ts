/** The alterations (docs/model.md §4.3) and the coupling's exact spectra before and after mixing (paper App. D.3) as scenes. */
import { movedPositions, type Alteration } from '../../core/alterations';
import type { ExactSpectra } from '../../core/results';
import { formatValue } from '../format';
import { indexTicks, linearAxisTicks, logAxisTicks, padRange } from '../scene/scale';
import { emptyScene, type HoverTarget, type Mark, type Scene } from '../scene/scene';
import { laneColor, type PlotTheme } from '../scene/theme';
import { positionTicks } from './position-data';

/**
 * Two panels: left, the permutation as lines from input position π(t) (top) to output t (bottom),
 * T(x)(t) = x(π(t)), moved ones coloured; right, the mixing filter θ(j) as bars (its direction and
 * formula are in the view's text: the titles stay short enough for a phone).
 */
export function alterationScenes(order: Alteration, mix: Alteration, tau: number, theme: PlotTheme): [Scene, Scene] {
  const perm = order.permutation ?? Int32Array.from({ length: tau }, (_, t) => t);
  const shifted = new Set(movedPositions(perm));
  const moved = { x: [] as number[], y: [] as number[] };
  const kept = { x: [] as number[], y: [] as number[] };
  perm.forEach((s, t) => {
    const seg = shifted.has(t) ? moved : kept;
    seg.x.push(s, t, Number.NaN);
    seg.y.push(1, 0, Number.NaN);
  });
  const ts = Array.from({ length: tau }, (_, t) => t);
  const accent = laneColor(2, 10);
  const targets: HoverTarget[] = ts.flatMap((t) => [
    { x: t, y: 1, lines: () => [`input x(${t})`] },
    { x: t, y: 0, lines: () => [`T(x)(${t}) = x(${perm[t] ?? t})`] },
  ]);
  const permutation: Scene = {
    x: { type: 'linear', range: [-0.5, tau - 0.5], title: 'position (0-based)', ticks: positionTicks(tau) },
    y: { type: 'linear', range: [-0.25, 1.25], title: '', ticks: [{ value: 0, label: 'T(x)(t)' }, { value: 1, label: 'x(s)' }], grid: false },
    marks: [
      { kind: 'line', name: 'kept', x: kept.x, y: kept.y, color: theme.grid, width: 1 },
      { kind: 'line', name: 'moved', x: moved.x, y: moved.y, color: accent, width: 1.5 },
      { kind: 'points', name: 'positions', x: [...ts, ...ts], y: [...ts.map(() => 1), ...ts.map(() => 0)], color: theme.fg, size: tau > 48 ? 3 : 5, shape: 'circle' },
    ],
    legend: order.permutation ? [{ label: 'moved by π', color: accent, style: 'line' }] : [],
    empty: null,
    hover: 'nearest',
    targets,
    attrs: {},
    span: 3,
  };
  const theta = Array.from(mix.theta ?? []);
  const [lo, hi] = padRange('linear', Math.min(0, ...theta), Math.max(0, ...theta));
  const filter: Scene = {
    x: { type: 'linear', range: [-0.5, theta.length - 0.5], title: 'lag j', ticks: theta.map((_, j) => ({ value: j, label: String(j) })), grid: false },
    y: { type: 'linear', range: [lo, hi], title: 'θ(j)', ticks: linearAxisTicks(lo, hi) },
    marks: theta.map((v, j): Mark => ({ kind: 'bar', name: 'θ(j)', x0: j - 0.35, x1: j + 0.35, y: v, base: 0, color: v >= 0 ? laneColor(0, 10) : laneColor(1, 10) })),
    legend: [],
    empty: null,
    hover: 'column',
    targets: theta.map((v, j) => ({ x: j, y: v, lines: () => [`θ(${j}) = ${v.toFixed(3)}`] })),
    attrs: {},
    span: 1.6,
  };
  return [permutation, filter];
}

const BEFORE = 'ρ(x₁, x₂)';
const AFTER = 'ρ(x₁, x₁ + x₂), mixed';

/** Singular values of ρ before and after mixing its inputs, as grouped bars (log axis when they span more than 30×). */
export function exactScene(exact: ExactSpectra | null, grid: number): Scene {
  if (!exact) return emptyScene('Computing the function SVD…');
  const n = Math.max(exact.before.length, exact.after.length);
  const all = [...exact.before, ...exact.after].filter((v) => v > 0 && Number.isFinite(v));
  if (all.length === 0) return emptyScene('The coupling has no non-zero singular value');
  const top = Math.max(...all);
  const log = top / Math.min(...all) > 30;
  const [lo, hi] = log ? padRange('log', Math.min(...all), top) : [0, top * 1.08];
  const bars = (values: readonly number[], name: string, color: string, shift: number): Mark[] =>
    values.flatMap((v, i) => (v > 0 && Number.isFinite(v) ? [{ kind: 'bar', name, x0: i + 1 + shift, x1: i + 1 + shift + 0.38, y: v, color } as const] : []));
  return {
    x: { type: 'linear', range: [0.5, n + 0.5], title: 'index k', ticks: indexTicks(n), grid: false },
    y: { type: log ? 'log' : 'linear', range: [lo, hi], title: `σ_k (function SVD, ${grid} × ${grid} grid)`, ticks: log ? logAxisTicks(lo, hi) : linearAxisTicks(lo, hi) },
    marks: [...bars(exact.before, BEFORE, laneColor(0, 10), -0.39), ...bars(exact.after, AFTER, laneColor(1, 10), 0.01)],
    legend: [
      { label: BEFORE, color: laneColor(0, 10), style: 'solid' },
      { label: AFTER, color: laneColor(1, 10), style: 'solid' },
    ],
    empty: null,
    hover: 'column',
    targets: Array.from({ length: n }, (_, i) => ({
      x: i + 1,
      y: lo,
      lines: () => [`k = ${i + 1}`, `before: ${formatValue(exact.before[i])}`, `after mixing: ${formatValue(exact.after[i])}`],
    })),
    attrs: { bars: String(all.length) },
  };
}
