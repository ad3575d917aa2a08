import { describe, expect, it } from 'vitest';
import { functionGridMatrix, functionSingularValues } from '../../../src/core/analysis';

const TWO_PI = 2 * Math.PI;
const phi = (k: number, x: number): number => Math.SQRT2 * Math.sin(TWO_PI * k * x);
const psiCos = (k: number, x: number): number => Math.SQRT2 * Math.cos(TWO_PI * k * x);

describe('functionSingularValues', () => {
  it('gives (1, 1) then 0 for ρ(x₁, x₂) = 1 + 2 sin(2πx₁) sin(2πx₂) (docs/model.md §6.2)', () => {
    const rho = (u: number, v: number): number => 1 + 2 * Math.sin(TWO_PI * u) * Math.sin(TWO_PI * v);
    const s = functionSingularValues(rho, { keep: 4 });
    expect(s.length).toBe(4);
    expect(s[0]).toBeCloseTo(1, 12);
    expect(s[1]).toBeCloseTo(1, 12);
    expect(s[2]).toBeLessThan(1e-12);
    expect(s[3]).toBeLessThan(1e-12);
  });

  it('gives (1.262, 0.500, 0.396) then 0 after mixing: ρ(x₁, x₁ + x₂) has rank 3 (docs/model.md §6.2)', () => {
    const rho = (u: number, v: number): number => 1 + 2 * Math.sin(TWO_PI * u) * Math.sin(TWO_PI * (u + v));
    const s = functionSingularValues(rho, { keep: 5 });
    expect(s.subarray(0, 3).map((x) => Math.round(x * 1000) / 1000)).toEqual(Float64Array.from([1.262, 0.5, 0.396]));
    // Independent closed form: ρ = 1 + cos 2πv − cos(2π(2u + v)). In orthonormal bases
    // {1, √2 cos 4πu, √2 sin 4πu} × {1, √2 cos 2πv, √2 sin 2πv} it is [[1, 1/√2, 0], [0, −½, 0],
    // [0, 0, ½]]: σ = ½ and the roots of σ⁴ − (7/4) σ² + ¼ = 0.
    const disc = Math.sqrt((7 / 4) ** 2 - 1);
    const exact = [Math.sqrt((7 / 4 + disc) / 2), 0.5, Math.sqrt((7 / 4 - disc) / 2)];
    exact.forEach((x, k) => expect(s[k]).toBeCloseTo(x, 12));
    expect(s[3]).toBeLessThan(1e-12);
    expect(s[4]).toBeLessThan(1e-12);
  });

  it('recovers σ_k from ρ = Σ σ_k φ_k(u) φ_k(v) with φ_k = √2 sin(2πkx)', () => {
    const sigma = [1, 0.5, 1 / 3, 0.25, 0.2, 1 / 6];
    const rho = (u: number, v: number): number => sigma.reduce((acc, sk, i) => acc + sk * phi(i + 1, u) * phi(i + 1, v), 0);
    for (const grid of [64, 400]) {
      const s = functionSingularValues(rho, { grid, keep: sigma.length + 2 });
      sigma.forEach((sk, k) => expect(s[k]).toBeCloseTo(sk, 12));
      expect(s[sigma.length]).toBeLessThan(1e-12);
    }
  });

  it('recovers σ_k for the non-symmetric ψ_k = √2 cos(2πkx) option, unsorted input spectrum', () => {
    const sigma = [0.3, 2, 0.7];
    const rho = (u: number, v: number): number => sigma.reduce((acc, sk, i) => acc + sk * phi(i + 1, u) * psiCos(i + 1, v), 0);
    const s = functionSingularValues(rho, { grid: 50, keep: 4 });
    [2, 0.7, 0.3].forEach((sk, k) => expect(s[k]).toBeCloseTo(sk, 12));
    expect(s[3]).toBeLessThan(1e-12);
  });

  it('builds the midpoint grid with row i ↔ u_i and returns grid values by default', () => {
    const m = functionGridMatrix((u, v) => 10 * u + v, 2);
    expect(Array.from(m)).toEqual([2.75, 3.25, 7.75, 8.25]);
    expect(functionSingularValues(() => 1, { grid: 10 }).length).toBe(10);
    expect(functionSingularValues(() => 1, { grid: 10 })[0]).toBeCloseTo(1, 12);
  });

  it('rejects bad grid and keep values', () => {
    expect(() => functionSingularValues(() => 1, { grid: 0 })).toThrow(/grid/);
    expect(() => functionSingularValues(() => 1, { grid: 4, keep: 5 })).toThrow(/keep/);
  });
});
