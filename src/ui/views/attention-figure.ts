/**
 * The mean attention maps for export: one plotly heat map per shown Transformer lane, side by side,
 * query t down, key s across, viridis from 0 to each map's largest value (as the live canvas).
 */
import type { AxisName, Data, Layout } from 'plotly.js-cartesian-dist-min';
import type { Figure } from '../plots/LivePlot';
import type { PlotTheme } from '../plots/plot-theme';
import type { AttentionMap } from './attention-data';
import { viridis } from '../scene/colormap';
import { axis, baseLayout, emptyNote } from './plot-layout';

/** Viridis as a plotly colour scale (9 stops). */
const SCALE: Array<[number, string]> = Array.from({ length: 9 }, (_, i) => [i / 8, viridis(i / 8)]);

export function attentionFigure(maps: readonly AttentionMap[], theme: PlotTheme): Figure {
  if (maps.length === 0) return { data: [], layout: { ...baseLayout(theme), ...emptyNote('No mean attention yet: it arrives with each evaluation.', theme) } };
  const n = maps.length;
  const gap = 0.06;
  const width = (1 - gap * (n - 1)) / n;
  const data: Data[] = [];
  const layout: Partial<Layout> & Record<string, unknown> = { ...baseLayout(theme), margin: { l: 64, r: 16, t: 40, b: 46 } };
  maps.forEach((m, i) => {
    const k = i === 0 ? '' : String(i + 1);
    const idx = Array.from({ length: m.tau }, (_, j) => j);
    const z = idx.map((t) => m.values.slice(t * m.tau, (t + 1) * m.tau));
    const max = Math.max(...m.values);
    data.push({
      type: 'heatmap',
      name: m.label,
      x: idx,
      y: idx,
      z,
      zmin: 0,
      zmax: max > 0 ? max : 1,
      colorscale: SCALE,
      showscale: false,
      xaxis: `x${k}`,
      yaxis: `y${k}`,
      hovertemplate: `${m.label}<br>query t = %{y}, key s = %{x}<br>A = %{z:.4f}<extra></extra>`,
    } as Data);
    const x0 = i * (width + gap);
    layout[`xaxis${k}`] = axis(theme, `key position s · max ${max.toPrecision(3)}`, { domain: [x0, x0 + width], anchor: `y${k}` as AxisName, showgrid: false });
    layout[`yaxis${k}`] = axis(theme, `query t · ${m.label}`, { autorange: 'reversed', anchor: `x${k}` as AxisName, showgrid: false });
  });
  layout.title = { text: `Mean attention A[t, s] at step ${maps[0]?.step ?? ''} (${maps[0]?.count ?? 0} evaluation sequences)`, font: { size: 13, color: theme.fg } };
  return { data, layout };
}
