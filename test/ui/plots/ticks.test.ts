import { describe, expect, it } from 'vitest';
import { formatTick, linearTicks } from '../../../src/ui/plots/canvas-chart';

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
});
