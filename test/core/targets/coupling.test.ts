import { describe, expect, it } from 'vitest';
import { couplingTarget, phiInto, psiInto } from '../../../src/core/targets';
import type { CouplingParams } from '../../../src/core/targets';
import { maxAbsDiff, phi, refCoupling, refLogit, rows, testInputs } from './reference';
import type { CouplingSpec } from './reference';

const powerSigmas = (r: number, alpha: number): number[] => Array.from({ length: r }, (_, i) => (i + 1) ** -alpha);

function params(spec: CouplingSpec, tau: number): CouplingParams {
  return { tau, sigmas: Float64Array.from(spec.sigmas), beta: spec.beta, rho0: spec.rho0, basis: spec.basis };
}

const CASES: readonly (CouplingSpec & { name: string })[] = [
  { name: 'flat rank 2, β = 1', sigmas: [1, 1], beta: 1, rho0: 0, basis: 'sym' },
  { name: 'power α = 1, K = 32, β = 1', sigmas: powerSigmas(32, 1), beta: 1, rho0: 0, basis: 'sym' },
  { name: 'power α = 0.55, K = 32, β = 3, ρ₀ = 0.7', sigmas: powerSigmas(32, 0.55), beta: 3, rho0: 0.7, basis: 'sym' },
  { name: 'sincos basis, list σ, β = 2', sigmas: [2, 0.3, 0.05], beta: 2, rho0: -1.5, basis: 'sincos' },
  { name: 'β = 0: plain average', sigmas: [1, 0.5], beta: 0, rho0: 0, basis: 'sym' },
];

describe('basis', () => {
  it('phiInto writes √2 sin(2πkx), k = 1..K, at the offset and nothing else', () => {
    const out = new Float64Array(10).fill(-99);
    phiInto(0.3, 4, out, 3);
    expect(Array.from(out.subarray(0, 3))).toEqual([-99, -99, -99]);
    expect(Array.from(out.subarray(7))).toEqual([-99, -99, -99]);
    for (let k = 1; k <= 4; k++) expect(out[2 + k]).toBeCloseTo(phi(k, 0.3), 14);
    expect(out[3]).toBeCloseTo(Math.SQRT2 * Math.sin(0.6 * Math.PI), 14);
  });

  it('psiInto is φ for sym and √2 cos(2πkx) for sincos', () => {
    const a = new Float64Array(5);
    const b = new Float64Array(5);
    psiInto(0.21, 5, 'sym', a, 0);
    psiInto(0.21, 5, 'sincos', b, 0);
    for (let k = 1; k <= 5; k++) {
      expect(a[k - 1]).toBeCloseTo(phi(k, 0.21), 14);
      expect(b[k - 1]).toBeCloseTo(Math.SQRT2 * Math.cos(2 * Math.PI * k * 0.21), 14);
    }
  });

  it('the φ_k are orthonormal on [0, 1] (so σ_k are the singular values of ρ)', () => {
    const g = 256;
    const m = 6;
    const buf = new Float64Array(m);
    const gram = new Float64Array(m * m);
    for (let i = 0; i < g; i++) {
      phiInto((i + 0.5) / g, m, buf, 0);
      for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) gram[a * m + b] = (gram[a * m + b] as number) + (buf[a] as number) * (buf[b] as number) / g;
    }
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) expect(gram[a * m + b]).toBeCloseTo(a === b ? 1 : 0, 10);
  });
});

describe('couplingTarget', () => {
  const tau = 16;
  const count = 4;

  for (const spec of CASES) {
    it(`apply matches an independent float64 softmax target (${spec.name})`, () => {
      const x = testInputs(count, tau, 17);
      const y = couplingTarget(params(spec, tau)).apply(x, count);
      expect(y).toBeInstanceOf(Float32Array);
      expect(y.length).toBe(count * tau);
      const want = rows(x, count, tau).flatMap((seq) => refCoupling(spec, seq));
      expect(maxAbsDiff(y, want)).toBeLessThan(2e-6);
    });
  }

  it('rho(u, v) is β·Σσ_kφ_k(u)ψ_k(v) + ρ₀ in float64', () => {
    for (const spec of CASES) {
      const t = couplingTarget(params(spec, tau));
      for (const [u, v] of [[0.1, 0.2], [0.77, 0.05], [0.5, 0.5], [0.013, 0.999]] as const) {
        expect(t.rho(u, v)).toBeCloseTo(refLogit(spec, u, v), 12);
      }
    }
  });

  it('rho of the sym basis is symmetric, of the sincos basis not', () => {
    const sym = couplingTarget(params({ sigmas: [1, 0.5], beta: 1, rho0: 0, basis: 'sym' }, tau));
    const sc = couplingTarget(params({ sigmas: [1, 0.5], beta: 1, rho0: 0, basis: 'sincos' }, tau));
    expect(sym.rho(0.1, 0.35)).toBeCloseTo(sym.rho(0.35, 0.1), 14);
    expect(Math.abs(sc.rho(0.1, 0.35) - sc.rho(0.35, 0.1))).toBeGreaterThan(0.1);
  });

  it('couplingMatrices[b, t, s] = β·ρ(x_b(t), x_b(s)) + ρ₀, shape [count, τ, τ]', () => {
    const spec = CASES[2] as CouplingSpec;
    const x = testInputs(count, tau, 5);
    const m = couplingTarget(params(spec, tau)).couplingMatrices(x, count);
    expect(m.length).toBe(count * tau * tau);
    let worst = 0;
    for (let b = 0; b < count; b++) {
      for (let t = 0; t < tau; t++) {
        for (let s = 0; s < tau; s++) {
          const want = refLogit(spec, x[b * tau + t] as number, x[b * tau + s] as number);
          worst = Math.max(worst, Math.abs((m[(b * tau + t) * tau + s] as number) - want) / Math.max(1, Math.abs(want)));
        }
      }
    }
    expect(worst).toBeLessThan(1e-6); // Float32 storage
  });

  it('ρ₀ leaves y unchanged (softmax shift invariance) but shifts couplingMatrices by ρ₀', () => {
    const base: CouplingSpec = { sigmas: powerSigmas(8, 1), beta: 2, rho0: 0, basis: 'sym' };
    const x = testInputs(count, tau, 9);
    const t0 = couplingTarget(params(base, tau));
    for (const rho0 of [1, -2.5, 10]) {
      const t1 = couplingTarget(params({ ...base, rho0 }, tau));
      expect(maxAbsDiff(t1.apply(x, count), t0.apply(x, count))).toBeLessThan(2e-6);
      const m0 = t0.couplingMatrices(x, count);
      const m1 = t1.couplingMatrices(x, count);
      expect(maxAbsDiff(m1, m0.map((v) => v + rho0))).toBeLessThan(1e-5);
      expect(maxAbsDiff(m1, m0)).toBeGreaterThan(Math.abs(rho0) - 1e-5);
      expect(t1.rho(0.2, 0.6) - t0.rho(0.2, 0.6)).toBeCloseTo(rho0, 12);
    }
  });

  it('β scales the logits and sharpens the softmax: y moves toward the arg-max value', () => {
    const spec: CouplingSpec = { sigmas: [1], beta: 1, rho0: 0, basis: 'sym' };
    const x = testInputs(1, tau, 3);
    const m1 = couplingTarget(params(spec, tau)).couplingMatrices(x, 1);
    const m5 = couplingTarget(params({ ...spec, beta: 5 }, tau)).couplingMatrices(x, 1);
    expect(maxAbsDiff(m5, m1.map((v) => 5 * v))).toBeLessThan(1e-5);
    // With a huge β the softmax is (almost) a hard max: y(t) = x(argmax_s ρ(x_t, x_s)) wherever the
    // best logit beats the runner-up by a clear gap (β·gap ≥ 20, so the others weigh < e^−20 each).
    const yHard = couplingTarget(params({ ...spec, beta: 1000 }, tau)).apply(x, 1);
    const seq = rows(x, 1, tau)[0] as number[];
    let checked = 0;
    seq.forEach((xt, t) => {
      const order = seq.map((xs, s) => ({ s, l: refLogit(spec, xt, xs) })).sort((a, b) => b.l - a.l);
      const [first, second] = order as [{ s: number; l: number }, { s: number; l: number }];
      if (first.l - second.l < 0.02) return;
      checked++;
      expect(yHard[t]).toBeCloseTo(seq[first.s] as number, 6);
    });
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it('stays finite for large logits (max-shifted softmax)', () => {
    const spec: CouplingSpec = { sigmas: powerSigmas(32, 0.55), beta: 100, rho0: 100, basis: 'sym' };
    const x = testInputs(2, tau, 1);
    const y = couplingTarget(params(spec, tau)).apply(x, 2);
    expect(y.every((v) => Number.isFinite(v))).toBe(true);
    // y(t) is a convex combination of the x(s): within the sequence's range
    for (let b = 0; b < 2; b++) {
      const seq = Array.from(x.subarray(b * tau, (b + 1) * tau));
      for (let t = 0; t < tau; t++) {
        expect(y[b * tau + t]).toBeGreaterThanOrEqual(Math.min(...seq) - 1e-6);
        expect(y[b * tau + t]).toBeLessThanOrEqual(Math.max(...seq) + 1e-6);
      }
    }
  });

  it('treats sequences independently (y of a batch = y of each sequence alone)', () => {
    const spec = CASES[1] as CouplingSpec;
    const t = couplingTarget(params(spec, tau));
    const x = testInputs(3, tau, 21);
    const all = t.apply(x, 3);
    for (let b = 0; b < 3; b++) {
      expect(Array.from(t.apply(x.slice(b * tau, (b + 1) * tau), 1))).toEqual(Array.from(all.subarray(b * tau, (b + 1) * tau)));
    }
  });

  it('exposes kind, tau, sigmas and beta', () => {
    const t = couplingTarget(params({ sigmas: [1, 0.5], beta: 2.5, rho0: 0.1, basis: 'sym' }, 12));
    expect(t.kind).toBe('coupling');
    expect(t.tau).toBe(12);
    expect(Array.from(t.sigmas)).toEqual([1, 0.5]);
    expect(t.beta).toBe(2.5);
  });
});
