import { describe, expect, it } from 'vitest';
import { indexTicks, log10ValueTicks, logAxisTicks, makeScale, padRange, pow10Label } from '../../../src/ui/scene/scale';

describe('makeScale', () => {
  it('maps a linear range onto pixels and back', () => {
    const s = makeScale('linear', 0, 10, 100, 300);
    expect(s.map(0)).toBe(100);
    expect(s.map(5)).toBe(200);
    expect(s.invert(250)).toBeCloseTo(7.5, 12);
  });
  it('maps decades evenly on a log axis, inverted for y (pixels grow downwards)', () => {
    const s = makeScale('log', 1e-3, 1, 400, 100);
    expect(s.map(1e-3)).toBeCloseTo(400, 9);
    expect(s.map(1e-2)).toBeCloseTo(300, 9);
    expect(s.map(1)).toBeCloseTo(100, 9);
    expect(s.invert(200)).toBeCloseTo(0.1, 12);
    expect(s.map(0)).toBeNaN();
    expect(s.map(-1)).toBeNaN();
  });
  it('does not divide by zero on an empty range', () => {
    expect(Number.isFinite(makeScale('linear', 3, 3, 0, 100).map(3))).toBe(true);
  });
});

describe('padRange', () => {
  it('pads in log10 space on a log axis', () => {
    const [lo, hi] = padRange('log', 1e-3, 1e-1, 0.1);
    expect(Math.log10(lo)).toBeCloseTo(-3.2, 9);
    expect(Math.log10(hi)).toBeCloseTo(-0.8, 9);
  });
  it('gives a flat linear range some height', () => {
    expect(padRange('linear', 2, 2)).toEqual([1.5, 2.5]);
  });
});

describe('ticks', () => {
  it('labels powers of ten with superscript exponents', () => {
    expect(pow10Label(0)).toBe('1');
    expect(pow10Label(1)).toBe('10');
    expect(pow10Label(-3)).toBe('10⁻³');
    expect(pow10Label(12)).toBe('10¹²');
  });
  it('puts log10-value ticks on whole exponents inside the range', () => {
    expect(log10ValueTicks(-4.15, 0.2).map((t) => t.value)).toEqual([-4, -3, -2, -1, 0]);
    expect(log10ValueTicks(-4.15, 0.2).map((t) => t.label)[0]).toBe('10⁻⁴');
    // A wide range thins them to about eight.
    expect(log10ValueTicks(-20, 0).length).toBeLessThanOrEqual(11);
  });
  it('shows decades on a wide log axis and 1-2-5 on a narrow one', () => {
    expect(logAxisTicks(1e-5, 1).map((t) => t.value)).toEqual([1e-5, 1e-4, 1e-3, 0.01, 0.1, 1]);
    expect(logAxisTicks(1e-5, 1).map((t) => t.label)).toEqual(['1e-5', '1e-4', '1e-3', '0.01', '0.1', '1']);
    expect(logAxisTicks(1.2e-3, 8e-3).map((t) => t.label)).toEqual(['2e-3', '5e-3']);
    expect(logAxisTicks(0, 1)).toEqual([]);
  });
  it('numbers the index k every step, every other step past 20', () => {
    expect(indexTicks(4).map((t) => t.value)).toEqual([1, 2, 3, 4]);
    expect(indexTicks(32).length).toBe(16);
  });
});
