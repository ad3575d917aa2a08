/** Shared pieces of the paper views' plotly figures: the themed base layout, log ticks, number text. */
import type { Layout, LayoutAxis } from 'plotly.js-cartesian-dist-min';
import type { PlotTheme } from '../plots/plot-theme';

/** Constant, so a user's zoom survives the redraws that new evaluations bring. */
export const UIREVISION = 'rankscope-view';

/** The layout every view starts from: theme colours, tight margins, the legend above the plot. */
export function baseLayout(theme: PlotTheme): Partial<Layout> {
  return {
    uirevision: UIREVISION,
    paper_bgcolor: theme.bg,
    plot_bgcolor: theme.bg,
    font: { family: theme.font, size: 12, color: theme.fg },
    margin: { l: 64, r: 16, t: 30, b: 46 },
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', bgcolor: theme.legendBg, font: { size: 11 } },
    hovermode: 'closest',
  };
}

/** An axis in the theme's colours. */
export function axis(theme: PlotTheme, title: string, extra: Partial<LayoutAxis> = {}): Partial<LayoutAxis> {
  return {
    title: { text: title, font: { size: 12, color: theme.muted } },
    gridcolor: theme.grid,
    zerolinecolor: theme.grid,
    linecolor: theme.grid,
    tickfont: { size: 11, color: theme.muted },
    ...extra,
  };
}

/** A linear axis of log10 values whose ticks read 10^x (violins need a linear axis: docs/tfjs-notes.md §4). */
export function log10Ticks(lo: number, hi: number): Pick<LayoutAxis, 'tickvals' | 'ticktext'> {
  const a = Math.floor(lo);
  const b = Math.ceil(hi);
  const step = Math.max(1, Math.ceil((b - a) / 8));
  const tickvals: number[] = [];
  for (let e = a; e <= b; e += step) tickvals.push(e);
  return { tickvals, ticktext: tickvals.map((e) => (e === 0 ? '1' : `10<sup>${e}</sup>`)) };
}

/** A log axis over [lo, hi] (data units): ticks at every decade when it spans more than two, else at 1, 2, 5. */
export function logAxis(lo: number, hi: number): Partial<LayoutAxis> {
  const decades = lo > 0 && hi > 0 ? Math.log10(hi / lo) : 0;
  return { type: 'log', exponentformat: 'power', dtick: decades > 2 ? 1 : 'D2' };
}

/** An error or ratio for text: 3 significant digits, exponent form outside [0.01, 1000). */
export function formatValue(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (a !== 0 && (a < 0.01 || a >= 1000)) {
    const [mant = '', exp = ''] = v.toExponential(2).split('e');
    return `${mant}e${exp.replace('+', '')}`;
  }
  return v.toPrecision(3);
}

/** An empty figure's message, centred on the plot area. */
export function emptyNote(text: string, theme: PlotTheme): Partial<Layout> {
  return {
    annotations: [{ text, xref: 'paper', yref: 'paper', x: 0.5, y: 0.5, showarrow: false, font: { size: 13, color: theme.muted } }],
    xaxis: { visible: false },
    yaxis: { visible: false },
  };
}

/** Ordered colours for an ordered quantity (m_h): a viridis-like ramp, dark to light. */
const RAMP = ['#440154', '#3b528b', '#21918c', '#5ec962', '#b5b000'];
/** The same order of hues for the dark theme, lifted so that none sinks into the dark background. */
const RAMP_DARK = ['#9a7fe0', '#5b8fdc', '#2fb3ad', '#6fd072', '#e6d83a'];
export function rampColor(i: number, n: number, dark = false): string {
  const ramp = dark ? RAMP_DARK : RAMP;
  if (n <= 1) return ramp[1] ?? '#3b528b';
  const t = (i / (n - 1)) * (ramp.length - 1);
  const lo = Math.floor(t);
  const a = hex(ramp[lo] ?? '#000000');
  const b = hex(ramp[Math.min(lo + 1, ramp.length - 1)] ?? '#000000');
  const f = t - lo;
  const mix = a.map((c, j) => Math.round(c + f * ((b[j] ?? c) - c)));
  return `rgb(${mix.join(', ')})`;
}

/** A '#rrggbb' or 'hsl(…)' colour with transparency `alpha`. */
export function translucent(color: string, alpha: number): string {
  if (color.startsWith('#') && color.length === 7) return `rgba(${hex(color).join(', ')}, ${alpha})`;
  if (color.startsWith('hsl(')) return color.replace('hsl(', 'hsla(').replace(')', `, ${alpha})`);
  return color;
}

function hex(s: string): number[] {
  return [1, 3, 5].map((i) => parseInt(s.slice(i, i + 2), 16));
}
