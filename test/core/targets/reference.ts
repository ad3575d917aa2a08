/**
 * Independent float64 references for the targets of docs/model.md §4 (test code only). Written from
 * the formulas, not from src/core/targets, so a shared mistake would have to be made twice.
 */
import type { ExperimentConfig } from '../../../src/core/config';
import { decodeConfig } from '../../../src/core/config';

const TWO_PI = 2 * Math.PI;

/** φ_k(x) = √2 sin(2πkx). */
export const phi = (k: number, x: number): number => Math.SQRT2 * Math.sin(TWO_PI * k * x);
/** ψ_k: φ_k for 'sym', √2 cos(2πkx) for 'sincos'. */
export const psi = (k: number, x: number, basis: 'sym' | 'sincos'): number =>
  basis === 'sym' ? phi(k, x) : Math.SQRT2 * Math.cos(TWO_PI * k * x);

export interface CouplingSpec {
  readonly sigmas: readonly number[];
  readonly beta: number;
  readonly rho0: number;
  readonly basis: 'sym' | 'sincos';
}

/** β·Σ_k σ_k φ_k(u) ψ_k(v) + ρ₀. */
export function refLogit(p: CouplingSpec, u: number, v: number): number {
  let acc = 0;
  p.sigmas.forEach((s, i) => {
    acc += s * phi(i + 1, u) * psi(i + 1, v, p.basis);
  });
  return p.beta * acc + p.rho0;
}

/** y(t) = Σ_s softmax_s(logit(x_t, x_s)) x_s for one sequence, the textbook way (no max shift). */
export function refCoupling(p: CouplingSpec, x: readonly number[]): number[] {
  return x.map((xt) => {
    const w = x.map((xs) => Math.exp(refLogit(p, xt, xs)));
    const z = w.reduce((a, b) => a + b, 0);
    return w.reduce((acc, wi, s) => acc + wi * (x[s] as number), 0) / z;
  });
}

/** y(t) = Σ_{s=0..t} ρ(s) x(t−s) for one sequence (0-based t). */
export function refMemory(rho: ArrayLike<number>, x: readonly number[]): number[] {
  return x.map((_, t) => {
    let acc = 0;
    for (let s = 0; s <= t; s++) acc += (rho[s] as number) * (x[t - s] as number);
    return acc;
  });
}

/** (θ∗x)(t) = Σ_j θ(j) x(t∓j) with zeros outside 0..τ−1. */
export function refConv(theta: ArrayLike<number>, x: readonly number[], dir: 'causal' | 'anticausal'): number[] {
  return x.map((_, t) => {
    let acc = 0;
    for (let j = 0; j < theta.length; j++) {
      const s = dir === 'causal' ? t - j : t + j;
      const xs = s >= 0 && s < x.length ? (x[s] as number) : 0;
      acc += (theta[j] as number) * xs;
    }
    return acc;
  });
}

/** Rows of a row-major [count, tau] array. */
export function rows(a: ArrayLike<number>, count: number, tau: number): number[][] {
  return Array.from({ length: count }, (_, b) => Array.from({ length: tau }, (_, t) => a[b * tau + t] as number));
}

/** Deterministic test inputs in [0, 1) (mulberry32), independent of core/rng. */
export function testInputs(count: number, tau: number, seed: number): Float32Array {
  let a = seed >>> 0;
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Float32Array.from({ length: count * tau }, rand);
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

/** A config from share-link text; throws on any problem (refused value, unknown key, invalid combination). */
export function config(text: string): ExperimentConfig {
  const { config: c, problems } = decodeConfig(text);
  if (problems.length > 0) throw new Error(`bad test config ${text}: ${problems.map((p) => p.message).join('; ')}`);
  return c;
}
