/** The error-by-position figure for export: the live chart's plotly path plus the moved positions shaded. */
import type { Data, Shape } from 'plotly.js-cartesian-dist-min';
import type { ChartSpec } from '../plots/canvas-chart';
import type { Figure } from '../plots/LivePlot';
import type { PlotTheme } from '../plots/plot-theme';
import { chartFigure } from '../export/chart-figure';
import { positionTickStep, spans, type PositionData } from './position-data';
import { MOVED_LABEL } from './position-scene';

/** The lines as a chart spec: x = t, one series per lane, markers at every position. */
export function positionChart(data: PositionData | null, empty: string): ChartSpec {
  if (!data) return { series: [], xRange: [0, 1], xTitle: 'output position t', yTitle: 'eval MSE', empty };
  const x = Array.from({ length: data.tau }, (_, t) => t);
  return {
    series: data.lines.map((l) => ({ label: l.label, color: l.color, x, y: l.mse, markers: true })),
    xRange: [-0.5, data.tau - 0.5],
    xTitle: 'output position t',
    yTitle: `eval MSE at step ${data.step}`,
    empty: null,
  };
}

export function positionFigure(data: PositionData | null, empty: string, theme: PlotTheme): Figure {
  const fig = chartFigure(positionChart(data, empty), theme);
  if (!data) return fig;
  const bands = spans(data.moved);
  const shapes: Partial<Shape>[] = bands.map(([a, b]) => ({
    type: 'rect', xref: 'x', yref: 'paper', x0: a - 0.5, x1: b + 0.5, y0: 0, y1: 1,
    fillcolor: theme.muted, opacity: 0.16, line: { width: 0 }, layer: 'below',
  }));
  // The shading's legend entry: a square swatch with no data.
  const key: Data[] = bands.length > 0
    ? [{ type: 'scatter', mode: 'markers', name: MOVED_LABEL, x: [null], y: [null], marker: { symbol: 'square', size: 12, color: theme.muted, opacity: 0.35 }, hoverinfo: 'skip' }]
    : [];
  const layout = { ...fig.layout, xaxis: { ...fig.layout.xaxis, tick0: 0, dtick: positionTickStep(data.tau) }, shapes };
  return { data: [...fig.data, ...key], layout };
}
