import type { AlterationKind, MixDirection, OrderKind } from '../config/types';
import type { Rng } from '../rng';

/** A fixed transform T of the input; the altered target is H̃(x) = H(T(x)) (docs/model.md §4.3). */
export interface Alteration {
  readonly kind: AlterationKind;
  /** T(x) for `count` sequences: [count, tau] → [count, tau]. */
  apply(x: Float32Array, count: number): Float32Array;
  /** Ordering: T(x)(t) = x(perm[t]). */
  readonly permutation: Int32Array | null;
  /** Mixing: the normalised filter θ(0..l−1). */
  readonly theta: Float64Array | null;
  readonly direction: MixDirection | null;
}

export interface OrderParams {
  readonly tau: number;
  readonly order: OrderKind;
  readonly swapK: number;
  readonly rotateK: number;
}

export interface MixParams {
  readonly tau: number;
  readonly mixLen: number;
  readonly mixDir: MixDirection;
}

export const identityAlteration = (): Alteration => ({
  kind: 'none',
  apply: (x) => x,
  permutation: null,
  theta: null,
  direction: null,
});

/** The permutation of an ordering alteration; random ones are drawn from `rng` (the 'alteration' stream). */
export function orderPermutation(p: OrderParams, rng: Rng): Int32Array {
  const { tau } = p;
  const perm = new Int32Array(tau);
  for (let t = 0; t < tau; t++) perm[t] = t;
  switch (p.order) {
    case 'swap': {
      // Swap the first k values with the last k (paper: k = 10), keeping each block's order.
      const k = Math.min(p.swapK, Math.floor(tau / 2));
      for (let i = 0; i < k; i++) {
        perm[i] = tau - k + i;
        perm[tau - k + i] = i;
      }
      return perm;
    }
    case 'rotate':
      for (let t = 0; t < tau; t++) perm[t] = (((t + p.rotateK) % tau) + tau) % tau;
      return perm;
    case 'reverse':
      for (let t = 0; t < tau; t++) perm[t] = tau - 1 - t;
      return perm;
    case 'random':
      return rng.permutation(tau);
  }
}

/** The output positions an ordering moves (π(t) ≠ t), ascending; none for the identity (null). */
export function movedPositions(perm: Int32Array | null): number[] {
  if (!perm) return [];
  const out: number[] = [];
  perm.forEach((s, t) => {
    if (s !== t) out.push(t);
  });
  return out;
}

export function orderAlteration(p: OrderParams, rng: Rng): Alteration {
  const perm = orderPermutation(p, rng);
  const tau = p.tau;
  return {
    kind: 'order',
    permutation: perm,
    theta: null,
    direction: null,
    apply(x, count) {
      const out = new Float32Array(count * tau);
      for (let b = 0; b < count; b++) {
        for (let t = 0; t < tau; t++) out[b * tau + t] = x[b * tau + (perm[t] as number)] as number;
      }
      return out;
    },
  };
}

/** θ(j) ~ U[−1, 1] from `rng`, scaled so Σ|θ(j)| = 1. */
export function mixFilter(len: number, rng: Rng): Float64Array {
  const theta = new Float64Array(len);
  let l1 = 0;
  for (let j = 0; j < len; j++) {
    theta[j] = rng.uniform(-1, 1);
    l1 += Math.abs(theta[j] as number);
  }
  for (let j = 0; j < len; j++) theta[j] = (theta[j] as number) / (l1 || 1);
  return theta;
}

/**
 * (θ∗x)(t) = Σ_{j<l} θ(j) x(t−j) (causal) or x(t+j) (anti-causal), zero padding outside 0..τ−1.
 */
export function mixAlteration(p: MixParams, rng: Rng): Alteration {
  const theta = mixFilter(p.mixLen, rng);
  const { tau } = p;
  const sign = p.mixDir === 'causal' ? -1 : 1;
  return {
    kind: 'mix',
    permutation: null,
    theta,
    direction: p.mixDir,
    apply(x, count) {
      const out = new Float32Array(count * tau);
      for (let b = 0; b < count; b++) {
        for (let t = 0; t < tau; t++) {
          let acc = 0;
          for (let j = 0; j < theta.length; j++) {
            const s = t + sign * j;
            if (s >= 0 && s < tau) acc += (theta[j] as number) * (x[b * tau + s] as number);
          }
          out[b * tau + t] = acc;
        }
      }
      return out;
    },
  };
}
