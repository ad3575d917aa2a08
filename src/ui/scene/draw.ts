/**
 * The painter: draws a Scene on a 2D context in CSS px, about a millisecond a view. The context is
 * a canvas's (live, and the PNG export at 2×) or the SVG recorder of svg.ts (the SVG export).
 */
import { frameFor, LEGEND_ROW, LEGEND_SWATCH, legendRows, MARGIN, type Frame } from './layout';
import { panelsOf, type AreaMark, type BarMark, type CellsMark, type Figure, type LegendItem, type LineMark, type PointsMark, type Scene, type Shape, type TextMark } from './scene';
import type { PlotTheme } from './theme';

/**
 * The part of CanvasRenderingContext2D the painter uses (a canvas's context is one; only whole
 * circles are drawn with arc); `panel` and `series` tell the SVG recorder which panel and which
 * named mark the next shapes belong to.
 */
export type Ctx = Pick<
  CanvasRenderingContext2D,
  'fillStyle' | 'strokeStyle' | 'lineWidth' | 'globalAlpha' | 'font' | 'textAlign' | 'textBaseline' | 'beginPath' | 'closePath' | 'moveTo' | 'lineTo' | 'arc' | 'rect' | 'fill' | 'stroke' | 'clip' | 'fillRect' | 'fillText' | 'strokeText' | 'setLineDash' | 'save' | 'restore' | 'translate' | 'rotate'
> & { measureText(text: string): { readonly width: number }; panel?(index: number): void; series?(name: string | undefined): void };

function drawAxes(ctx: Ctx, f: Frame, scene: Scene, theme: PlotTheme): void {
  ctx.strokeStyle = theme.grid;
  ctx.fillStyle = theme.muted;
  ctx.lineWidth = 1;
  ctx.font = `11px ${theme.font}`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of scene.y.ticks) {
    const y = Math.round(f.sy.map(t.value)) + 0.5;
    if (!(y >= f.top - 1 && y <= f.top + f.height + 1)) continue;
    if (scene.y.grid !== false) {
      ctx.beginPath();
      ctx.moveTo(f.left, y);
      ctx.lineTo(f.left + f.width, y);
      ctx.stroke();
    }
    ctx.fillText(t.label, f.left - 6, y);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of scene.x.ticks) {
    const x = Math.round(f.sx.map(t.value)) + 0.5;
    if (!(x >= f.left - 1 && x <= f.left + f.width + 1)) continue;
    if (scene.x.grid !== false) {
      ctx.beginPath();
      ctx.moveTo(x, f.top);
      ctx.lineTo(x, f.top + f.height);
      ctx.stroke();
    }
    ctx.fillText(t.label, x, f.top + f.height + 5);
  }
  ctx.fillStyle = theme.muted;
  ctx.font = `12px ${theme.font}`;
  ctx.fillText(scene.x.title, f.left + f.width / 2, f.top + f.height + 24);
  ctx.save();
  ctx.translate(14, f.top + f.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(scene.y.title, 0, 0);
  ctx.restore();
}

/** Trace a polyline, lifting the pen at points that do not map (NaN, or ≤ 0 on a log axis). */
function trace(ctx: Ctx, f: Frame, xs: readonly number[], ys: readonly number[]): void {
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    const X = f.sx.map(xs[i] ?? Number.NaN);
    const Y = f.sy.map(ys[i] ?? Number.NaN);
    if (!Number.isFinite(X) || !Number.isFinite(Y)) {
      pen = false;
      continue;
    }
    if (pen) ctx.lineTo(X, Y);
    else ctx.moveTo(X, Y);
    pen = true;
  }
}

function drawLine(ctx: Ctx, f: Frame, m: LineMark): void {
  ctx.strokeStyle = m.color;
  ctx.lineWidth = m.width;
  ctx.globalAlpha = m.alpha ?? 1;
  ctx.setLineDash(m.dash ? [...m.dash] : []);
  ctx.beginPath();
  trace(ctx, f, m.x, m.y);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
}

function drawArea(ctx: Ctx, f: Frame, m: AreaMark): void {
  ctx.beginPath();
  trace(ctx, f, m.x, m.y);
  ctx.closePath();
  ctx.globalAlpha = m.alpha;
  ctx.fillStyle = m.color;
  ctx.fill();
  ctx.globalAlpha = 1;
  if (m.outline) {
    ctx.strokeStyle = m.outline;
    ctx.lineWidth = 1;
    ctx.stroke();
  }
}

function shapePath(ctx: Ctx, shape: Shape, x: number, y: number, r: number): void {
  ctx.beginPath();
  if (shape === 'diamond') {
    ctx.moveTo(x, y - r);
    ctx.lineTo(x + r, y);
    ctx.lineTo(x, y + r);
    ctx.lineTo(x - r, y);
    ctx.closePath();
  } else {
    ctx.arc(x, y, r, 0, 2 * Math.PI);
  }
}

function drawPoints(ctx: Ctx, f: Frame, m: PointsMark): void {
  const r = m.size / 2;
  ctx.globalAlpha = m.alpha ?? 1;
  for (let i = 0; i < m.x.length; i++) {
    const X = f.sx.map(m.x[i] ?? Number.NaN);
    const Y = f.sy.map(m.y[i] ?? Number.NaN);
    if (!Number.isFinite(X) || !Number.isFinite(Y)) continue;
    shapePath(ctx, m.shape, X, Y, r);
    if (m.shape === 'ring') {
      ctx.strokeStyle = m.color;
      ctx.lineWidth = 2;
      ctx.stroke();
      continue;
    }
    ctx.fillStyle = m.color;
    ctx.fill();
    if (m.edge) {
      ctx.strokeStyle = m.edge;
      ctx.lineWidth = 1;
      ctx.stroke();
    }
  }
  ctx.globalAlpha = 1;
}

function drawBar(ctx: Ctx, f: Frame, m: BarMark): void {
  const x0 = f.sx.map(m.x0);
  const x1 = f.sx.map(m.x1);
  const y = f.sy.map(m.y);
  if (![x0, x1, y].every(Number.isFinite)) return;
  const base = m.base === undefined ? Number.NaN : f.sy.map(m.base);
  const from = Number.isFinite(base) ? base : f.top + f.height;
  ctx.fillStyle = m.color;
  ctx.fillRect(x0, Math.min(y, from), x1 - x0, Math.abs(from - y));
}

/** Each cell from its edges (c ± ½, r ± ½), rounded outwards to whole px so neighbours leave no seams. */
function drawCells(ctx: Ctx, f: Frame, m: CellsMark): void {
  for (let r = 0; r < m.rows; r++) {
    const ya = f.sy.map(r - 0.5);
    const yb = f.sy.map(r + 0.5);
    const y0 = Math.floor(Math.min(ya, yb));
    const h = Math.ceil(Math.max(ya, yb)) - y0;
    for (let c = 0; c < m.cols; c++) {
      const x0 = Math.floor(f.sx.map(c - 0.5));
      const w = Math.ceil(f.sx.map(c + 0.5)) - x0;
      if (!Number.isFinite(x0) || !Number.isFinite(y0)) continue;
      ctx.fillStyle = m.colors[r * m.cols + c] ?? 'transparent';
      ctx.fillRect(x0, y0, w, h);
    }
  }
}

function drawText(ctx: Ctx, f: Frame, m: TextMark, theme: PlotTheme): void {
  const X = f.sx.map(m.x);
  const Y = f.sy.map(m.y);
  if (!Number.isFinite(X) || !Number.isFinite(Y)) return;
  ctx.font = `11px ${theme.font}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  const x = X + (m.dx ?? 4);
  const y = Y + (m.dy ?? -4);
  // A halo in the background colour keeps the label readable over lines.
  ctx.lineWidth = 3;
  ctx.strokeStyle = theme.bg;
  ctx.strokeText(m.text, x, y);
  ctx.fillStyle = m.color;
  ctx.fillText(m.text, x, y);
}

function drawSwatch(ctx: Ctx, item: LegendItem, x: number, y: number): void {
  ctx.strokeStyle = item.color;
  ctx.fillStyle = item.color;
  ctx.lineWidth = 2;
  if (item.style === 'fill' || item.style === 'solid') {
    ctx.globalAlpha = item.style === 'fill' ? 0.6 : 1;
    ctx.fillRect(x, y - 5, 18, 10);
    ctx.globalAlpha = 1;
    return;
  }
  if (item.style === 'diamond' || item.style === 'circle') {
    shapePath(ctx, item.style, x + 9, y, 4.5);
    ctx.fill();
    return;
  }
  ctx.setLineDash(item.style === 'dash' ? [5, 3] : item.style === 'dot' ? [2, 3] : []);
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x + 18, y);
  ctx.stroke();
  ctx.setLineDash([]);
}

function drawLegend(ctx: Ctx, items: readonly LegendItem[], rows: readonly (readonly number[])[], theme: PlotTheme, widths: readonly number[]): void {
  ctx.font = `11px ${theme.font}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  rows.forEach((row, r) => {
    let x = MARGIN.l;
    const y = MARGIN.t + r * LEGEND_ROW + LEGEND_ROW / 2;
    for (const i of row) {
      const item = items[i];
      if (!item) continue;
      drawSwatch(ctx, item, x, y);
      ctx.fillStyle = theme.fg;
      ctx.fillText(item.label, x + LEGEND_SWATCH - 4, y);
      x += LEGEND_SWATCH + (widths[i] ?? 0) + 14;
    }
  });
}

/** Draw the whole scene into a canvas of width × height CSS px; returns the frame (for hovering). */
export function drawScene(ctx: Ctx, scene: Scene, width: number, height: number, theme: PlotTheme): Frame {
  ctx.fillStyle = theme.bg;
  ctx.fillRect(0, 0, width, height);
  ctx.font = `11px ${theme.font}`;
  const widths = scene.legend.map((l) => ctx.measureText(l.label).width);
  const rows = legendRows(widths, width - MARGIN.l - MARGIN.r);
  const f = frameFor(scene, width, height, rows.length);
  if (scene.empty !== null) {
    ctx.fillStyle = theme.muted;
    ctx.font = `13px ${theme.font}`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(scene.empty, width / 2, height / 2);
    return f;
  }
  drawAxes(ctx, f, scene, theme);
  ctx.save();
  ctx.beginPath();
  ctx.rect(f.left, f.top, f.width, f.height);
  ctx.clip();
  for (const m of scene.marks) {
    ctx.series?.(m.name);
    if (m.kind === 'line') drawLine(ctx, f, m);
    else if (m.kind === 'area') drawArea(ctx, f, m);
    else if (m.kind === 'points') drawPoints(ctx, f, m);
    else if (m.kind === 'bar') drawBar(ctx, f, m);
    else if (m.kind === 'cells') drawCells(ctx, f, m);
    else drawText(ctx, f, m, theme);
  }
  ctx.series?.(undefined);
  ctx.restore();
  drawLegend(ctx, scene.legend, rows, theme, widths);
  return f;
}

/** Draw a figure's scenes side by side, each as wide as its share of the spans; returns their frames and left edges. */
export function drawFigure(ctx: Ctx, figure: Figure, width: number, height: number, theme: PlotTheme): { frame: Frame; left: number }[] {
  const panels = panelsOf(figure);
  const total = panels.reduce((a, p) => a + (p.span ?? 1), 0);
  let left = 0;
  return panels.map((p, i) => {
    const w = (width * (p.span ?? 1)) / total;
    ctx.save();
    ctx.translate(left, 0);
    ctx.panel?.(i);
    const frame = drawScene(ctx, p, w, height, theme);
    ctx.restore();
    const out = { frame, left };
    left += w;
    return out;
  });
}
