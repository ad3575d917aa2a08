import type { ExperimentConfig } from '../config/types';
import { phiInto, psiInto } from '../targets';
import type { ResolvedPE } from '../models/transformer';

/** 'auto' position encoding: none for coupling targets (permutation-equivariant), one-hot for memory (§2.3). */
export function resolvePE(c: Pick<ExperimentConfig, 'pe' | 'target'>): ResolvedPE {
  if (c.pe !== 'auto') return c.pe;
  return c.target === 'coupling' ? 'none' : 'onehot';
}

/** Whether the Transformer's f̂ and F̂ are fixed to the target's own features (§5.4): fixed=1 on a coupling target. */
export function fixedFeaturesApply(c: Pick<ExperimentConfig, 'fixedFeatures' | 'target'>): boolean {
  return c.fixedFeatures && c.target === 'coupling';
}

/** Width of the fixed feature map [φ_1..φ_K, (ψ_1..ψ_K,) x]. */
export function fixedFeatureDim(c: Pick<ExperimentConfig, 'modes' | 'basis'>): number {
  return c.modes * (c.basis === 'sym' ? 1 : 2) + 1;
}

/**
 * The target's own features for the fixed-feature Transformer (§5.4, isolating the rank term):
 * x ↦ [φ_1(x) … φ_K(x), (ψ_1(x) … ψ_K(x),) x], for every token: [count·tau, F], into `out` when
 * given (every value is written).
 */
export function fixedFeatures(
  c: Pick<ExperimentConfig, 'modes' | 'basis' | 'tau'>,
  x: Float32Array,
  count: number,
  out = new Float32Array(count * c.tau * fixedFeatureDim(c)), // [count·tau, F]
): Float32Array {
  const F = fixedFeatureDim(c);
  if (out.length !== count * c.tau * F) throw new Error(`fixedFeatures: ${out.length} values for ${count * c.tau} tokens of ${F}`);
  for (let i = 0; i < count * c.tau; i++) {
    const xi = x[i] as number;
    phiInto(xi, c.modes, out, i * F);
    if (c.basis !== 'sym') psiInto(xi, c.modes, c.basis, out, i * F + c.modes);
    out[i * F + F - 1] = xi;
  }
  return out;
}
