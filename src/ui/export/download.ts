/** Turning a figure or a CSV text into a downloaded file (browser only). */
import { loadPlotly } from '../plots/plotly';
import type { Figure } from '../plots/LivePlot';

/**
 * Exported figures have a fixed size in CSS pixels, whatever the screen (a phone's 390-px plot
 * would make a poor figure); PNGs are rendered at twice that.
 */
export const EXPORT_WIDTH = 900;
export const EXPORT_HEIGHT = 450;
export const PNG_SCALE = 2;

/**
 * A figure as a PNG (2×) or SVG file. Plotly draws it off-screen from the figure object (not from
 * the plot on the page, which may be a canvas or held during training), so the export is the same
 * whatever the page currently shows.
 */
export async function figureBlob(figure: Figure, format: 'png' | 'svg'): Promise<Blob> {
  const layout = { ...figure.layout, width: EXPORT_WIDTH, height: EXPORT_HEIGHT };
  const Plotly = await loadPlotly();
  const url = await Plotly.toImage(
    { data: figure.data, layout, config: { staticPlot: true } },
    { format: 'svg', width: EXPORT_WIDTH, height: EXPORT_HEIGHT, scale: 1 },
  );
  const svg = dataUrlBlob(url);
  return format === 'svg' ? svg : rasterize(svg, PNG_SCALE);
}

/**
 * An SVG as a PNG at `scale` times its size. Done here rather than by plotly's own PNG export, whose
 * synchronous `toDataURL` encoding is a long main-thread task: the image decodes and the PNG
 * encodes off the main thread (`decode()`, `toBlob`), leaving only the draw on it.
 */
async function rasterize(svg: Blob, scale: number): Promise<Blob> {
  const src = URL.createObjectURL(svg);
  try {
    const img = new Image();
    img.src = src;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(EXPORT_WIDTH * scale);
    canvas.height = Math.round(EXPORT_HEIGHT * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser gave no 2D canvas to draw the PNG on');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(src);
  }
}

/**
 * A data: URL (base64 or percent-encoded, as plotly returns for PNG and SVG) as a Blob. Decoded
 * here, not by fetch(): the page's Content-Security-Policy allows no data: connections.
 */
export function dataUrlBlob(url: string): Blob {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma < 0) throw new Error('plotly returned an image that is not a data: URL');
  const meta = url.slice(5, comma);
  const payload = url.slice(comma + 1);
  const type = meta.split(';')[0] ?? '';
  if (meta.split(';').includes('base64')) return new Blob([Uint8Array.from(atob(payload), (c) => c.charCodeAt(0))], { type });
  return new Blob([decodeURIComponent(payload)], { type });
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
