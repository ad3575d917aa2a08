import type { BasisKind } from '../config/types';
import { phiInto, psiInto } from './basis';
import { wasmCouplingLogits } from './coupling-wasm';
import type { CouplingTarget } from './target';

export interface CouplingParams {
  readonly tau: number;
  readonly sigmas: Float64Array;
  readonly beta: number;
  readonly rho0: number;
  readonly basis: BasisKind;
}

/**
 * y(t) = Σ_s softmax_s(β·ρ(x(t), x(s)) + ρ₀) · x(s),  ρ(u, v) = Σ_k σ_k φ_k(u) ψ_k(v)   (docs/model.md §4.1).
 * The logits come from ./coupling-wasm.ts where WebAssembly SIMD runs (the same values), else from
 * `jsCouplingMatrices` (`useWasm: false` asks for it; tests compare the two).
 */
export function couplingTarget(p: CouplingParams, useWasm = true): CouplingTarget {
  const { tau, sigmas, beta, rho0, basis } = p;
  const r = sigmas.length;
  const scaled = Float64Array.from(sigmas, (sk) => beta * sk); // β σ_k
  const sym = basis === 'sym';

  const wasmLogits = useWasm ? wasmCouplingLogits(tau, scaled, rho0, basis) : null;
  /** [count, tau, tau]; from the module, a view valid until its next call. */
  const logitsOf = (x: Float32Array, count: number): Float32Array => (wasmLogits ? wasmLogits(x, count) : jsCouplingMatrices(x, count));

  function jsCouplingMatrices(x: Float32Array, count: number): Float32Array {
    const out = new Float32Array(count * tau * tau); // [count, tau, tau]
    const phi = new Float64Array(tau * r); // [tau, r] of one sequence, pre-scaled by β σ_k
    const psi = new Float64Array(tau * r); // [tau, r]
    for (let b = 0; b < count; b++) {
      for (let t = 0; t < tau; t++) {
        const xt = x[b * tau + t] as number;
        psiInto(xt, r, basis, psi, t * r);
        if (sym) for (let k = 0; k < r; k++) phi[t * r + k] = (psi[t * r + k] as number) * (scaled[k] as number);
        else {
          phiInto(xt, r, phi, t * r);
          for (let k = 0; k < r; k++) phi[t * r + k] = (phi[t * r + k] as number) * (scaled[k] as number);
        }
      }
      // β ρ(x_t, x_s) + ρ₀ = ρ₀ + Σ_k φ̃_k(x_t) ψ_k(x_s): symmetric in (t, s) for the symmetric
      // basis, so only s ≥ t is computed there (this loop is most of a batch's target time).
      const base = b * tau * tau;
      for (let t = 0; t < tau; t++) {
        const pt = t * r;
        for (let s = sym ? t : 0; s < tau; s++) {
          const ps = s * r;
          // Four partial sums: independent chains the CPU can overlap.
          let a0 = 0;
          let a1 = 0;
          let a2 = 0;
          let a3 = 0;
          let k = 0;
          for (; k + 3 < r; k += 4) {
            a0 += (phi[pt + k] as number) * (psi[ps + k] as number);
            a1 += (phi[pt + k + 1] as number) * (psi[ps + k + 1] as number);
            a2 += (phi[pt + k + 2] as number) * (psi[ps + k + 2] as number);
            a3 += (phi[pt + k + 3] as number) * (psi[ps + k + 3] as number);
          }
          for (; k < r; k++) a0 += (phi[pt + k] as number) * (psi[ps + k] as number);
          const acc = rho0 + (a0 + a1 + (a2 + a3));
          out[base + t * tau + s] = acc;
          if (sym) out[base + s * tau + t] = acc;
        }
      }
    }
    return out;
  }

  return {
    kind: 'coupling',
    tau,
    sigmas,
    beta,
    rho(u, v) {
      const a = new Float64Array(r);
      const c = new Float64Array(r);
      phiInto(u, r, a, 0);
      psiInto(v, r, basis, c, 0);
      let acc = 0;
      for (let k = 0; k < r; k++) acc += (sigmas[k] as number) * (a[k] as number) * (c[k] as number);
      return beta * acc + rho0;
    },
    couplingMatrices: (x, count) => (wasmLogits ? wasmLogits(x, count).slice() : jsCouplingMatrices(x, count)),
    apply(x, count) {
      const logits = logitsOf(x, count); // [count, tau, tau], read before any other call
      const y = new Float32Array(count * tau);
      // One flat loop over the outputs: with a loop nested here, Chromium's Maglev compiles the inner
      // loop on the stack (OSR) and discards that code each time the outer loop goes on, every call.
      for (let i = 0; i < count * tau; i++) y[i] = softmaxAverage(logits, i * tau, x, i - (i % tau), tau);
      return y;
    },
  };
}

/** Σ_s softmax_s(logits[row + s]) · x[start + s] over s < tau, the largest logit subtracted first. */
function softmaxAverage(logits: Float32Array, row: number, x: Float32Array, start: number, tau: number): number {
  let max = -Infinity;
  for (let s = 0; s < tau; s++) max = Math.max(max, logits[row + s] as number);
  let z = 0;
  let acc = 0;
  for (let s = 0; s < tau; s++) {
    const e = Math.exp((logits[row + s] as number) - max);
    z += e;
    acc += e * (x[start + s] as number);
  }
  return acc / z;
}
