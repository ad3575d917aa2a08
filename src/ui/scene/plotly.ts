/**
 * plotly, loaded on demand (it is most of the page's script, and the first screen draws on canvas),
 * and the adapter that turns a scene into its data and layout.
 */
import type { AxisName, Dash, Data, Layout, LayoutAxis, PlotData } from 'plotly.js-cartesian-dist-min';
import { panelsOf, type Axis, type CellsMark, type Figure, type LegendItem, type Mark, type Shape } from './scene';
import type { PlotTheme } from './theme';

type PlotlyModule = typeof import('plotly.js-cartesian-dist-min');
type PlotlyApi = PlotlyModule['default'];

let loading: Promise<PlotlyApi> | null = null;
let state: 'idle' | 'loading' | 'loaded' | 'failed' = 'idle';

export function loadPlotly(): Promise<PlotlyApi> {
  if (loading) return loading;
  state = 'loading';
  loading = import('plotly.js-cartesian-dist-min').then(
    (m) => {
      state = 'loaded';
      return m.default;
    },
    (err: unknown) => {
      state = 'failed';
      throw err;
    },
  );
  return loading;
}

/** Whether plotly was asked for and has arrived (the e2e tests watch the page's tasks after it). */
export function plotlyState(): 'idle' | 'loading' | 'loaded' | 'failed' {
  return state;
}

/** A scene as plotly's data and layout: the static plots, and any figure inspected (zoom, pan, hover). */
export interface PlotlyFigure {
  readonly data: Data[];
  readonly layout: Partial<Layout>;
}

type AxisRefs = { readonly xaxis: string; readonly yaxis: string };

const dash = (d: readonly number[] | undefined): Dash => (!d ? 'solid' : (d[0] ?? 0) <= 2 ? 'dot' : 'dash');
const SYMBOL: Readonly<Record<Shape, string>> = { circle: 'circle', diamond: 'diamond', ring: 'circle-open' };
/** Plotly drops NaN from a line without a gap guarantee; null is its gap. */
const gaps = (ys: readonly number[]): (number | null)[] => ys.map((v) => (Number.isFinite(v) ? v : null));

function axis(a: Axis, theme: PlotTheme, extra: Partial<LayoutAxis>): Partial<LayoutAxis> {
  return {
    type: a.type,
    range: a.type === 'log' ? a.range.map(Math.log10) : [...a.range],
    title: { text: a.title, font: { size: 12, color: theme.muted } },
    tickmode: 'array',
    tickvals: a.ticks.map((t) => t.value),
    ticktext: a.ticks.map((t) => t.label),
    showgrid: a.grid !== false,
    gridcolor: theme.grid,
    linecolor: theme.grid,
    zeroline: false,
    tickfont: { size: 11, color: theme.muted },
    ...extra,
  };
}

function markTrace(m: Mark, ax: AxisRefs): Data {
  const base: Partial<PlotData> & AxisRefs = { ...ax, name: m.name ?? '', showlegend: false, hoverinfo: 'skip' };
  switch (m.kind) {
    case 'line':
      return { ...base, type: 'scatter', mode: 'lines', x: [...m.x], y: gaps(m.y), opacity: m.alpha ?? 1, line: { color: m.color, width: m.width, dash: dash(m.dash) } };
    case 'area':
      return { ...base, type: 'scatter', mode: 'lines', x: [...m.x], y: gaps(m.y), fill: 'toself', fillcolor: m.color, opacity: m.alpha, line: { width: m.outline ? 1 : 0, color: m.outline ?? m.color } };
    case 'points':
      return {
        ...base, type: 'scatter', mode: 'markers', x: [...m.x], y: gaps(m.y), opacity: m.alpha ?? 1,
        marker: { color: m.color, size: m.size, symbol: SYMBOL[m.shape], ...(m.edge ? { line: { color: m.edge, width: 1 } } : {}) },
      };
    case 'bar': {
      // Bars take a base like every bar trace; @types/plotly.js's PlotData omits it.
      const bar: Partial<PlotData> & { base?: number[] } = { ...base, type: 'bar', x: [(m.x0 + m.x1) / 2], y: [m.y - (m.base ?? 0)], width: [m.x1 - m.x0], marker: { color: m.color } };
      if (m.base !== undefined) bar.base = [m.base];
      return bar;
    }
    case 'text':
      return { ...base, type: 'scatter', mode: 'text', x: [m.x], y: [m.y], text: [m.text], textposition: 'top right', textfont: { color: m.color } };
    case 'cells':
      return cellsTrace(m, base);
  }
}

/**
 * A heat map of the cells' own colours (it stays filled when zoomed): plotly's heat map takes values,
 * so each cell's value is the index k of its colour among the N distinct ones, and the colour scale
 * has colour k at exactly k/(N−1), the value's place between zmin = 0 and zmax = N−1.
 */
function cellsTrace(m: CellsMark, base: Partial<PlotData>): Data {
  const index = new Map<string, number>();
  for (const c of m.colors) if (!index.has(c)) index.set(c, index.size);
  const n = Math.max(1, index.size - 1);
  const colorscale = [...index.keys()].map((c, k): [number, string] => [k / n, c]);
  // One colour: the scale still needs both ends.
  if (index.size === 1) colorscale.push([1, colorscale[0]?.[1] ?? '']);
  const z = Array.from({ length: m.rows }, (_, r) => Array.from({ length: m.cols }, (_, c) => index.get(m.colors[r * m.cols + c] ?? '') ?? 0));
  return { ...base, type: 'heatmap', z, x0: 0, dx: 1, y0: 0, dy: 1, zmin: 0, zmax: n, zsmooth: false, colorscale, showscale: false };
}

function legendTrace(item: LegendItem, ax: AxisRefs): Data {
  const lines = item.style === 'line' || item.style === 'dash' || item.style === 'dot';
  return {
    ...ax, type: 'scatter', name: item.label, x: [null], y: [null], hoverinfo: 'skip',
    ...(lines
      ? { mode: 'lines', line: { color: item.color, width: 2, dash: item.style === 'line' ? 'solid' : item.style } }
      : { mode: 'markers', marker: { color: item.color, size: 10, symbol: item.style === 'diamond' ? 'diamond' : item.style === 'circle' ? 'circle' : 'square', opacity: item.style === 'fill' ? 0.6 : 1 } }),
  };
}

/** The one adapter from scenes to plotly: every mark a trace, the legend as empty traces, the hover targets as invisible points. */
export function plotlyFigure(figure: Figure, theme: PlotTheme): PlotlyFigure {
  const panels = panelsOf(figure);
  const total = panels.reduce((a, p) => a + (p.span ?? 1), 0);
  const gap = panels.length > 1 ? 0.06 : 0;
  const free = 1 - gap * (panels.length - 1);
  const data: Data[] = [];
  const layout: Partial<Layout> & Record<string, unknown> = {
    uirevision: 'rankscope-view', paper_bgcolor: theme.bg, plot_bgcolor: theme.bg, font: { family: theme.font, size: 12, color: theme.fg },
    margin: { l: 64, r: 16, t: 30, b: 46 }, hovermode: 'closest', showlegend: true, barmode: 'overlay',
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', bgcolor: theme.legendBg, font: { size: 11 } },
  };
  let left = 0;
  // Plotly draws one legend for all panels: an entry once (side-by-side maps share their colour stops).
  const listed = new Set<string>();
  panels.forEach((p, i) => {
    const k = i === 0 ? '' : String(i + 1);
    const ax = { xaxis: `x${k}`, yaxis: `y${k}` };
    const width = (free * (p.span ?? 1)) / total;
    layout[`xaxis${k}`] = axis(p.x, theme, { domain: [left, Math.min(1, left + width)], anchor: ax.yaxis as AxisName, visible: p.empty === null });
    layout[`yaxis${k}`] = axis(p.y, theme, { anchor: ax.xaxis as AxisName, visible: p.empty === null });
    left += width + gap;
    if (p.empty !== null) {
      layout.annotations = [{ text: p.empty, xref: 'paper', yref: 'paper', x: 0.5, y: 0.5, showarrow: false, font: { size: 13, color: theme.muted } }];
      return;
    }
    for (const m of p.marks) data.push(markTrace(m, ax));
    for (const item of p.legend) {
      const key = `${item.label}|${item.color}|${item.style}`;
      if (!listed.has(key)) data.push(legendTrace(item, ax));
      listed.add(key);
    }
    if (p.targets.length > 0) {
      data.push({
        ...ax, type: 'scatter', mode: 'markers', showlegend: false, hoverinfo: 'text', marker: { opacity: 0, size: 12 },
        x: p.targets.map((t) => t.x), y: p.targets.map((t) => t.y), text: p.targets.map((t) => t.lines().join('<br>')),
      });
    }
  });
  return { data, layout };
}
