import { describe, expect, it } from 'vitest';
import { fitPowerLaw, floorMask, powerLawAt, theorySlope } from '../../../src/core/analysis';
import type { PowerLawFailure, PowerLawFit } from '../../../src/core/analysis';
import { mulberry32 } from './random';

function expectFit(r: PowerLawFit | PowerLawFailure): PowerLawFit {
  if ('error' in r) throw new Error(`expected a fit, got: ${r.error}`);
  return r;
}

const heads = Array.from({ length: 16 }, (_, i) => i + 1);

describe('theorySlope', () => {
  it('is −(2α − 1): −1 for α = 1, −0.1 for α = 0.55', () => {
    expect(theorySlope(1)).toBe(-1);
    expect(theorySlope(0.55)).toBeCloseTo(-0.1, 14);
  });
});

describe('fitPowerLaw', () => {
  it('recovers an exact power law with zero standard error', () => {
    const err = heads.map((m) => 0.3 * m ** -1.7);
    const fit = expectFit(fitPowerLaw(heads, err));
    expect(fit.slope).toBeCloseTo(-1.7, 12);
    expect(fit.a).toBeCloseTo(Math.log(0.3), 12);
    expect(fit.slopeSe).toBeLessThan(1e-12);
    expect(fit.r2).toBeCloseTo(1, 12);
    expect(fit.used).toEqual(heads.map((_, i) => i));
    expect(fit.notes).toEqual([]);
    expect(powerLawAt(fit, 5)).toBeCloseTo(0.3 * 5 ** -1.7, 12);
  });

  it('matches a hand-computed fit on four noisy points', () => {
    // x = log m_h = 0, 1, 2, 3; y = log err = 0, −1.1, −1.9, −3.2.
    // x̄ = 1.5, ȳ = −1.55, Sxx = 5, Sxy = −5.2 → slope = −1.04, a = 0.01;
    // residuals −0.01, −0.07, 0.17, −0.09 → SSres = 0.042, se = √(0.042 / 2 / 5) = √0.0042;
    // Syy = 5.45 → r² = 1 − 0.042 / 5.45.
    const mH = [0, 1, 2, 3].map(Math.exp);
    const err = [0, -1.1, -1.9, -3.2].map(Math.exp);
    const fit = expectFit(fitPowerLaw(mH, err));
    expect(fit.slope).toBeCloseTo(-1.04, 12);
    expect(fit.a).toBeCloseTo(0.01, 12);
    expect(fit.slopeSe).toBeCloseTo(Math.sqrt(0.0042), 12);
    expect(fit.r2).toBeCloseTo(1 - 0.042 / 5.45, 12);
  });

  it('agrees with the raw-sum textbook formulas on noisy data', () => {
    const rand = mulberry32(42);
    const err = heads.map((m) => 2 * m ** -0.8 * Math.exp(0.3 * (rand() - 0.5)));
    const fit = expectFit(fitPowerLaw(heads, err));
    const x = heads.map(Math.log);
    const y = err.map(Math.log);
    const n = x.length;
    const sum = (v: number[]): number => v.reduce((p, q) => p + q, 0);
    const sx = sum(x);
    const sy = sum(y);
    const sxx = sum(x.map((v) => v * v));
    const syy = sum(y.map((v) => v * v));
    const sxy = sum(x.map((v, i) => v * (y[i] ?? NaN)));
    const dX = n * sxx - sx * sx;
    const beta = (n * sxy - sx * sy) / dX;
    const se = Math.sqrt((n * syy - sy * sy - beta * beta * dX) / ((n - 2) * dX));
    expect(fit.slope).toBeCloseTo(beta, 10);
    expect(fit.a).toBeCloseTo((sy - beta * sx) / n, 10);
    expect(fit.slopeSe).toBeCloseTo(se, 10);
    expect(fit.slopeSe).toBeGreaterThan(0.01);
    expect(Math.abs(fit.slope + 0.8)).toBeLessThan(3 * fit.slopeSe + 0.05);
  });

  it('with two points fits exactly, gives se = NaN and says so', () => {
    const fit = expectFit(fitPowerLaw([1, 4], [1, 0.25]));
    expect(fit.slope).toBeCloseTo(-1, 12);
    expect(Number.isNaN(fit.slopeSe)).toBe(true);
    expect(fit.notes.join(' ')).toMatch(/2 points/);
  });

  it('returns an error with fewer than two usable points or a single head size', () => {
    const one = fitPowerLaw([1], [0.5]);
    expect('error' in one && one.error).toMatch(/at least 2/);
    const dropped = fitPowerLaw([1, 2, 3], [0.5, 0, Number.NaN]);
    expect('error' in dropped && dropped.error).toMatch(/have 1/);
    const same = fitPowerLaw([2, 2, 2], [0.5, 0.4, 0.3]);
    expect('error' in same && same.error).toMatch(/same head size/);
  });

  it('uses only included points, drops unusable ones and notes them', () => {
    const err = heads.map((m) => (m < 6 ? m ** -1 : 1e-9)); // floor from m_h = 6 on
    const include = heads.map((m) => m < 6);
    const fit = expectFit(fitPowerLaw(heads, err, { include }));
    expect(fit.slope).toBeCloseTo(-1, 12);
    expect(fit.used).toEqual([0, 1, 2, 3, 4]);
    const withBad = expectFit(fitPowerLaw([1, 2, 3, 4], [1, -1, 1 / 3, 0.25]));
    expect(withBad.used).toEqual([0, 2, 3]);
    expect(withBad.slope).toBeCloseTo(-1, 12);
    expect(withBad.notes.join(' ')).toMatch(/1 point\(s\) dropped/);
  });

  it('throws on mismatched lengths (a programming error, not a data problem)', () => {
    expect(() => fitPowerLaw([1, 2], [1])).toThrow(RangeError);
    expect(() => fitPowerLaw([1, 2], [1, 2], { include: [true] })).toThrow(RangeError);
  });
});

describe('floorMask', () => {
  it('for a finite rank r excludes m_h ≥ r', () => {
    const mH = [1, 2, 3, 4, 5, 6, 7, 8];
    const err = mH.map(() => 0.1);
    expect(floorMask(mH, err, 6)).toEqual([true, true, true, true, true, false, false, false]);
    expect(floorMask(mH, err, 'full')).toEqual(mH.map(() => true));
  });

  it('excludes errors below an explicit floor for any rank, and unusable points always', () => {
    const mH = [1, 2, 3, 4, 5];
    const err = [1, 0.5, 1e-7, Number.NaN, 0.2];
    expect(floorMask(mH, err, 'full', { floor: 1e-6 })).toEqual([true, true, false, false, true]);
    expect(floorMask(mH, err, 4, { floor: 1e-6 })).toEqual([true, true, false, false, false]);
    expect(floorMask(mH, err, 'full')).toEqual([true, true, true, false, true]);
  });

  it('feeds fitPowerLaw: a rank-6 curve with a floor fits the slope of its decaying part', () => {
    const err = heads.map((m) => (m < 6 ? 0.5 * m ** -0.9 : 1e-6 * (1 + 0.1 * Math.sin(m))));
    const fit = expectFit(fitPowerLaw(heads, err, { include: floorMask(heads, err, 6) }));
    expect(fit.slope).toBeCloseTo(-0.9, 12);
    expect(fit.used).toEqual([0, 1, 2, 3, 4]);
  });

  it('rejects a rank that is not a positive integer', () => {
    expect(() => floorMask([1], [1], 0)).toThrow(RangeError);
    expect(() => floorMask([1], [1], 2.5)).toThrow(RangeError);
  });
});
