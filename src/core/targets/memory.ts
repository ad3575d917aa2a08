import type { KernelKind } from '../config/types';
import type { Rng } from '../rng';
import type { MemoryTarget } from './target';

export interface MemoryParams {
  readonly tau: number;
  readonly kernel: KernelKind;
  readonly decay: number;
  readonly p: number;
}

/** ρ(s), s = 0..τ−1 (docs/model.md §4.2). The random kernel draws ρ(s) ~ U[0,1] from `rng` (the 'target' stream). */
export function memoryKernel(params: MemoryParams, rng: Rng): Float64Array {
  const rho = new Float64Array(params.tau);
  for (let s = 0; s < params.tau; s++) {
    switch (params.kernel) {
      case 'exp':
        rho[s] = Math.exp(-params.decay * s);
        break;
      case 'power':
        rho[s] = Math.pow(s + 1, -params.p);
        break;
      case 'random':
        rho[s] = rng.next();
        break;
    }
  }
  return rho;
}

/**
 * y(t) = Σ_{s=0..t} ρ(s) · x(t−s), 0-based t = 0..τ−1: every input up to and including x(t).
 *
 * The paper's sum runs to t−1 in 1-based time (t = 1..τ); in 0-based time it runs to t (docs/model.md
 * §4.2). Run to t−1 with a 0-based t it would leave x(0) out of every y(t), and no time-invariant
 * causal model could fit even the original target (x(0)'s weight at time t would have to differ from
 * x(1)'s at t + 1): a trained linear RNN stopped at MSE 2.9e−3 (measured), against the paper's 1.0e−7.
 */
export function memoryTarget(params: MemoryParams, rng: Rng): MemoryTarget {
  const tau = params.tau;
  const kernel = memoryKernel(params, rng);
  return {
    kind: 'memory',
    tau,
    kernel,
    apply(x, count) {
      const y = new Float32Array(count * tau);
      for (let b = 0; b < count; b++) {
        const o = b * tau;
        for (let t = 0; t < tau; t++) {
          let acc = 0;
          for (let s = 0; s <= t; s++) acc += (kernel[s] as number) * (x[o + t - s] as number);
          y[o + t] = acc;
        }
      }
      return y;
    },
  };
}
