import { describe, expect, it } from 'vitest';
import { curvesScene, stepRange, type Curves } from '../../../src/ui/plots/curves';
import { markNames } from '../../../src/ui/scene/scene';

describe('the live curves as a scene', () => {
  const x = Array.from({ length: 5000 }, (_, i) => i + 1);
  const curves: Curves = {
    series: [
      { label: 'm_h 1', color: '#4e79a7', x, y: x.map((s) => 1 / s), faint: true },
      { label: 'm_h 1', color: '#4e79a7', x, y: x.map((s, i) => (i === 3 ? 0 : 2 / s)) },
    ],
    xRange: [0, 5000],
    xTitle: 'step',
    yTitle: 'train MSE',
    empty: null,
  };

  it('keeps every point, draws faint series first and without a legend entry, and gaps non-positive values', () => {
    const s = curvesScene(curves);
    expect(markNames(s)).toEqual(['m_h 1 (raw)', 'm_h 1']);
    const [raw, smooth] = s.marks;
    expect(raw?.kind === 'line' && raw.x.length).toBe(5000);
    expect(raw?.kind === 'line' && raw.alpha).toBe(0.35);
    expect(smooth?.kind === 'line' && Number.isNaN(smooth.y[3])).toBe(true);
    expect(smooth?.kind === 'line' && smooth.y[4]).toBe(2 / 5);
    expect(s.legend.map((l) => l.label)).toEqual(['m_h 1']);
    expect(s.y.type).toBe('log');
    expect(s.x.range).toEqual([0, 5000]);
    // The log axis covers every plotted value, padded.
    expect(s.y.range[0]).toBeLessThan(1 / 5000);
    expect(s.y.range[1]).toBeGreaterThan(2);
    expect(s.attrs.series).toBe('2');
  });

  it('reads every series at the hovered step, the raw value beside the smoothed', () => {
    const s = curvesScene(curves);
    expect(s.targets).toHaveLength(5000);
    expect(s.targets[9]?.lines()).toEqual(['step 10', 'm_h 1: 2.000e-1 (raw 1.000e-1)']);
  });

  it('shows the empty message, and draws markers for evaluation curves', () => {
    expect(curvesScene({ ...curves, series: [], empty: 'No evaluation yet' }).empty).toBe('No evaluation yet');
    const evals = curvesScene({ ...curves, series: [{ label: 'a', color: '#000', x: [1, 2], y: [0.1, 0.2], markers: true }] });
    expect(evals.marks.map((m) => m.kind)).toEqual(['line', 'points']);
  });

  it('rounds the step axis past the latest step', () => {
    expect(stepRange(130, 1000)).toEqual([0, 200]);
    expect(stepRange(0, 1000)).toEqual([0, 1000]);
    expect(stepRange(900, 1000)).toEqual([0, 1000]);
  });
});
