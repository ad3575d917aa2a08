import { describe, expect, it } from 'vitest';
import type { ChartSpec } from '../../../src/ui/plots/canvas-chart';
import type { PlotTheme } from '../../../src/ui/plots/plot-theme';
import { chartFigure } from '../../../src/ui/export/chart-figure';

const theme: PlotTheme = { bg: '#fff', fg: '#111', muted: '#666', grid: '#eee', legendBg: 'rgba(255,255,255,0.8)', font: 'sans-serif', dark: false };

describe('live chart as a plotly figure', () => {
  it('keeps every point, draws faint series first without a legend entry, and gaps non-positive values', () => {
    const x = Array.from({ length: 5000 }, (_, i) => i + 1);
    const spec: ChartSpec = {
      series: [
        { label: 'm_h 1', color: '#4e79a7', x, y: x.map((s) => 1 / s), faint: true },
        { label: 'm_h 1', color: '#4e79a7', x, y: x.map((s, i) => (i === 3 ? 0 : 2 / s)) },
      ],
      xRange: [0, 5000],
      xTitle: 'step',
      yTitle: 'train MSE',
      empty: null,
    };
    const f = chartFigure(spec, theme);
    const traces = f.data as { name: string; showlegend: boolean; x: number[]; y: (number | null)[]; line: { color: string } }[];
    expect(traces.map((t) => [t.name, t.showlegend])).toEqual([
      ['m_h 1 (raw)', false],
      ['m_h 1', true],
    ]);
    expect(traces[0]?.x).toHaveLength(5000);
    expect(traces[1]?.y[3]).toBeNull();
    expect(traces[1]?.y[4]).toBe(2 / 5);
    expect(traces[0]?.line.color).toBe('rgba(78, 121, 167, 0.35)');
    expect(f.layout.yaxis?.type).toBe('log');
    expect(f.layout.xaxis?.range).toEqual([0, 5000]);
  });

  it('shows the chart’s empty message when there is nothing to draw', () => {
    const f = chartFigure({ series: [], xRange: [0, 1], xTitle: 'step', yTitle: 'eval MSE', empty: 'No evaluation yet' }, theme);
    expect(f.data).toEqual([]);
    expect(f.layout.annotations?.[0]?.text).toBe('No evaluation yet');
  });
});
