/** Paper Fig. 5 / Fig. 1c as a canvas scene: evaluation MSE vs m_h, log-log, one line per target rank. */
import { powerLawAt } from '../../core/analysis';
import { laneColor } from '../scene/theme';
import type { PlotTheme } from '../scene/theme';
import { logAxisTicks, padRange } from '../scene/scale';
import { emptyScene, type HoverTarget, type LegendItem, type Mark, type Scene } from '../scene/scene';
import { formatValue } from '../format';
import { isFit, type RateRow, type RateSummary } from './rate-summary';

function rowMarks(row: RateRow, color: string, theorySlope: number | null): Mark[] {
  const name = `rank ${row.rank}`;
  const x = row.points.map((p) => p.mH);
  const out: Mark[] = [];
  if (row.points.some((p) => p.seeds > 1)) {
    // The seed range as one closed polygon: max left to right, then min right to left.
    out.push({ kind: 'area', name: `seed range, ${name}`, x: [...x, ...[...x].reverse()], y: [...row.points.map((p) => p.max), ...row.points.map((p) => p.min).reverse()], color, alpha: 0.18 });
  }
  const y = row.points.map((p) => p.mse);
  out.push({ kind: 'line', name, x, y, color, width: 2 });
  out.push({ kind: 'points', x, y, color, size: 8, shape: 'circle' });
  const fit = row.fit;
  if (isFit(fit) && !row.fallback) {
    const used = fit.used.map((j) => x[j] ?? Number.NaN);
    const fx = [Math.min(...used), Math.max(...used)];
    const fy = fx.map((m) => powerLawAt(fit, m));
    out.push({ kind: 'line', name: `fit, ${name}`, x: fx, y: fy, color, width: 1.5, alpha: 0.65 });
    const midX = Math.sqrt((fx[0] ?? 1) * (fx[1] ?? 1));
    out.push({ kind: 'text', name: `slope text, ${name}`, x: midX, y: powerLawAt(fit, midX), text: `slope ${fit.slope.toFixed(2)}`, color, dx: 6, dy: -6 });
  }
  const first = row.points[0];
  if (theorySlope !== null && first) {
    const last = row.rank === 'full' ? Math.max(...x) : Math.min(row.rank, Math.max(...x));
    if (last > first.mH) {
      const tx = [first.mH, last];
      out.push({ kind: 'line', name: `theory slope ${theorySlope.toFixed(2)}`, x: tx, y: tx.map((m) => first.mse * (m / first.mH) ** theorySlope), color, width: 1.5, dash: [6, 4] });
    }
  }
  return out;
}

/** Every positive finite y value of the marks: the y axis covers them all. */
function markYs(marks: readonly Mark[]): number[] {
  return marks.flatMap((m) => (m.kind === 'line' || m.kind === 'area' || m.kind === 'points' ? m.y.filter((v) => v > 0 && Number.isFinite(v)) : []));
}

/** Error vs m_h per rank: seed ranges, the fitted power law and its slope, the theory's slope, m_h = r; the chosen lane ringed. */
export function rateScene(summary: RateSummary | null, selected: number | null, theme: PlotTheme): Scene {
  if (!summary || summary.rows.every((r) => r.points.length === 0)) {
    return emptyScene('No evaluation yet: the error vs m_h appears with the first one', { points: '0' });
  }
  const mHs = [...new Set(summary.rows.flatMap((r) => r.points.map((p) => p.mH)))].sort((a, b) => a - b);
  const xRange = padRange('log', mHs[0] ?? 1, mHs[mHs.length - 1] ?? 2, 0.08);
  const n = summary.rows.length;
  const marks: Mark[] = summary.rows.flatMap((row, i) => rowMarks(row, laneColor(i, n), summary.theorySlope));
  const ys = markYs(marks);
  const yRange = ys.length > 0 ? padRange('log', Math.min(...ys), Math.max(...ys), 0.08) : ([1e-3, 1] as [number, number]);
  // m_h = r: a dotted line across the whole plot.
  summary.rows.forEach((row, i) => {
    if (row.rank !== 'full') marks.push({ kind: 'line', name: `m_h = r = ${row.rank}`, x: [row.rank, row.rank], y: [...yRange], color: laneColor(i, n), width: 1.5, dash: [2, 3] });
  });
  const legend: LegendItem[] = summary.rows.map((row, i) => ({ label: `rank ${row.rank}`, color: laneColor(i, n), style: 'line' }));
  if (summary.theorySlope !== null) legend.push({ label: `theory slope ${summary.theorySlope.toFixed(2)}`, color: theme.muted, style: 'dash' });
  if (summary.rows.some((r) => r.rank !== 'full')) legend.push({ label: 'm_h = r', color: theme.muted, style: 'dot' });
  const chosen = summary.rows.flatMap((r) => r.points).find((p) => p.lane === selected);
  if (chosen) {
    marks.push({ kind: 'points', name: 'shown in the spectrum view', x: [chosen.mH], y: [chosen.mse], color: theme.fg, size: 18, shape: 'ring' });
    legend.push({ label: 'shown in the spectrum view', color: theme.fg, style: 'circle' });
  }
  const targets: HoverTarget[] = summary.rows.flatMap((row) =>
    row.points.map((p) => ({
      x: p.mH,
      y: p.mse,
      lane: p.lane,
      lines: () => [
        `rank ${row.rank}, m_h ${p.mH}`,
        `MSE ${formatValue(p.mse)}${p.seeds > 1 ? ` (${p.seeds} seeds: ${formatValue(p.min)} – ${formatValue(p.max)})` : ''}`,
        'click: show its spectrum',
      ],
    })),
  );
  return {
    x: { type: 'log', range: xRange, title: 'head size m_h', ticks: mHs.map((m) => ({ value: m, label: String(m) })) },
    y: { type: 'log', range: yRange, title: `eval MSE at step ${summary.step}`, ticks: logAxisTicks(yRange[0], yRange[1]) },
    marks,
    legend,
    empty: null,
    hover: 'nearest',
    targets,
    attrs: {
      step: String(summary.step),
      selected: chosen ? String(chosen.lane) : '',
      points: String(targets.length),
      mse: targets.map((t) => t.y.toExponential(4)).join(','),
      slopes: summary.rows.map((r) => (isFit(r.fit) && !r.fallback ? r.fit.slope.toFixed(2) : '—')).join(','),
    },
  };
}
