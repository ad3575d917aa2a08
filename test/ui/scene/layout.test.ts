import { describe, expect, it } from 'vitest';
import { frameFor, hitTest, LEGEND_ROW, LEGEND_SWATCH, legendRows, MARGIN } from '../../../src/ui/scene/layout';
import type { Scene } from '../../../src/ui/scene/scene';

const axes: Pick<Scene, 'x' | 'y'> = {
  x: { type: 'log', range: [1, 100], title: '', ticks: [] },
  y: { type: 'linear', range: [0, 10], title: '', ticks: [] },
};

describe('legendRows', () => {
  it('flows items into rows no wider than the plot', () => {
    // Each item needs swatch + text, plus a 14 px gap after the first in a row.
    const w = 100;
    const one = LEGEND_SWATCH + w;
    expect(legendRows([w, w, w], one * 2 + 14)).toEqual([[0, 1], [2]]);
    expect(legendRows([w, w, w], one * 3 + 28)).toEqual([[0, 1, 2]]);
  });
  it('gives an item wider than the plot a row of its own', () => {
    expect(legendRows([500, 10], 200)).toEqual([[0], [1]]);
    expect(legendRows([], 200)).toEqual([]);
  });
});

describe('frameFor', () => {
  it('leaves room for the legend rows above the plot', () => {
    const f0 = frameFor(axes, 600, 300, 0);
    const f2 = frameFor(axes, 600, 300, 2);
    expect(f0.top).toBe(MARGIN.t);
    expect(f2.top - f0.top).toBe(2 * LEGEND_ROW + 4);
    expect(f2.top + f2.height).toBe(300 - MARGIN.b);
    expect(f0.width).toBe(600 - MARGIN.l - MARGIN.r);
  });
  it('scales x in log space and y upwards', () => {
    const f = frameFor(axes, 600, 300, 0);
    expect(f.sx.map(10)).toBeCloseTo(f.left + f.width / 2, 9);
    expect(f.sy.map(10)).toBeCloseTo(f.top, 9);
    expect(f.sy.map(0)).toBeCloseTo(f.top + f.height, 9);
  });
});

describe('hitTest', () => {
  const f = frameFor(axes, 600, 300, 0);
  const targets = [
    { x: 1, y: 5, lines: () => ['a'], lane: 0 },
    { x: 10, y: 5, lines: () => ['b'], lane: 1 },
    { x: 100, y: 1, lines: () => ['c'], lane: 2 },
  ];
  it("finds the nearest point within reach in 'nearest' mode, and nothing far from every point", () => {
    const s = { hover: 'nearest' as const, targets };
    expect(hitTest(s, f, f.sx.map(10) + 5, f.sy.map(5) - 5)?.lane).toBe(1);
    expect(hitTest(s, f, f.sx.map(10), f.sy.map(9))).toBeNull();
  });
  it("finds the nearest column in 'column' mode whatever the height", () => {
    const s = { hover: 'column' as const, targets };
    expect(hitTest(s, f, f.sx.map(90), f.sy.map(9))?.lines()).toEqual(['c']);
  });
  it('finds nothing outside the plot frame', () => {
    expect(hitTest({ hover: 'column', targets }, f, 2, 2)).toBeNull();
  });
});
