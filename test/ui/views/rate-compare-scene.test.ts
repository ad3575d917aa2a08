import { describe, expect, it } from 'vitest';
import { fitPowerLaw } from '../../../src/core/analysis';
import type { CompareCell } from '../../../src/core/results';
import { markNames } from '../../../src/ui/scene/scene';
import { compareScene } from '../../../src/ui/views/compare-scene';
import { rateScene } from '../../../src/ui/views/rate-scene';
import type { RatePoint, RateSummary } from '../../../src/ui/views/rate-summary';
import { THEME } from './fixtures';

const mHs = [1, 2, 4, 8];
const points = (c: number, slope: number, lane0: number): RatePoint[] =>
  mHs.map((mH, i) => {
    const mse = c * mH ** slope;
    return { mH, mse, min: mse * 0.8, max: mse * 1.25, seeds: 2, lane: lane0 + i };
  });

function summary(step: number, c: number): RateSummary {
  const full = points(c, -1, 0);
  const low = points(c / 2, -2, 4);
  const fitFull = fitPowerLaw(mHs, full.map((p) => p.mse));
  const fitLow = fitPowerLaw([1, 2], low.slice(0, 2).map((p) => p.mse));
  return {
    step,
    theorySlope: -1,
    rows: [
      { rank: 'full', target: 0, points: full, fit: fitFull, fitOver: 'all m_h', fallback: false, tailSlope: null },
      { rank: 4, target: 1, points: low, fit: fitLow, fitOver: 'm_h < r = 4', fallback: false, tailSlope: null },
    ],
  };
}

describe('rateScene', () => {
  it('draws the points, seed bands, fits with their slope text, theory slopes and m_h = r', () => {
    const s = rateScene(summary(300, 0.01), null, THEME);
    expect(s.x.type).toBe('log');
    expect(s.y.type).toBe('log');
    expect(s.attrs.points).toBe('8');
    expect(s.attrs.slopes).toBe('-1.00,-2.00');
    const names = markNames(s);
    for (const n of ['rank full', 'rank 4', 'seed range, rank full', 'fit, rank 4', 'theory slope -1.00', 'm_h = r = 4']) expect(names).toContain(n);
    expect(names).not.toContain('m_h = r = full');
    const texts = s.marks.flatMap((m) => (m.kind === 'text' ? [m.text] : []));
    expect(texts).toEqual(['slope -1.00', 'slope -2.00']);
    // The x ticks are the m_h values themselves.
    expect(s.x.ticks.map((t) => t.label)).toEqual(['1', '2', '4', '8']);
    // The axis covers every seed range and line; m_h = r spans it.
    expect(s.y.range[0]).toBeLessThan(0.01 / 2 / 64 * 0.8);
    expect(s.y.range[1]).toBeGreaterThan(0.01 * 1.25);
    const marker = s.marks.find((m) => m.name === 'm_h = r = 4');
    expect(marker?.kind === 'line' ? [marker.x, marker.y] : []).toEqual([[4, 4], [...s.y.range]]);
  });

  it('makes every point a click target carrying its lane, and rings the selected one', () => {
    const s = rateScene(summary(300, 0.01), 6, THEME);
    expect(s.hover).toBe('nearest');
    expect(s.targets.map((t) => t.lane)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const ring = s.marks.find((m) => m.name === 'shown in the spectrum view');
    expect(ring?.kind === 'points' ? [ring.x[0], ring.shape] : []).toEqual([4, 'ring']);
  });

  it('changes its drawn values with a new evaluation', () => {
    const a = rateScene(summary(300, 0.01), null, THEME);
    const b = rateScene(summary(400, 0.005), null, THEME);
    expect(b.attrs.step).toBe('400');
    expect(b.attrs.mse).not.toBe(a.attrs.mse);
    expect(b.y.title).toContain('step 400');
  });

  it('is an empty note before the first evaluation', () => {
    expect(rateScene(null, null, THEME).empty).toMatch(/No evaluation yet/);
  });
});

describe('compareScene', () => {
  const cells: CompareCell[] = (['rnn', 'transformer'] as const).flatMap((model, i) =>
    (['none', 'order', 'mix'] as const).map((alteration, j) => ({ model, alteration, mse: 10 ** -(2 + i + j), rel: 0.1, ratio: 10 ** -j, relRatio: 1 })),
  );

  it('draws six log-scale bars, grouped by alteration, rising from below the smallest', () => {
    const s = compareScene(cells, 60);
    expect(s.attrs.bars).toBe('6');
    expect(s.y.type).toBe('log');
    expect(s.x.grid).toBe(false);
    expect(s.y.range[0]).toBeLessThan(1e-5);
    const bars = s.marks.flatMap((m) => (m.kind === 'bar' ? [m] : []));
    expect(bars.map((b) => b.name)).toEqual(['RNN, original', 'RNN, ordering', 'RNN, mixing', 'Transformer, original', 'Transformer, ordering', 'Transformer, mixing']);
    // RNN left of the Transformer within each group, each group centred on its tick.
    const [rnnOrig, , , trOrig] = bars;
    expect((rnnOrig?.x1 ?? 1) <= (trOrig?.x0 ?? 0)).toBe(true);
    expect(((rnnOrig?.x0 ?? 0) + (trOrig?.x1 ?? 0)) / 2).toBeCloseTo(0, 9);
    expect(s.attrs.mse?.split(',').map(Number)).toEqual([1e-2, 1e-3, 1e-4, 1e-3, 1e-4, 1e-5]);
    expect(s.targets[1]?.lines()).toEqual(['ordering', 'RNN: MSE 1.00e-3 (× 0.100)', 'Transformer: MSE 1.00e-4 (× 0.100)']);
  });

  it('is an empty note without cells', () => {
    expect(compareScene([], null).empty).toBe('No evaluation yet');
  });
});
