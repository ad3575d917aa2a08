import { describe, expect, it } from 'vitest';
import { stepAxisRange } from '../../../src/ui/plots/curves';
import { formatTick, indexTicks, linearTicks, log10ValueTicks, logAxisTicks, logTicks, MAX_TICKS, padRange } from '../../../src/ui/scene/scale';

describe('axis ticks', () => {
  it('linear ticks are clean multiples of a 1-2-5 step, printed without binary noise', () => {
    expect(linearTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(0, 1).map(String)).toContain('0.6');
    expect(linearTicks(0.1, 0.35)).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
    expect(linearTicks(0, 2000)).toEqual([0, 500, 1000, 1500, 2000]);
    for (const [a, b] of [[0, 0.7], [0.03, 0.91], [-3, 7.3], [1, 12000]] as const) {
      for (const v of linearTicks(a, b)) expect(String(v).length).toBeLessThanOrEqual(6);
    }
  });

  it('log ticks print short', () => {
    expect([1e-5, 2e-3, 0.5, 1, 100, 5e4].map(formatTick)).toEqual(['1e-5', '2e-3', '0.5', '1', '100', '5e4']);
  });

  // Issue 13: an imported evaluation of 1e308 padded the log axis to 10^309 = Infinity, and the tick
  // loop ran until the array of ticks could not grow (18 s frozen, then a RangeError).
  it('ends on a non-finite, reversed or absurd range, with at most MAX_TICKS ticks', () => {
    const [lo, hi] = padRange('log', 1e-3, 1e308);
    expect(hi).toBe(Infinity);
    expect(logAxisTicks(lo, hi)).toEqual([]);
    expect(logTicks(-3, Infinity)).toEqual([]);
    expect(logTicks(-Infinity, 2)).toEqual([]);
    expect(logTicks(Number.NaN, 2)).toEqual([]);
    expect(logTicks(2, 1)).toEqual([]);
    expect(linearTicks(0, Infinity)).toEqual([]);
    expect(linearTicks(-Infinity, 1)).toEqual([]);
    expect(linearTicks(Number.NaN, 1)).toEqual([]);
    expect(linearTicks(-1.7e308, 1.7e308)).toEqual([]); // the span itself overflows
    expect(log10ValueTicks(-Infinity, 3)).toEqual([]);
    expect(indexTicks(Infinity)).toEqual([]);
    // Far from zero, where k·step stops changing in float64 (2^53 and beyond): still ends.
    expect(linearTicks(1e17, 1e17 + 64).length).toBeLessThanOrEqual(MAX_TICKS);
    expect(linearTicks(1e308, 1e308)).toEqual([1e308]);
    // The widest finite ranges thin out instead of listing every decade or index.
    const wide = logTicks(-323, 308);
    expect(wide.length).toBeGreaterThan(5);
    expect(wide.length).toBeLessThanOrEqual(MAX_TICKS);
    expect(indexTicks(1e9).length).toBeLessThanOrEqual(MAX_TICKS + 1);
    expect(indexTicks(32)).toHaveLength(16); // ordinary ranges unchanged
    expect(logTicks(-3, 0)).toEqual([1e-3, 0.01, 0.1, 1]);
    expect(logTicks(-1, 0)).toEqual([0.1, 0.2, 0.5, 1]);
  });

  it('a non-finite step range is drawn as [0, 1], an empty one widened', () => {
    expect(stepAxisRange([0, Infinity])).toEqual([0, 1]);
    expect(stepAxisRange([5, 5])).toEqual([5, 6]);
    expect(stepAxisRange([0, 400])).toEqual([0, 400]);
  });
});
