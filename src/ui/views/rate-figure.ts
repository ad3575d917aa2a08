/** The rate figure (paper Fig. 5 / Fig. 1c): evaluation MSE vs m_h on log-log axes, per target rank. */
import type { Data } from 'plotly.js-cartesian-dist-min';
import { powerLawAt } from '../../core/analysis';
import type { Figure } from '../plots/LivePlot';
import { laneColor } from '../plots/plot-theme';
import type { PlotTheme } from '../plots/plot-theme';
import { axis, baseLayout, emptyNote, logAxis, translucent } from './plot-layout';
import { isFit, type RateRow, type RateSummary } from './rate-summary';

/** x values spanning [lo, hi] evenly in log space (a straight line on log axes needs only its ends). */
const ends = (lo: number, hi: number): number[] => [lo, hi];

function rowTraces(row: RateRow, i: number, n: number, theorySlope: number | null, yRange: [number, number]): Data[] {
  const color = laneColor(i, n);
  const name = `rank ${row.rank}`;
  const x = row.points.map((p) => p.mH);
  const out: Data[] = [];
  if (row.points.some((p) => p.seeds > 1)) {
    // The seed range as one closed polygon: max left to right, then min right to left.
    out.push({
      type: 'scatter', mode: 'lines', x: [...x, ...[...x].reverse()], y: [...row.points.map((p) => p.max), ...row.points.map((p) => p.min).reverse()],
      fill: 'toself', fillcolor: translucent(color, 0.18), line: { width: 0, color }, legendgroup: name, showlegend: false, hoverinfo: 'skip',
    });
  }
  out.push({
    type: 'scatter', mode: 'lines+markers', name, legendgroup: name, x, y: row.points.map((p) => p.mse),
    customdata: row.points.map((p) => p.lane), line: { color, width: 2 }, marker: { color, size: 8 },
    hovertemplate: `${name}<br>m_h %{x}<br>MSE %{y:.3e}<br>click: show its spectrum<extra></extra>`,
  });
  const fit = row.fit;
  if (isFit(fit) && !row.fallback) {
    const used = fit.used.map((j) => x[j] ?? Number.NaN);
    const fx = ends(Math.min(...used), Math.max(...used));
    out.push({
      type: 'scatter', mode: 'lines', name: `fit, ${name}`, legendgroup: name, showlegend: false, x: fx, y: fx.map((m) => powerLawAt(fit, m)),
      line: { color, width: 1.5 }, opacity: 0.65, hovertemplate: `fit ${name}: slope ${fit.slope.toFixed(2)}<extra></extra>`,
    });
  }
  const first = row.points[0];
  if (theorySlope !== null && first) {
    const last = row.rank === 'full' ? Math.max(...x) : Math.min(row.rank, Math.max(...x));
    if (last > first.mH) {
      const tx = ends(first.mH, last);
      out.push({
        type: 'scatter', mode: 'lines', name: `theory slope ${theorySlope.toFixed(2)}`, legendgroup: 'theory', showlegend: i === 0,
        x: tx, y: tx.map((m) => first.mse * (m / first.mH) ** theorySlope), line: { color, width: 1.5, dash: 'dash' }, hoverinfo: 'skip',
      });
    }
  }
  if (row.rank !== 'full') {
    out.push({
      type: 'scatter', mode: 'lines', name: `m_h = r = ${row.rank}`, legendgroup: name, showlegend: false, x: [row.rank, row.rank], y: yRange,
      line: { color, width: 1.5, dash: 'dot' }, hovertemplate: `m_h = r = ${row.rank}<extra></extra>`,
    });
  }
  return out;
}

/** Error vs m_h per rank: seed ranges, the fitted power law, the theory's slope, m_h = r; the chosen lane ringed. */
export function rateFigure(summary: RateSummary | null, selected: number | null, theme: PlotTheme): Figure {
  const base = baseLayout(theme);
  if (!summary || summary.rows.every((r) => r.points.length === 0)) {
    return { data: [], layout: { ...base, ...emptyNote('No evaluation yet: the error vs m_h appears with the first one', theme) } };
  }
  const ys = summary.rows.flatMap((r) => r.points.flatMap((p) => [p.min, p.max])).filter((v) => v > 0 && Number.isFinite(v));
  const yRange: [number, number] = [Math.min(...ys), Math.max(...ys)];
  const data = summary.rows.flatMap((row, i) => rowTraces(row, i, summary.rows.length, summary.theorySlope, yRange));
  const chosen = summary.rows.flatMap((r) => r.points).find((p) => p.lane === selected);
  if (chosen) {
    data.push({
      type: 'scatter', mode: 'markers', name: 'shown in the spectrum view', x: [chosen.mH], y: [chosen.mse], hoverinfo: 'skip',
      marker: { symbol: 'circle-open', size: 18, color: theme.fg, line: { width: 2, color: theme.fg } },
    });
  }
  const mHs = [...new Set(summary.rows.flatMap((r) => r.points.map((p) => p.mH)))].sort((a, b) => a - b);
  const layout = {
    ...base,
    xaxis: axis(theme, 'head size m_h', { type: 'log' as const, tickvals: mHs, ticktext: mHs.map(String) }),
    yaxis: axis(theme, `eval MSE at step ${summary.step}`, logAxis(yRange[0], yRange[1])),
  };
  return { data, layout };
}
