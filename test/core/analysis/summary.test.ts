import { describe, expect, it } from 'vitest';
import { quantileSorted, spectrumSummary } from '../../../src/core/analysis';

describe('quantileSorted', () => {
  it('interpolates linearly between order statistics (NumPy / R type 7)', () => {
    // numpy.quantile([1, 2, 3, 4], [0, .25, .5, .75, 1]) = [1, 1.75, 2.5, 3.25, 4]
    const s = [1, 2, 3, 4];
    expect([0, 0.25, 0.5, 0.75, 1].map((p) => quantileSorted(s, p))).toEqual([1, 1.75, 2.5, 3.25, 4]);
    expect([0.25, 0.5, 0.75].map((p) => quantileSorted([10, 20, 30, 40, 50], p))).toEqual([20, 30, 40]);
    expect(quantileSorted([7], 0.3)).toBe(7);
    expect(Number.isNaN(quantileSorted([], 0.5))).toBe(true);
  });
});

describe('spectrumSummary', () => {
  it('summarises each index across sequences', () => {
    // 4 sequences × 2 indices; column 0 = {4, 1, 3, 2}, column 1 = {0.5, 0.1, 0.3, 0.9}
    const spectra = [4, 0.5, 1, 0.1, 3, 0.3, 2, 0.9];
    const s = spectrumSummary(spectra, 4, 2);
    expect(Array.from(s.n)).toEqual([4, 4]);
    expect(Array.from(s.mean)).toEqual([2.5, expect.closeTo(0.45, 14)]);
    expect(Array.from(s.min)).toEqual([1, 0.1]);
    expect(Array.from(s.max)).toEqual([4, 0.9]);
    expect(Array.from(s.q1)).toEqual([1.75, expect.closeTo(0.25, 14)]);
    expect(Array.from(s.median)).toEqual([2.5, expect.closeTo(0.4, 14)]);
    expect(Array.from(s.q3)).toEqual([3.25, expect.closeTo(0.6, 14)]);
  });

  it('leaves out non-finite values and reports NaN for an index with none', () => {
    const spectra = [1, Number.NaN, Number.NaN, Number.NaN, 3, Infinity];
    const s = spectrumSummary(spectra, 3, 2);
    expect(Array.from(s.n)).toEqual([2, 0]);
    expect(s.mean[0]).toBe(2);
    expect(s.median[0]).toBe(2);
    for (const stat of [s.mean, s.min, s.q1, s.median, s.q3, s.max]) expect(Number.isNaN(stat[1])).toBe(true);
  });

  it('rejects a length that does not match count × keep', () => {
    expect(() => spectrumSummary([1, 2, 3], 2, 2)).toThrow(RangeError);
  });
});
