import { describe, expect, it } from 'vitest';
import { functionSingularValues, singularValues } from '../../../src/core/analysis';
import type { ExperimentConfig } from '../../../src/core/config';
import { streamRng } from '../../../src/core/rng';
import { buildAlteration, buildBaseTarget, buildTarget } from '../../../src/core/targets';
import type { BuiltTarget, CouplingTarget, MemoryTarget } from '../../../src/core/targets';
import { config, maxAbsDiff, refConv, refCoupling, refMemory, rows, testInputs } from './reference';
import type { CouplingSpec } from './reference';

const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

function coupling(t: BuiltTarget): CouplingTarget {
  if (t.base.kind !== 'coupling') throw new Error('expected a coupling target');
  return t.base;
}
function memory(t: BuiltTarget): MemoryTarget {
  if (t.base.kind !== 'memory') throw new Error('expected a memory target');
  return t.base;
}

/** H applied row by row with an independent reference, after an independent transform of each row. */
function expected(
  x: Float32Array,
  count: number,
  tau: number,
  h: (seq: number[]) => number[],
  transform: (seq: number[]) => number[] = (s) => s,
): number[] {
  // T(x) is stored as Float32 by the alteration before H sees it: round the same way.
  return rows(x, count, tau).flatMap((seq) => h(transform(seq).map(Math.fround)));
}

const swapRow = (seq: number[], k: number): number[] => {
  const tau = seq.length;
  return [...seq.slice(tau - k), ...seq.slice(k, tau - k), ...seq.slice(0, k)];
};

const specOf = (c: ExperimentConfig, sigmas: readonly number[]): CouplingSpec => ({
  sigmas,
  beta: c.beta,
  rho0: c.rho0,
  basis: c.basis,
});

describe('buildTarget: coupling (docs/model.md §4.1)', () => {
  it('default config, full rank, no alteration = the float64 reference with σ_k = 1/k, K = 32, τ = 16', () => {
    const c = config('');
    const t = buildTarget(c, 'full', 'none');
    expect(t.tau).toBe(16);
    expect(t.alteration.kind).toBe('none');
    const sig = range(1, 33).map((k) => 1 / k);
    const x = testInputs(4, 16, 1);
    expect(maxAbsDiff(t.apply(x, 4), expected(x, 4, 16, (s) => refCoupling(specOf(c, sig), s)))).toBeLessThan(2e-6);
  });

  it('passes spectrum, rank, β, ρ₀ and basis through to the target', () => {
    const c = config('spec=exp&lambda=0.7&beta=3&rho0=0.5&basis=sincos&tau=12&ranks=3');
    const t = buildTarget(c, 3, 'none');
    const base = coupling(t);
    const sig = [0, 1, 2].map((j) => Math.exp(-0.7 * j));
    sig.forEach((s, i) => expect(base.sigmas[i]).toBeCloseTo(s, 14));
    expect(base.sigmas.length).toBe(3);
    expect(base.beta).toBe(3);
    expect(base.rho(0.3, 0.8)).toBeCloseTo(0.5 + 3 * sig.reduce((a, s, i) => a + 2 * s * Math.sin(2 * Math.PI * (i + 1) * 0.3) * Math.cos(2 * Math.PI * (i + 1) * 0.8), 0), 12);
    const x = testInputs(3, 12, 2);
    expect(maxAbsDiff(t.apply(x, 3), expected(x, 3, 12, (s) => refCoupling(specOf(c, sig), s)))).toBeLessThan(2e-6);
  });

  it('the rank argument picks r (the config’s ranks list is not consulted)', () => {
    const c = config('spec=flat&ranks=6');
    expect(coupling(buildTarget(c, 2, 'none')).sigmas.length).toBe(2);
    expect(coupling(buildTarget(c, 'full', 'none')).sigmas.length).toBe(32);
  });

  it('ordering: H̃(x) = H(x swapped), τ = 32, k = 10, and (softmax coupling is permutation-equivariant) = swap(H(x))', () => {
    const c = config('tau=32&alt=order&order=swap&swapk=10&spec=power&alpha=0.55&beta=2');
    const t = buildTarget(c, 6, 'order');
    expect(Array.from(t.alteration.permutation ?? [])).toEqual([...range(22, 32), ...range(10, 22), ...range(0, 10)]);
    const sig = range(1, 7).map((k) => k ** -0.55);
    const x = testInputs(2, 32, 3);
    const y = t.apply(x, 2);
    expect(maxAbsDiff(y, expected(x, 2, 32, (s) => refCoupling(specOf(c, sig), s), (s) => swapRow(s, 10)))).toBeLessThan(2e-6);
    const yPlain = buildTarget(c, 6, 'none').apply(x, 2);
    const swappedPlain = rows(yPlain, 2, 32).flatMap((s) => swapRow(s, 10));
    expect(maxAbsDiff(y, swappedPlain)).toBeLessThan(1e-6);
  });

  it('mixing: H̃(x) = H(θ∗x) with the causal, zero-padded filter of the alteration', () => {
    const c = config('alt=mix&spec=flat&beta=2&seed=3');
    const t = buildTarget(c, 2, 'mix');
    const theta = t.alteration.theta;
    expect(theta).not.toBeNull();
    if (theta === null) return;
    expect(theta.length).toBe(5);
    expect(t.alteration.direction).toBe('causal');
    const x = testInputs(3, 16, 4);
    const want = expected(x, 3, 16, (s) => refCoupling(specOf(c, [1, 1]), s), (s) => refConv(theta, s, 'causal'));
    expect(maxAbsDiff(t.apply(x, 3), want)).toBeLessThan(2e-6);
    // …and it is a different function from the unaltered target
    expect(maxAbsDiff(t.apply(x, 3), buildTarget(c, 2, 'none').apply(x, 3))).toBeGreaterThan(1e-2);
  });
});

describe('buildTarget: memory (docs/model.md §4.2)', () => {
  it('exp kernel, no alteration = the reference y(t) = Σ_{s<t} e^(−s) x(t−s)', () => {
    const c = config('target=memory&tau=32');
    const t = buildTarget(c, 'full', 'none');
    expect(t.tau).toBe(32);
    const rho = range(0, 32).map((s) => Math.exp(-s));
    const x = testInputs(3, 32, 5);
    expect(maxAbsDiff(t.apply(x, 3), expected(x, 3, 32, (s) => refMemory(rho, s)))).toBeLessThan(5e-6);
  });

  it('ordering (swap, τ = 32, k = 10): H̃(x) = H(swap(x)), which differs from H(x)', () => {
    const c = config('target=memory&tau=32&kernel=power&p=0.8&alt=order');
    const t = buildTarget(c, 'full', 'order');
    const rho = range(0, 32).map((s) => (s + 1) ** -0.8);
    const x = testInputs(2, 32, 6);
    const y = t.apply(x, 2);
    expect(maxAbsDiff(y, expected(x, 2, 32, (s) => refMemory(rho, s), (s) => swapRow(s, 10)))).toBeLessThan(5e-6);
    expect(maxAbsDiff(y, buildTarget(c, 'full', 'none').apply(x, 2))).toBeGreaterThan(0.1);
  });

  for (const dir of ['causal', 'anticausal'] as const) {
    it(`mixing (${dir}): H̃(x) = H(θ∗x)`, () => {
      const c = config(`target=memory&tau=32&alt=mix&mixdir=${dir}&mixlen=5&seed=8`);
      const t = buildTarget(c, 'full', 'mix');
      expect(t.alteration.direction).toBe(dir);
      const theta = t.alteration.theta ?? new Float64Array(0);
      expect(theta.length).toBe(5);
      const rho = range(0, 32).map((s) => Math.exp(-s));
      const x = testInputs(2, 32, 7);
      const want = expected(x, 2, 32, (s) => refMemory(rho, s), (s) => refConv(theta, s, dir));
      expect(maxAbsDiff(t.apply(x, 2), want)).toBeLessThan(5e-6);
    });
  }

  it('random kernel: from the seed’s target stream, deterministic, and the same under every alteration', () => {
    const c = config('target=memory&tau=32&kernel=random&seed=12');
    const k0 = memory(buildTarget(c, 'full', 'none')).kernel;
    const r = streamRng(12, 'target');
    expect(Array.from(k0)).toEqual(range(0, 32).map(() => r.next()));
    expect(k0.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(Array.from(memory(buildTarget(c, 'full', 'order')).kernel)).toEqual(Array.from(k0));
    expect(Array.from(memory(buildTarget(c, 'full', 'mix')).kernel)).toEqual(Array.from(k0));
    const other = memory(buildTarget(config('target=memory&tau=32&kernel=random&seed=13'), 'full', 'none')).kernel;
    expect(maxAbsDiff(other, k0)).toBeGreaterThan(0.1);
    const x = testInputs(2, 32, 9);
    const y = buildTarget(c, 'full', 'none').apply(x, 2);
    expect(maxAbsDiff(y, expected(x, 2, 32, (s) => refMemory(k0, s)))).toBeLessThan(5e-6);
  });
});

describe('buildAlteration', () => {
  it('random order and mixing filter are deterministic per seed, differ across seeds, and do not depend on the target', () => {
    const perm = (s: number): number[] =>
      Array.from(buildAlteration(config(`target=memory&tau=32&order=random&seed=${s}`), 'order').permutation ?? []);
    expect(perm(1)).toEqual(perm(1));
    expect(perm(1)).not.toEqual(perm(2));
    expect([...perm(1)].sort((a, b) => a - b)).toEqual(range(0, 32));
    const theta = (q: string): number[] => Array.from(buildAlteration(config(q), 'mix').theta ?? []);
    expect(theta('seed=4')).toEqual(theta('seed=4&target=memory&tau=32&kernel=random'));
    expect(theta('seed=4')).not.toEqual(theta('seed=5'));
  });

  it('none is the identity', () => {
    const a = buildAlteration(config(''), 'none');
    const x = testInputs(1, 16, 1);
    expect(Array.from(a.apply(x, 1))).toEqual(Array.from(x));
  });

  it('buildBaseTarget is the unaltered target', () => {
    const c = config('alt=mix');
    const x = testInputs(2, 16, 3);
    expect(Array.from(buildBaseTarget(c, 'full').apply(x, 2))).toEqual(Array.from(buildTarget(c, 'full', 'none').apply(x, 2)));
  });
});

describe('mixing and the rank of the coupling (docs/model.md §6.2)', () => {
  it('the coupling ρ = 1 + 2 sin sin (flat, r = 1, ρ₀ = 1) has σ = (1, 1); ρ(x₁, x₁ + x₂) has (1.262, 0.500, 0.396)', () => {
    const base = coupling(buildTarget(config('spec=flat&ranks=1&rho0=1'), 1, 'none'));
    const plain = functionSingularValues((u, v) => base.rho(u, v), { grid: 64, keep: 4 });
    expect(plain[0]).toBeCloseTo(1, 10);
    expect(plain[1]).toBeCloseTo(1, 10);
    expect(plain[2]).toBeLessThan(1e-10);
    const mixed = functionSingularValues((u, v) => base.rho(u, u + v), { grid: 64, keep: 4 });
    expect(mixed[0]).toBeCloseTo(1.262, 3);
    expect(mixed[1]).toBeCloseTo(0.5, 10);
    expect(mixed[2]).toBeCloseTo(0.396, 3);
    expect(mixed[3]).toBeLessThan(1e-10);
  });

  /** ρ̃(u, v) = ρ(T(x)(p), T(x)(p+1)) for x = u e_p + v e_{p+1}: the coupling H(T(x)) applies, seen in raw inputs. */
  const rawCoupling = (t: BuiltTarget) => {
    const base = coupling(t);
    const p = 5;
    return (u: number, v: number): number => {
      const x = new Float32Array(t.tau);
      x[p] = u;
      x[p + 1] = v;
      const tx = t.alteration.apply(x, 1);
      return base.rho(tx[p] as number, tx[p + 1] as number);
    };
  };
  const numericalRank = (s: Float64Array, rel: number): number => s.filter((v) => v > rel * (s[0] as number)).length;

  it('rank-2 flat target: the coupling in raw inputs has rank 2 unaltered, 4 after causal mixing', () => {
    const c = config('spec=flat&ranks=2&alt=mix&seed=2');
    const plain = functionSingularValues(rawCoupling(buildTarget(c, 2, 'none')), { grid: 64, keep: 8 });
    const mixed = functionSingularValues(rawCoupling(buildTarget(c, 2, 'mix')), { grid: 64, keep: 8 });
    expect(plain[0]).toBeCloseTo(1, 8);
    expect(plain[1]).toBeCloseTo(1, 8);
    expect(numericalRank(plain, 1e-6)).toBe(2);
    // ρ(θ₀u, θ₀v + θ₁u) = Σ_k 2 sin(2πkθ₀u)[sin(2πkθ₀v) cos(2πkθ₁u) + cos(2πkθ₀v) sin(2πkθ₁u)]: rank ≤ 4.
    // Float32 storage of T(x) adds noise ≈ 1e-7; the 4th value here is ≈ 3e-3.
    expect(numericalRank(mixed, 1e-6)).toBe(4);
    expect(mixed[3]).toBeGreaterThan(1e-4);
  });

  it('the sampled coupling matrix of one sequence stays rank ≤ r with or without mixing', () => {
    const c = config('spec=flat&ranks=2&alt=mix&seed=2');
    const x = testInputs(1, 16, 10);
    for (const alt of ['none', 'mix'] as const) {
      const t = buildTarget(c, 2, alt);
      const m = coupling(t).couplingMatrices(t.alteration.apply(x, 1), 1);
      const s = singularValues(m, 16, 16);
      expect(s[1]).toBeGreaterThan(1e-3 * (s[0] as number));
      expect(s[2]).toBeLessThan(1e-6 * (s[0] as number));
    }
  });
});
