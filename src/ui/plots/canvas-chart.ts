/**
 * A small canvas line chart for the curves that update while training. Plotly's SVG redraw of even a
 * two-trace plot costs 20–80 ms of main-thread time on a modest machine, which the live view would pay
 * ten times a second; drawing the same lines on a canvas costs about a millisecond. The paper views,
 * redrawn only at evaluations, stay in plotly.
 */
import type { PlotTheme } from './plot-theme';

export interface Series {
  readonly label: string;
  readonly color: string;
  readonly x: readonly number[];
  readonly y: readonly (number | null)[];
  /** Drawn thin and translucent (raw data under a smoothed curve); not in the legend. */
  readonly faint?: boolean;
  readonly markers?: boolean;
}

export interface ChartSpec {
  readonly series: readonly Series[];
  readonly xRange: readonly [number, number];
  readonly xTitle: string;
  readonly yTitle: string;
  /** Shown in the middle when there is nothing to draw. */
  readonly empty: string | null;
}

export interface Frame {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly x0: number;
  readonly x1: number;
  /** log10 range of the y axis */
  readonly ly0: number;
  readonly ly1: number;
}

const MARGIN = { l: 62, r: 14, t: 10, b: 40 };

/** The log10 y range covering every positive finite value, padded; a placeholder when empty. */
export function yLogRange(series: readonly Series[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (const y of s.y) {
      if (y === null || !(y > 0) || !Number.isFinite(y)) continue;
      lo = Math.min(lo, y);
      hi = Math.max(hi, y);
    }
  }
  if (!Number.isFinite(lo)) return [-3, 0];
  const l0 = Math.log10(lo);
  const l1 = Math.log10(hi);
  const pad = Math.max(0.05, (l1 - l0) * 0.06);
  return [l0 - pad, l1 + pad];
}

export function frameOf(spec: ChartSpec, width: number, height: number): Frame {
  const [ly0, ly1] = yLogRange(spec.series);
  // A non-finite step range (a file's absurd step count) draws as [0, 1] rather than as NaN pixels.
  const [x0, x1] = spec.xRange.every(Number.isFinite) ? spec.xRange : [0, 1];
  return {
    left: MARGIN.l,
    top: MARGIN.t,
    width: Math.max(10, width - MARGIN.l - MARGIN.r),
    height: Math.max(10, height - MARGIN.t - MARGIN.b),
    x0,
    x1: x1 > x0 ? x1 : x0 + Math.max(1, Math.abs(x0) * 1e-6),
    ly0,
    ly1,
  };
}

export const px = (f: Frame, x: number): number => f.left + ((x - f.x0) / (f.x1 - f.x0)) * f.width;
export const py = (f: Frame, y: number): number => f.top + (1 - (Math.log10(y) - f.ly0) / (f.ly1 - f.ly0)) * f.height;

/** At most this many ticks on any axis: a range from untrusted data (an imported file) never makes more. */
export const MAX_TICKS = 60;

/**
 * Tick values on a log axis: powers of ten, with 2 and 5 when the range spans few decades; every
 * few decades when it spans very many. An empty list for a non-finite or reversed range.
 */
export function logTicks(ly0: number, ly1: number): number[] {
  if (!Number.isFinite(ly0) || !Number.isFinite(ly1) || ly1 < ly0) return [];
  const span = ly1 - ly0;
  const mantissas = span > 2.5 ? [1] : span > 0.8 ? [1, 2, 5] : [1, 1.5, 2, 3, 5, 7];
  // Whole decades, thinned so that no range (at most ~650 decades of float64) gives more than MAX_TICKS.
  const every = Math.max(1, Math.ceil((span + 2) / MAX_TICKS));
  const first = Math.floor(ly0 / every) * every;
  const out: number[] = [];
  for (let i = 0; first + i * every <= Math.ceil(ly1); i++) {
    const e = first + i * every;
    for (const m of mantissas) {
      const v = m * 10 ** e;
      const lv = Math.log10(v);
      if (lv >= ly0 && lv <= ly1) out.push(v);
    }
  }
  return out;
}

/**
 * Round step ticks: 1, 2 or 5 × 10^k apart, about five of them. An empty list for a non-finite or
 * reversed range, and never more than MAX_TICKS, however far from zero the range lies (where
 * k·step stops changing in floating point, the loop still ends).
 */
export function linearTicks(x0: number, x1: number): number[] {
  if (!Number.isFinite(x0) || !Number.isFinite(x1) || x1 < x0) return [];
  const raw = (x1 - x0) / 5;
  if (!Number.isFinite(raw)) return [];
  const mag = 10 ** Math.floor(Math.log10(raw || Math.max(Math.abs(x0), 1)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const k0 = Math.ceil(x0 / step);
  const out: number[] = [];
  // Multiples of the step, cleaned of binary noise (0.6, not 0.6000000000000001).
  for (let i = 0; i < MAX_TICKS; i++) {
    const v = Number(((k0 + i) * step).toPrecision(12));
    if (!(v <= x1 + 1e-9 * Math.max(1, Math.abs(x1)))) break;
    if (out[out.length - 1] !== v) out.push(v);
  }
  return out;
}

export function formatTick(v: number): string {
  const e = Math.floor(Math.log10(v));
  const m = v / 10 ** e;
  if (Math.abs(m - 1) < 1e-9) return e >= -2 && e <= 3 ? String(v) : `1e${e}`;
  return e >= -2 && e <= 3 ? String(Number(v.toPrecision(2))) : `${Number(m.toPrecision(2))}e${e}`;
}

function drawAxes(ctx: CanvasRenderingContext2D, f: Frame, spec: ChartSpec, theme: PlotTheme): void {
  ctx.strokeStyle = theme.grid;
  ctx.fillStyle = theme.muted;
  ctx.lineWidth = 1;
  ctx.font = `11px ${theme.font}`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of logTicks(f.ly0, f.ly1)) {
    const y = Math.round(py(f, v)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(f.left, y);
    ctx.lineTo(f.left + f.width, y);
    ctx.stroke();
    ctx.fillText(formatTick(v), f.left - 6, y);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const v of linearTicks(f.x0, f.x1)) {
    const x = Math.round(px(f, v)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, f.top);
    ctx.lineTo(x, f.top + f.height);
    ctx.stroke();
    ctx.fillText(String(v), x, f.top + f.height + 5);
  }
  ctx.fillStyle = theme.fg;
  ctx.font = `12px ${theme.font}`;
  ctx.fillText(spec.xTitle, f.left + f.width / 2, f.top + f.height + 22);
  ctx.save();
  ctx.translate(14, f.top + f.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(spec.yTitle, 0, 0);
  ctx.restore();
}

function drawSeries(ctx: CanvasRenderingContext2D, f: Frame, s: Series): void {
  ctx.strokeStyle = s.color;
  ctx.fillStyle = s.color;
  ctx.globalAlpha = s.faint ? 0.35 : 1;
  ctx.lineWidth = s.faint ? 1 : 1.75;
  ctx.beginPath();
  let pen = false;
  for (let i = 0; i < s.x.length; i++) {
    const y = s.y[i];
    if (y === null || y === undefined || !(y > 0) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    const X = px(f, s.x[i] as number);
    const Y = py(f, y);
    if (pen) ctx.lineTo(X, Y);
    else ctx.moveTo(X, Y);
    pen = true;
  }
  ctx.stroke();
  if (s.markers) {
    for (let i = 0; i < s.x.length; i++) {
      const y = s.y[i];
      if (y === null || y === undefined || !(y > 0)) continue;
      ctx.beginPath();
      ctx.arc(px(f, s.x[i] as number), py(f, y), 2.5, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  ctx.globalAlpha = 1;
}

function drawLegend(ctx: CanvasRenderingContext2D, f: Frame, series: readonly Series[], theme: PlotTheme): void {
  const items = series.filter((s) => !s.faint);
  if (items.length === 0 || items.length > 12) return;
  ctx.font = `11px ${theme.font}`;
  const w = Math.max(...items.map((s) => ctx.measureText(s.label).width)) + 30;
  const h = items.length * 15 + 6;
  const x = f.left + f.width - w - 4;
  ctx.fillStyle = theme.legendBg;
  ctx.fillRect(x, f.top + 4, w, h);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  items.forEach((s, i) => {
    const y = f.top + 11 + i * 15;
    ctx.strokeStyle = s.color;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x + 5, y);
    ctx.lineTo(x + 20, y);
    ctx.stroke();
    ctx.fillStyle = theme.fg;
    ctx.fillText(s.label, x + 25, y);
  });
}

/** Draw the whole chart into a canvas context already scaled to CSS pixels. */
export function drawChart(ctx: CanvasRenderingContext2D, spec: ChartSpec, width: number, height: number, theme: PlotTheme): Frame {
  const f = frameOf(spec, width, height);
  ctx.fillStyle = theme.bg;
  ctx.fillRect(0, 0, width, height);
  drawAxes(ctx, f, spec, theme);
  ctx.save();
  ctx.beginPath();
  ctx.rect(f.left, f.top, f.width, f.height);
  ctx.clip();
  for (const s of spec.series) if (s.faint) drawSeries(ctx, f, s);
  for (const s of spec.series) if (!s.faint) drawSeries(ctx, f, s);
  ctx.restore();
  drawLegend(ctx, f, spec.series, theme);
  if (spec.empty) {
    ctx.fillStyle = theme.muted;
    ctx.font = `13px ${theme.font}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(spec.empty, f.left + f.width / 2, f.top + f.height / 2);
  }
  return f;
}
