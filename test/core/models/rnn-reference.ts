/**
 * An independent float64 linear RNN, written as the recurrence with plain loops (row vectors, as
 * src/core/models/rnn.ts): h(t) = h(t−1)·W + x(t)·U + b, ŷ(t) = h(t)·c + c₀, h(−1) = 0. For checking
 * the tfjs convolution form's outputs and, by finite differences, its gradients.
 */
import { Rng } from '../../../src/core/rng';

/** One lane's weights, row-major: W [H·H], U [H], b [H], c [H], c0 [1]. */
export interface RnnRef {
  readonly H: number;
  readonly W: Float64Array;
  readonly U: Float64Array;
  readonly b: Float64Array;
  readonly c: Float64Array;
  readonly c0: Float64Array;
}

/** The parameters in the model's order (src/core/models/rnn.ts). */
export const RNN_PARAM_NAMES = ['W', 'U', 'b', 'c', 'c0'] as const;
export type RnnParamName = (typeof RNN_PARAM_NAMES)[number];

/** ŷ [B·T] for x [B·T] (row b holds sequence b). */
export function rnnReferenceForward(p: RnnRef, x: Float64Array, B: number, T: number): Float64Array {
  const { H } = p;
  const y = new Float64Array(B * T);
  for (let s = 0; s < B; s++) {
    let h = new Float64Array(H);
    for (let t = 0; t < T; t++) {
      const xt = x[s * T + t] as number;
      const next = new Float64Array(H);
      for (let j = 0; j < H; j++) {
        let acc = xt * (p.U[j] as number) + (p.b[j] as number);
        for (let i = 0; i < H; i++) acc += (h[i] as number) * (p.W[i * H + j] as number);
        next[j] = acc;
      }
      h = next;
      let out = p.c0[0] as number;
      for (let j = 0; j < H; j++) out += (h[j] as number) * (p.c[j] as number);
      y[s * T + t] = out;
    }
  }
  return y;
}

/** Mean squared error of the reference against `target` [B·T]. */
export function rnnReferenceLoss(p: RnnRef, x: Float64Array, target: Float64Array, B: number, T: number): number {
  const y = rnnReferenceForward(p, x, B, T);
  let acc = 0;
  for (let i = 0; i < y.length; i++) acc += ((y[i] as number) - (target[i] as number)) ** 2;
  return acc / y.length;
}

/** ∂loss/∂(every entry of `name`) by central differences in float64 (step 1e-6). */
export function rnnReferenceGrad(p: RnnRef, name: RnnParamName, x: Float64Array, target: Float64Array, B: number, T: number): Float64Array {
  const arr = p[name];
  const g = new Float64Array(arr.length);
  const h = 1e-6;
  for (let i = 0; i < arr.length; i++) {
    const keep = arr[i] as number;
    arr[i] = keep + h;
    const up = rnnReferenceLoss(p, x, target, B, T);
    arr[i] = keep - h;
    const down = rnnReferenceLoss(p, x, target, B, T);
    arr[i] = keep;
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

/**
 * Random weights whose W = ρ·Q with Q orthogonal (Gram–Schmidt of a Gaussian matrix): the spectral
 * radius is ρ and ‖W^s‖₂ = ρ^s exactly, so ρ > 1 makes the powers (and the states) grow.
 */
export function randomRnn(H: number, rho: number, seed: number): RnnRef {
  const rng = new Rng(seed);
  const Q = Array.from({ length: H }, () => Float64Array.from({ length: H }, () => rng.normal()));
  for (let i = 0; i < H; i++) {
    const qi = Q[i] as Float64Array;
    for (let k = 0; k < i; k++) {
      const qk = Q[k] as Float64Array;
      const dot = qi.reduce((a, v, j) => a + v * (qk[j] as number), 0);
      for (let j = 0; j < H; j++) qi[j] = (qi[j] as number) - dot * (qk[j] as number);
    }
    const norm = Math.sqrt(qi.reduce((a, v) => a + v * v, 0));
    for (let j = 0; j < H; j++) qi[j] = (qi[j] as number) / norm;
  }
  // Every value rounded to float32, so that the model (float32) holds exactly these weights.
  const W = new Float64Array(H * H);
  Q.forEach((row, i) => row.forEach((v, j) => (W[i * H + j] = Math.fround(rho * v))));
  const vec = (scale: number): Float64Array => Float64Array.from({ length: H }, () => Math.fround(scale * rng.normal()));
  return { H, W, U: vec(1), b: vec(0.1), c: vec(1 / Math.sqrt(H)), c0: Float64Array.of(Math.fround(0.05)) };
}
