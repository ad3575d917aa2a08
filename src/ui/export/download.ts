/** Turning a figure or a CSV text into a downloaded file (browser only). */
import { drawFigure } from '../scene/draw';
import type { Figure } from '../scene/scene';
import { figureSvg } from '../scene/svg';
import type { PlotTheme } from '../scene/theme';

/**
 * Exported figures have a fixed size in CSS pixels, whatever the screen (a phone's 390-px plot
 * would make a poor figure); PNGs are rendered at twice that.
 */
export const EXPORT_WIDTH = 900;
export const EXPORT_HEIGHT = 450;
export const PNG_SCALE = 2;

function context(width: number, height: number): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser gave no 2D canvas to draw the figure on');
  return { canvas, ctx };
}

/**
 * A figure as a PNG (2×) or SVG file, painted from its scene by the page's own painter (not copied
 * from the plot on the page, which may be held during training), so the export is the same whatever
 * the page shows. The PNG encodes off the main thread (`toBlob`).
 */
export async function figureBlob(figure: Figure, format: 'png' | 'svg', theme: PlotTheme): Promise<Blob> {
  if (format === 'svg') {
    const { ctx } = context(1, 1);
    const measure = (text: string, font: string): number => {
      ctx.font = font;
      return ctx.measureText(text).width;
    };
    return new Blob([figureSvg(figure, EXPORT_WIDTH, EXPORT_HEIGHT, theme, measure)], { type: 'image/svg+xml' });
  }
  const { canvas, ctx } = context(EXPORT_WIDTH * PNG_SCALE, EXPORT_HEIGHT * PNG_SCALE);
  ctx.setTransform(PNG_SCALE, 0, 0, PNG_SCALE, 0, 0);
  drawFigure(ctx, figure, EXPORT_WIDTH, EXPORT_HEIGHT, theme);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'),
  );
}

export function csvBlob(text: string): Blob {
  return new Blob([text], { type: 'text/csv;charset=utf-8' });
}

/** Hand a Blob to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later, not at once: some browsers read the URL after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(href), 30_000);
}
