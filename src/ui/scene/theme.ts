/** Plot colours come from the page's CSS variables, so a dark theme only needs new variable values. */
export interface PlotTheme {
  readonly bg: string;
  readonly fg: string;
  readonly muted: string;
  readonly grid: string;
  /** Legend background: translucent, over the curves. */
  readonly legendBg: string;
  readonly font: string;
  /** The dark theme is on (series ramps start lighter so the first colours stay visible). */
  readonly dark: boolean;
}

export function readTheme(el: Element): PlotTheme {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return {
    bg: v('--plot-bg', '#ffffff'),
    fg: v('--fg', '#1d232b'),
    muted: v('--muted', '#5f6b7a'),
    grid: v('--plot-grid', '#e4e8ee'),
    legendBg: v('--plot-legend-bg', 'rgba(255, 255, 255, 0.8)'),
    font: css.fontFamily || 'system-ui, sans-serif',
    dark: css.colorScheme === 'dark',
  };
}

/** Tableau 10: distinguishable, colour-blind-aware, restrained. */
const CATEGORICAL = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Colour of lane i of n: categorical up to 10 lanes, an even hue wheel beyond (sweeps). */
export function laneColor(i: number, n: number): string {
  if (n <= CATEGORICAL.length) return CATEGORICAL[i] ?? '#4e79a7';
  return `hsl(${Math.round((300 * i) / Math.max(1, n - 1))}, 60%, 42%)`;
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

function hex(s: string): number[] {
  return [1, 3, 5].map((i) => parseInt(s.slice(i, i + 2), 16));
}
