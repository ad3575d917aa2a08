import { describe, expect, it } from 'vitest';
import { Rng, streamRng } from '../../../src/core/rng';
import { memoryKernel, memoryTarget } from '../../../src/core/targets';
import type { MemoryParams } from '../../../src/core/targets';
import { maxAbsDiff, refMemory, rows, testInputs } from './reference';

const P = (kernel: MemoryParams['kernel'], extra: Partial<MemoryParams> = {}): MemoryParams => ({
  tau: 32,
  kernel,
  decay: 1,
  p: 1,
  ...extra,
});

describe('memoryKernel', () => {
  it('exp: ρ(s) = e^(−decay·s), ρ(0) = 1', () => {
    const k = memoryKernel(P('exp'), new Rng(0));
    expect(k.length).toBe(32);
    for (let s = 0; s < 32; s++) expect(k[s]).toBeCloseTo(Math.exp(-s), 15);
    const k2 = memoryKernel(P('exp', { decay: 0.25, tau: 8 }), new Rng(0));
    expect(Array.from(k2)).toEqual(Array.from({ length: 8 }, (_, s) => Math.exp(-0.25 * s)));
  });

  it('power: ρ(s) = (s+1)^(−p)', () => {
    const k = memoryKernel(P('power', { p: 1.5 }), new Rng(0));
    for (let s = 0; s < 32; s++) expect(k[s]).toBeCloseTo((s + 1) ** -1.5, 15);
    expect(k[0]).toBe(1);
    expect(k[3]).toBeCloseTo(1 / 8, 15);
  });

  it('random: ρ(s) are the rng’s first τ next() draws, in [0, 1)', () => {
    const k = memoryKernel(P('random'), streamRng(4, 'target'));
    const r = streamRng(4, 'target');
    expect(Array.from(k)).toEqual(Array.from({ length: 32 }, () => r.next()));
    expect(k.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(k).size).toBe(32);
  });

  it('random: deterministic per seed, different across seeds', () => {
    const a = memoryKernel(P('random'), streamRng(1, 'target'));
    const b = memoryKernel(P('random'), streamRng(1, 'target'));
    const c = memoryKernel(P('random'), streamRng(2, 'target'));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(maxAbsDiff(a, c)).toBeGreaterThan(0.1);
  });

  it('deterministic kernels do not consume the rng', () => {
    const r = new Rng(8);
    memoryKernel(P('exp'), r);
    memoryKernel(P('power'), r);
    expect(r.next()).toBe(new Rng(8).next());
  });
});

describe('memoryTarget', () => {
  for (const kernel of ['exp', 'power', 'random'] as const) {
    it(`apply is y(t) = Σ_{s=0..t} ρ(s) x(t−s) (${kernel} kernel)`, () => {
      const tau = 32;
      const count = 5;
      const t = memoryTarget(P(kernel, { p: 0.7 }), streamRng(3, 'target'));
      expect(t.kind).toBe('memory');
      expect(t.tau).toBe(tau);
      const x = testInputs(count, tau, 12);
      const y = t.apply(x, count);
      expect(y).toBeInstanceOf(Float32Array);
      const want = rows(x, count, tau).flatMap((seq) => refMemory(t.kernel, seq));
      expect(maxAbsDiff(y, want)).toBeLessThan(5e-6);
    });
  }

  it('uses the kernel memoryKernel draws from the same rng state', () => {
    const t = memoryTarget(P('random'), streamRng(6, 'target'));
    expect(Array.from(t.kernel)).toEqual(Array.from(memoryKernel(P('random'), streamRng(6, 'target'))));
  });

  it('time-invariant: x(0) enters y(t) with the weight ρ(t), as x(1) enters y(t + 1)', () => {
    const t = memoryTarget(P('exp'), new Rng(0));
    const e0 = new Float32Array(32);
    e0[0] = 1;
    const e1 = new Float32Array(32);
    e1[1] = 1;
    const y0 = t.apply(e0, 1);
    const y1 = t.apply(e1, 1);
    expect(y0[0]).toBe(1);
    for (let s = 0; s < 31; s++) expect(y1[s + 1]).toBeCloseTo(y0[s] as number, 7);
    expect(y1[0]).toBe(0);
  });

  it('the impulse x = e_1 returns the kernel shifted by one: y(t) = ρ(t−1), t ≥ 1', () => {
    const t = memoryTarget(P('power', { p: 1 }), new Rng(0));
    const x = new Float32Array(32);
    x[1] = 1;
    const y = t.apply(x, 1);
    expect(y[0]).toBe(0);
    expect(y[1]).toBe(1);
    for (let s = 1; s < 32; s++) expect(y[s]).toBeCloseTo(1 / s, 6);
  });

  it('exp kernel by hand: y(0) = x(0), y(1) = x(1) + e^(−1) x(0)', () => {
    const t = memoryTarget(P('exp', { tau: 4 }), new Rng(0));
    const y = t.apply(Float32Array.from([0.9, 0.5, 0.25, 1]), 1);
    expect(y[0]).toBeCloseTo(0.9, 7);
    expect(y[1]).toBeCloseTo(0.5 + Math.exp(-1) * 0.9, 6);
    expect(y[3]).toBeCloseTo(1 + Math.exp(-1) * 0.25 + Math.exp(-2) * 0.5 + Math.exp(-3) * 0.9, 6);
  });

  it('is linear and acts on each sequence separately', () => {
    const t = memoryTarget(P('random'), streamRng(9, 'target'));
    const a = testInputs(3, 32, 1);
    const b = testInputs(3, 32, 2);
    const mix = a.map((v, i) => 2 * v - 0.5 * (b[i] as number));
    const ya = t.apply(a, 3);
    const yb = t.apply(b, 3);
    expect(maxAbsDiff(t.apply(mix, 3), ya.map((v, i) => 2 * v - 0.5 * (yb[i] as number)))).toBeLessThan(1e-5);
    expect(Array.from(t.apply(a.slice(32, 64), 1))).toEqual(Array.from(ya.subarray(32, 64)));
  });
});
