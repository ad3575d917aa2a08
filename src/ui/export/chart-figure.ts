/**
 * The live canvas charts as plotly figures, for export only: the same series (every point, faint
 * raw readings under the smoothed curve), axes and titles, so the PNG and SVG match the screen.
 */
import type { Data } from 'plotly.js-cartesian-dist-min';
import type { ChartSpec } from '../plots/canvas-chart';
import type { Figure } from '../plots/LivePlot';
import type { PlotTheme } from '../plots/plot-theme';
import { axis, baseLayout, emptyNote, logAxis, translucent } from '../views/plot-layout';

/** Plotly's log axis drops non-positive values silently; a gap (null) says so explicitly. */
const positive = (ys: readonly (number | null)[]): (number | null)[] => ys.map((y) => (y !== null && y > 0 && Number.isFinite(y) ? y : null));

export function chartFigure(spec: ChartSpec, theme: PlotTheme): Figure {
  const base = baseLayout(theme);
  if (spec.empty !== null) return { data: [], layout: { ...base, ...emptyNote(spec.empty, theme) } };
  const ordered = [...spec.series.filter((s) => s.faint), ...spec.series.filter((s) => !s.faint)];
  const ys = ordered.map((s) => positive(s.y));
  const data: Data[] = ordered.map((s, i) => ({
    type: 'scatter',
    mode: s.markers ? 'lines+markers' : 'lines',
    name: s.faint ? `${s.label} (raw)` : s.label,
    legendgroup: s.label,
    showlegend: !s.faint,
    x: [...s.x],
    y: ys[i] ?? [],
    line: { color: s.faint ? translucent(s.color, 0.35) : s.color, width: s.faint ? 1 : 1.75 },
    ...(s.markers ? { marker: { color: s.color, size: 5 } } : {}),
  }));
  // A loop, not Math.min(...ys): a long run has more points than a call may take arguments.
  let lo = Infinity;
  let hi = -Infinity;
  for (const list of ys) {
    for (const y of list) {
      if (y === null) continue;
      if (y < lo) lo = y;
      if (y > hi) hi = y;
    }
  }
  if (!Number.isFinite(lo)) [lo, hi] = [1e-3, 1];
  const layout = {
    ...base,
    xaxis: axis(theme, spec.xTitle, { range: [spec.xRange[0], spec.xRange[1]], zeroline: false }),
    yaxis: axis(theme, spec.yTitle, logAxis(lo, hi)),
  };
  return { data, layout };
}
