import { describe, expect, it } from 'vitest';
import { kde, kdeAt, silvermanBandwidth } from '../../../src/ui/scene/kde';

/** A fixed, spread-out sample (no randomness: the test must give the same numbers every run). */
const sample = Array.from({ length: 128 }, (_, i) => Math.sin(i * 1.7) * 2 + Math.cos(i * 0.31));

describe('silvermanBandwidth', () => {
  it('is 1.059 · min(σ, IQR/1.349) · n^-1/5', () => {
    // 1..5: σ = 1.5811, IQR = 4 − 2 = 2 → 1.4826; the smaller is the IQR term.
    expect(silvermanBandwidth([1, 2, 3, 4, 5])).toBeCloseTo(1.059 * (2 / 1.349) * 5 ** -0.2, 10);
  });
  it('falls back to σ when the IQR is zero', () => {
    const xs = [0, 0, 0, 0, 0, 0, 0, 10];
    const sd = Math.sqrt((7 * (10 / 8) ** 2 + (10 - 10 / 8) ** 2) / 7);
    expect(silvermanBandwidth(xs)).toBeCloseTo(1.059 * sd * 8 ** -0.2, 10);
  });
  it('is 0 for fewer than two values', () => {
    expect(silvermanBandwidth([3])).toBe(0);
  });
});

describe('kde', () => {
  it('spans exactly [min, max] of the data (spanmode hard)', () => {
    const d = kde(sample);
    expect(d).not.toBeNull();
    if (!d) return;
    expect(d.at[0]).toBe(Math.min(...sample));
    expect(d.at[d.at.length - 1]).toBeCloseTo(Math.max(...sample), 12);
  });

  it('matches the exact Gaussian KDE at every grid point to within 1 % of its peak', () => {
    const d = kde(sample);
    if (!d) throw new Error('no density');
    const exact = Array.from(d.at, (x) => kdeAt(sample, d.bandwidth, x));
    const peak = Math.max(...exact);
    exact.forEach((e, i) => expect(Math.abs((d.density[i] ?? 0) - e)).toBeLessThan(0.01 * peak));
  });

  it('integrates to about the mass inside [min, max]', () => {
    const d = kde(sample);
    if (!d) throw new Error('no density');
    let area = 0;
    for (let i = 1; i < d.at.length; i++) area += (((d.density[i] ?? 0) + (d.density[i - 1] ?? 0)) / 2) * ((d.at[i] ?? 0) - (d.at[i - 1] ?? 0));
    // Some kernel mass spills past the ends; most stays inside.
    expect(area).toBeGreaterThan(0.85);
    expect(area).toBeLessThan(1.0);
  });

  it('puts its peak at the mode of a bimodal sample', () => {
    const xs = [...Array.from({ length: 90 }, (_, i) => -3 + (i % 9) * 0.05), ...Array.from({ length: 30 }, (_, i) => 2 + (i % 5) * 0.05)];
    const d = kde(xs);
    if (!d) throw new Error('no density');
    const top = d.density.indexOf(Math.max(...d.density));
    expect(d.at[top]).toBeGreaterThan(-3.1);
    expect(d.at[top]).toBeLessThan(-2.4);
  });

  it('adds grid points when the bandwidth is small against the span, up to a cap', () => {
    const narrow = [...Array.from({ length: 126 }, (_, i) => (i % 7) * 0.001), -4, 4];
    const d = kde(narrow, 48);
    if (!d) throw new Error('no density');
    expect(d.at.length).toBeGreaterThan(48);
    expect(d.at.length).toBeLessThanOrEqual(100);
  });

  it('returns null for no spread or too few values', () => {
    expect(kde([1, 1, 1, 1])).toBeNull();
    expect(kde([2])).toBeNull();
    expect(kde([Number.NaN, 1])).toBeNull();
  });
});
