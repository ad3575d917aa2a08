import { describe, expect, it } from 'vitest';
import { kde } from '../../../src/ui/scene/kde';
import { markNames } from '../../../src/ui/scene/scene';
import { gridPoints, HALF_WIDTH, halfViolin, STRIP_DOTS, stripDots, violinScene, violinSteps } from '../../../src/ui/views/violin-scene';
import { meanScene } from '../../../src/ui/views/mean-scene';
import { K, runState, snapshot, THEME } from './fixtures';

const logs = Array.from({ length: 50 }, (_, i) => -1 + 0.5 * Math.sin(i));

describe('halfViolin', () => {
  it('draws the density to the left (side −1) of k, widest at its peak, closed on x = k', () => {
    const v = halfViolin(logs, 3, -1);
    if (!v) throw new Error('no violin');
    const d = kde(logs);
    if (!d) throw new Error('no density');
    expect(v.x).toHaveLength(d.at.length + 2);
    expect(Math.min(...v.x)).toBeCloseTo(3 - HALF_WIDTH, 9);
    expect(Math.max(...v.x)).toBe(3);
    expect(v.x.slice(-2)).toEqual([3, 3]);
    expect(Math.min(...v.y)).toBeCloseTo(Math.min(...logs), 12);
    expect(Math.max(...v.y)).toBeCloseTo(Math.max(...logs), 12);
    expect(v.mean).toBeCloseTo(logs.reduce((a, b) => a + b, 0) / logs.length, 12);
    expect(v.meanX).toBeLessThan(3);
    expect(v.meanX).toBeGreaterThanOrEqual(3 - HALF_WIDTH);
  });
  it('mirrors to the right for side +1', () => {
    const left = halfViolin(logs, 3, -1);
    const right = halfViolin(logs, 3, 1);
    if (!left || !right) throw new Error('no violin');
    right.x.forEach((x, i) => expect(x - 3).toBeCloseTo(3 - (left.x[i] ?? 0), 12));
  });
  it('is null without spread', () => {
    expect(halfViolin([1, 1, 1], 1, 1)).toBeNull();
  });
});

describe('stripDots', () => {
  it('draws each distinct value at up to STRIP_DOTS jittered positions about the centre', () => {
    const logs = [...Array.from({ length: 100 }, () => -4), -1, -1];
    const d = stripDots(logs, 2.2);
    expect(d.y).toEqual([...Array.from({ length: STRIP_DOTS }, () => -4), -1, -1]);
    for (const x of d.x) expect(Math.abs(x - 2.2)).toBeLessThanOrEqual(0.09);
    expect(new Set(d.x).size).toBe(d.x.length);
    expect(stripDots(logs, 2.2)).toEqual(d);
  });
});

describe('violinScene', () => {
  it('draws one learned violin or strip per index k and the exact diamonds', () => {
    const s = violinScene(runState([snapshot(100, 1)]), { lane: 1, snapshot: null, centre: false }, THEME);
    expect(s.attrs.violins).toBe(String(K));
    expect(s.attrs['target-violins']).toBe(String(K));
    expect(s.attrs.step).toBe('100');
    // Lane 1 (rank 4 here): exact zeros beyond k = 4 sit on the floor as strips.
    expect(markNames(s)).toEqual(['learned: m_h 4', 'learned: m_h 4 (strip)', 'target', 'exact β·σ_k']);
    expect(s.marks.filter((m) => m.kind === 'area' && m.name === 'learned: m_h 4')).toHaveLength(4);
    const diamonds = s.marks.find((m) => m.name === 'exact β·σ_k');
    expect(diamonds?.kind === 'points' ? diamonds.y : []).toEqual([0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625].map(Math.log10));
    expect(s.targets).toHaveLength(K);
    expect(s.targets[0]?.lines().join(' ')).toContain('exact β·σ_k = 0.500');
  });

  it('records the drawn means, which change with the snapshot (the e2e test reads them)', () => {
    const run = runState([snapshot(100, 1), snapshot(200, 2)]);
    const a = violinScene(run, { lane: 1, snapshot: 0, centre: false }, THEME);
    const b = violinScene(run, { lane: 1, snapshot: null, centre: false }, THEME);
    expect(b.attrs.step).toBe('200');
    const ma = (a.attrs.means ?? '').split(',').map(Number);
    const mb = (b.attrs.means ?? '').split(',').map(Number);
    // Twice the scale: log10 2 higher at every k with spread.
    for (let k = 0; k < 4; k++) expect((mb[k] ?? 0) - (ma[k] ?? 0)).toBeCloseTo(Math.log10(2), 3);
  });

  it('uses the row-centred spectra when asked', () => {
    const run = runState([snapshot(100, 1)]);
    const raw = violinScene(run, { lane: 0, snapshot: null, centre: false }, THEME);
    const centred = violinScene(run, { lane: 0, snapshot: null, centre: true }, THEME);
    expect(raw.attrs.means).not.toBe(centred.attrs.means);
    expect(centred.y.title).toContain('row-centred');
  });

  it("draws the target's half alone before the first evaluation", () => {
    const s = violinScene(runState([]), { lane: 0, snapshot: null, centre: false }, THEME);
    expect(s.empty).toBeNull();
    expect(s.attrs.violins).toBe('0');
    expect(s.attrs['target-violins']).toBe(String(K));
    expect(s.attrs.step).toBe('');
    expect(markNames(s)).toEqual(['target', 'exact β·σ_k']);
    expect(s.legend[0]?.label).toContain('with the first evaluation');
    expect(s.targets[0]?.lines()[1]).toBe('learned: none yet');
  });

  it('says so when there are neither learned nor target spectra', () => {
    const run = { ...runState([]), targetSpectra: [null] };
    const s = violinScene(run, { lane: 0, snapshot: null, centre: false }, THEME);
    expect(s.empty).toMatch(/No spectra yet/);
    expect(s.attrs.violins).toBe('0');
  });
});

describe('violinSteps', () => {
  it('yields between violins and ends with the same scene as violinScene', () => {
    const run = runState([snapshot(100, 1)]);
    const choice = { lane: 1, snapshot: null, centre: false };
    const steps = violinSteps(run, choice, THEME);
    let yields = 0;
    let r = steps.next();
    while (!r.done) {
      yields++;
      r = steps.next();
    }
    // K − 1 between the learned violins, 1 between the halves, K − 1 between the target's.
    expect(yields).toBe(2 * K - 1);
    expect(r.value.attrs).toEqual(violinScene(run, choice, THEME).attrs);
  });

  it('uses coarser density grids when there are many violins', () => {
    expect(gridPoints(8)).toBe(100);
    expect(gridPoints(64)).toBe(25);
    expect(gridPoints(256)).toBe(12);
  });
});

describe('meanScene', () => {
  it('draws a line per m_h lane, the target dashed and the exact values, the chosen lane thick', () => {
    const s = meanScene(runState([snapshot(100, 1)]), { lane: 1, snapshot: null, centre: false }, THEME);
    expect(markNames(s)).toEqual(['m_h 2', 'm_h 4', 'target, sampled', 'exact β·σ_k']);
    const widths = s.marks.flatMap((m) => (m.kind === 'line' && m.name?.startsWith('m_h') ? [m.width] : []));
    expect(widths).toEqual([1.8, 3.5]);
    expect(s.y.type).toBe('log');
    expect(s.attrs.lines).toBe('2');
  });

  it("shows the target's mean and exact values before the first evaluation", () => {
    const s = meanScene(runState([]), { lane: 1, snapshot: null, centre: false }, THEME);
    expect(markNames(s)).toEqual(['target, sampled', 'exact β·σ_k']);
    expect(s.attrs.lines).toBe('0');
  });
});
