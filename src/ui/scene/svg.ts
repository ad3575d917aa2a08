/**
 * The SVG painter: a recording 2D context that the canvas painter (draw.ts) draws into, written out
 * as SVG text, so the SVG export is the figure on the page shape for shape. Each shape of a named
 * mark carries data-panel and data-series (what the export's tests count).
 */
import { drawFigure, type Ctx } from './draw';
import type { Figure } from './scene';
import type { PlotTheme } from './theme';

/** Width in px of a text in a CSS font ('11px system-ui'). */
export type Measure = (text: string, font: string) => number;

interface Saved {
  readonly fillStyle: Ctx['fillStyle'];
  readonly strokeStyle: Ctx['strokeStyle'];
  readonly lineWidth: number;
  readonly globalAlpha: number;
  readonly font: string;
  readonly textAlign: CanvasTextAlign;
  readonly textBaseline: CanvasTextBaseline;
  readonly dash: readonly number[];
  /** Groups (<g>) open before the save. */
  readonly open: number;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** A coordinate to 2 decimals (0 for a non-finite one, which the painter never sends on purpose). */
const n = (v: number): string => (Number.isFinite(v) ? String(Math.round(v * 100) / 100) : '0');
const paint = (style: Ctx['fillStyle']): string => (typeof style === 'string' ? esc(style) : '#000');

const ANCHOR: Readonly<Record<CanvasTextAlign, string>> = { start: 'start', left: 'start', center: 'middle', right: 'end', end: 'end' };
const BASELINE: Readonly<Record<CanvasTextBaseline, string>> = {
  alphabetic: 'auto', bottom: 'text-after-edge', hanging: 'hanging', ideographic: 'ideographic', middle: 'middle', top: 'hanging',
};

class SvgRecorder implements Ctx {
  fillStyle: Ctx['fillStyle'] = '#000';
  strokeStyle: Ctx['strokeStyle'] = '#000';
  lineWidth = 1;
  globalAlpha = 1;
  font = '10px sans-serif';
  textAlign: CanvasTextAlign = 'start';
  textBaseline: CanvasTextBaseline = 'alphabetic';
  readonly out: string[] = [];
  private dash: readonly number[] = [];
  private path = '';
  private stack: Saved[] = [];
  private open = 0;
  private clips = 0;
  private tag = '';
  private panelIndex = 0;

  constructor(private readonly measure: Measure) {}

  panel(index: number): void {
    this.panelIndex = index;
  }

  series(name: string | undefined): void {
    this.tag = name === undefined ? '' : ` data-panel="${this.panelIndex}" data-series="${esc(name)}"`;
  }

  private alpha(): string {
    return this.globalAlpha < 1 ? ` opacity="${n(this.globalAlpha)}"` : '';
  }

  beginPath(): void {
    this.path = '';
  }
  closePath(): void {
    this.path += 'Z';
  }
  moveTo(x: number, y: number): void {
    this.path += `M${n(x)} ${n(y)}`;
  }
  lineTo(x: number, y: number): void {
    this.path += `L${n(x)} ${n(y)}`;
  }
  arc(x: number, y: number, r: number): void {
    this.path += `M${n(x + r)} ${n(y)}A${n(r)} ${n(r)} 0 1 0 ${n(x - r)} ${n(y)}A${n(r)} ${n(r)} 0 1 0 ${n(x + r)} ${n(y)}Z`;
  }
  rect(x: number, y: number, w: number, h: number): void {
    this.path += `M${n(x)} ${n(y)}h${n(w)}v${n(h)}h${n(-w)}Z`;
  }
  fill(): void {
    if (this.path) this.out.push(`<path d="${this.path}" fill="${paint(this.fillStyle)}"${this.alpha()}${this.tag}/>`);
  }
  stroke(): void {
    if (!this.path) return;
    const dash = this.dash.length > 0 ? ` stroke-dasharray="${this.dash.map(n).join(' ')}"` : '';
    this.out.push(`<path d="${this.path}" fill="none" stroke="${paint(this.strokeStyle)}" stroke-width="${n(this.lineWidth)}"${dash}${this.alpha()}${this.tag}/>`);
  }
  clip(): void {
    const id = `clip${this.clips++}`;
    this.out.push(`<clipPath id="${id}"><path d="${this.path}"/></clipPath><g clip-path="url(#${id})">`);
    this.open++;
  }
  fillRect(x: number, y: number, w: number, h: number): void {
    this.out.push(`<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${paint(this.fillStyle)}"${this.alpha()}${this.tag}/>`);
  }
  private text(text: string, x: number, y: number, paintAttrs: string): void {
    const size = parseFloat(this.font);
    const family = this.font.slice(this.font.indexOf(' ') + 1);
    const base = BASELINE[this.textBaseline];
    this.out.push(
      `<text x="${n(x)}" y="${n(y)}" font-size="${n(size)}" font-family="${esc(family)}" text-anchor="${ANCHOR[this.textAlign]}"` +
        `${base === 'auto' ? '' : ` dominant-baseline="${base}"`} ${paintAttrs}>${esc(text)}</text>`,
    );
  }
  fillText(text: string, x: number, y: number): void {
    this.text(text, x, y, `fill="${paint(this.fillStyle)}"${this.alpha()}`);
  }
  strokeText(text: string, x: number, y: number): void {
    this.text(text, x, y, `fill="none" stroke="${paint(this.strokeStyle)}" stroke-width="${n(this.lineWidth)}" stroke-linejoin="round"`);
  }
  measureText(text: string): { readonly width: number } {
    return { width: this.measure(text, this.font) };
  }
  setLineDash(segments: number[]): void {
    this.dash = [...segments];
  }
  save(): void {
    const { fillStyle, strokeStyle, lineWidth, globalAlpha, font, textAlign, textBaseline, dash, open } = this;
    this.stack.push({ fillStyle, strokeStyle, lineWidth, globalAlpha, font, textAlign, textBaseline, dash, open });
    this.open = 0;
  }
  restore(): void {
    const s = this.stack.pop();
    if (!s) return;
    this.out.push('</g>'.repeat(this.open));
    ({ fillStyle: this.fillStyle, strokeStyle: this.strokeStyle, lineWidth: this.lineWidth, globalAlpha: this.globalAlpha } = s);
    ({ font: this.font, textAlign: this.textAlign, textBaseline: this.textBaseline, dash: this.dash, open: this.open } = s);
  }
  translate(x: number, y: number): void {
    this.out.push(`<g transform="translate(${n(x)} ${n(y)})">`);
    this.open++;
  }
  rotate(angle: number): void {
    this.out.push(`<g transform="rotate(${n((angle * 180) / Math.PI)})">`);
    this.open++;
  }
  close(): string {
    return this.out.join('') + '</g>'.repeat(this.open);
  }
}

/** The figure as an SVG document of width × height px, painted by the same painter as the canvas. */
export function figureSvg(figure: Figure, width: number, height: number, theme: PlotTheme, measure: Measure): string {
  const rec = new SvgRecorder(measure);
  drawFigure(rec, figure, width, height, theme);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `${rec.close()}</svg>`
  );
}
