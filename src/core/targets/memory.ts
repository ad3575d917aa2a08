import type { KernelKind } from '../config/types';
import type { Rng } from '../rng';
import type { MemoryTarget } from './target';

export interface MemoryParams {
  readonly tau: number;
  readonly kernel: KernelKind;
  readonly decay: number;
  readonly p: number;
}

/** ρ(s), s = 0..τ−1 (§4.2). The random kernel draws ρ(s) ~ U[0,1] from `rng` (the 'target' stream). */
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
 * y(t) = Σ_{s=0..t−1} ρ(s) · x(t−s), 0-based t = 0..τ−1, exactly as science.md §4.2 writes it:
 * y(t) sees x(1..t), and y(0) = 0.
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
          for (let s = 0; s < t; s++) acc += (kernel[s] as number) * (x[o + t - s] as number);
          y[o + t] = acc;
        }
      }
      return y;
    },
  };
}
