/** Figures of the comparison (paper Tables 2–3) and of the alterations (docs/model.md §4.3, paper App. D.3). */
import type { Data } from 'plotly.js-cartesian-dist-min';
import { movedPositions, type Alteration } from '../../core/alterations';
import type { AlterationKind } from '../../core/config';
import type { CompareCell, ExactSpectra } from '../../core/results';
import type { Figure } from '../plots/LivePlot';
import { laneColor } from '../plots/plot-theme';
import type { PlotTheme } from '../plots/plot-theme';
import { axis, baseLayout, emptyNote, logAxis } from './plot-layout';

export const ALTERATIONS: readonly { readonly kind: AlterationKind; readonly label: string }[] = [
  { kind: 'none', label: 'original' },
  { kind: 'order', label: 'ordering' },
  { kind: 'mix', label: 'mixing' },
];
export const MODELS = [
  { kind: 'rnn', label: 'RNN' },
  { kind: 'transformer', label: 'Transformer' },
] as const;

/** The six MSEs as grouped bars on a log axis. */
export function compareBars(cells: readonly CompareCell[], step: number | null, theme: PlotTheme): Figure {
  const base = baseLayout(theme);
  if (cells.length === 0) return { data: [], layout: { ...base, ...emptyNote('No evaluation yet', theme) } };
  const data: Data[] = MODELS.map((m, i) => {
    const ys = ALTERATIONS.map((a) => cells.find((c) => c.model === m.kind && c.alteration === a.kind)?.mse ?? Number.NaN);
    return {
      type: 'bar', name: m.label, x: ALTERATIONS.map((a) => a.label), y: ys, marker: { color: laneColor(i, 2) },
      hovertemplate: `${m.label}, %{x}<br>MSE %{y:.3e}<extra></extra>`,
    };
  });
  const ys = cells.map((c) => c.mse).filter((v) => v > 0 && Number.isFinite(v));
  const layout = {
    ...base,
    barmode: 'group' as const,
    xaxis: axis(theme, 'target'),
    yaxis: axis(theme, step === null ? 'eval MSE' : `eval MSE at step ${step}`, logAxis(Math.min(...ys), Math.max(...ys))),
  };
  return { data, layout };
}

/**
 * The alterations: left, the permutation as lines from input position π(t) (top) to output t
 * (bottom), T(x)(t) = x(π(t)); right, the mixing filter θ(j) as bars.
 */
export function alterationFigure(order: Alteration, mix: Alteration, tau: number, theme: PlotTheme): Figure {
  const perm = order.permutation ?? Int32Array.from({ length: tau }, (_, t) => t);
  const theta = Array.from(mix.theta ?? []);
  const moved = { x: [] as (number | null)[], y: [] as (number | null)[] };
  const kept = { x: [] as (number | null)[], y: [] as (number | null)[] };
  const shifted = new Set(movedPositions(perm));
  perm.forEach((s, t) => {
    const seg = shifted.has(t) ? moved : kept;
    seg.x.push(s, t, null);
    seg.y.push(1, 0, null);
  });
  const ts = Array.from({ length: tau }, (_, t) => t);
  const accent = laneColor(2, 10);
  const data: Data[] = [
    { type: 'scatter', mode: 'lines', name: 'moved', x: moved.x, y: moved.y, line: { color: accent, width: 1.5 }, hoverinfo: 'skip', showlegend: false },
    { type: 'scatter', mode: 'lines', name: 'kept', x: kept.x, y: kept.y, line: { color: theme.grid, width: 1 }, hoverinfo: 'skip', showlegend: false },
    {
      type: 'scatter', mode: 'markers', name: 'positions', x: [...ts, ...ts], y: [...ts.map(() => 1), ...ts.map(() => 0)], showlegend: false,
      marker: { color: theme.fg, size: tau > 48 ? 3 : 5 },
      customdata: [...ts.map((s) => `input x(${s})`), ...ts.map((t) => `T(x)(${t}) = x(${perm[t] ?? t})`)],
      hovertemplate: '%{customdata}<extra></extra>',
    },
    {
      type: 'bar', name: 'θ(j)', x: theta.map((_, j) => j), y: theta, xaxis: 'x2', yaxis: 'y2', showlegend: false,
      marker: { color: theta.map((v) => (v >= 0 ? laneColor(0, 10) : laneColor(1, 10))) },
      hovertemplate: 'θ(%{x}) = %{y:.3f}<extra></extra>',
    },
  ];
  const lag = mix.direction === 'anticausal' ? 'x(t+j)' : 'x(t−j)';
  const layout = {
    ...baseLayout(theme),
    margin: { l: 64, r: 16, t: 34, b: 46 },
    xaxis: axis(theme, 'position (0-based)', { domain: [0, 0.6], zeroline: false }),
    yaxis: axis(theme, '', { tickvals: [0, 1], ticktext: ['T(x)(t)', 'x(s)'], range: [-0.25, 1.25], zeroline: false, showgrid: false }),
    xaxis2: axis(theme, 'lag j', { domain: [0.72, 1], anchor: 'y2' as const, dtick: 1 }),
    yaxis2: axis(theme, 'θ(j)', { anchor: 'x2' as const }),
    annotations: [
      { text: `ordering: ${order.permutation ? 'π' : 'identity'}`, xref: 'paper' as const, yref: 'paper' as const, x: 0, y: 1.08, showarrow: false, xanchor: 'left' as const },
      // Anchored at the right edge, so a narrow (phone) plot does not cut it off.
      { text: `mixing: (θ∗x)(t) = Σ θ(j) ${lag}`, xref: 'paper' as const, yref: 'paper' as const, x: 1, y: 1.08, showarrow: false, xanchor: 'right' as const },
    ],
  };
  return { data, layout };
}

/** Singular values of ρ before and after mixing its inputs, as grouped bars. */
export function exactFigure(exact: ExactSpectra | null, grid: number, theme: PlotTheme): Figure {
  if (!exact) return { data: [], layout: { ...baseLayout(theme), ...emptyNote('Computing the function SVD…', theme) } };
  const n = Math.max(exact.before.length, exact.after.length);
  const ks = Array.from({ length: n }, (_, k) => k + 1);
  const all = [...exact.before, ...exact.after].filter((v) => v > 0);
  const spread = Math.max(...all) / Math.min(...all);
  const data: Data[] = [
    { type: 'bar', name: 'ρ(x₁, x₂)', x: ks, y: exact.before, marker: { color: laneColor(0, 10) }, hovertemplate: 'σ_%{x} = %{y:.4f}<extra>before</extra>' },
    { type: 'bar', name: 'ρ(x₁, x₁ + x₂), mixed', x: ks, y: exact.after, marker: { color: laneColor(1, 10) }, hovertemplate: 'σ_%{x} = %{y:.4f}<extra>after</extra>' },
  ];
  const layout = {
    ...baseLayout(theme),
    barmode: 'group' as const,
    xaxis: axis(theme, 'index k', { dtick: n > 20 ? 5 : 1 }),
    yaxis: axis(theme, `σ_k (function SVD, ${grid} × ${grid} grid)`, spread > 30 ? logAxis(Math.min(...all), Math.max(...all)) : {}),
  };
  return { data, layout };
}
