/** Where a scene goes on the canvas: the legend's rows, the plot frame and its scales, hit-testing. */
import { makeScale, type Scale } from './scale';
import type { HoverTarget, Scene } from './scene';

export interface Frame {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly sx: Scale;
  readonly sy: Scale;
}

export const MARGIN = { l: 64, r: 16, t: 8, b: 46 } as const;
export const LEGEND_ROW = 16;
/** Width of a legend item's swatch and the gaps around it, in px. */
export const LEGEND_SWATCH = 26;
const LEGEND_GAP = 14;

/** Legend items (by their text widths) flowed into rows no wider than `maxWidth`: each row lists item indices. */
export function legendRows(textWidths: readonly number[], maxWidth: number): number[][] {
  const rows: number[][] = [];
  let row: number[] = [];
  let used = 0;
  textWidths.forEach((w, i) => {
    const need = LEGEND_SWATCH + w + (row.length > 0 ? LEGEND_GAP : 0);
    if (row.length > 0 && used + need > maxWidth) {
      rows.push(row);
      row = [];
      used = 0;
    }
    used += row.length > 0 ? need : LEGEND_SWATCH + w;
    row.push(i);
  });
  if (row.length > 0) rows.push(row);
  return rows;
}

/** The plot frame for a canvas of width × height CSS px with `legendRowCount` legend rows above it. */
export function frameFor(scene: Pick<Scene, 'x' | 'y'>, width: number, height: number, legendRowCount: number): Frame {
  const top = MARGIN.t + legendRowCount * LEGEND_ROW + (legendRowCount > 0 ? 4 : 0);
  const w = Math.max(10, width - MARGIN.l - MARGIN.r);
  const h = Math.max(10, height - top - MARGIN.b);
  return {
    left: MARGIN.l,
    top,
    width: w,
    height: h,
    sx: makeScale(scene.x.type, scene.x.range[0], scene.x.range[1], MARGIN.l, MARGIN.l + w),
    sy: makeScale(scene.y.type, scene.y.range[0], scene.y.range[1], top + h, top),
  };
}

/** Pixels from a target within which 'nearest' hovering finds it ('cell' finds the nearest anywhere). */
export const REACH = 18;

/** The target under the pointer at (px, py) in CSS px, if any. */
export function hitTest(scene: Pick<Scene, 'hover' | 'targets'>, f: Frame, px: number, py: number): HoverTarget | null {
  if (px < f.left || px > f.left + f.width || py < f.top || py > f.top + f.height) return null;
  let best: HoverTarget | null = null;
  let bestD = Infinity;
  for (const t of scene.targets) {
    const dx = f.sx.map(t.x) - px;
    const dy = f.sy.map(t.y) - py;
    const d = scene.hover === 'column' ? Math.abs(dx) : Math.hypot(dx, dy);
    if (Number.isFinite(d) && d < bestD) {
      best = t;
      bestD = d;
    }
  }
  return scene.hover === 'nearest' && bestD > REACH ? null : best;
}
