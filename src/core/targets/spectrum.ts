import type { ExperimentConfig, Rank } from '../config/types';

/** The σ_k of ρ (docs/model.md §4.1), before the coupling strength β: k = 1..r, or 1..K for 'full'. */
export function couplingSigmas(
  c: Pick<ExperimentConfig, 'spectrum' | 'alpha' | 'lambda' | 'sigmas' | 'modes'>,
  rank: Rank,
): Float64Array {
  const available = c.spectrum === 'list' ? c.sigmas.length : c.modes;
  const r = rank === 'full' ? available : Math.min(rank, available);
  const out = new Float64Array(r);
  for (let i = 0; i < r; i++) {
    const k = i + 1;
    switch (c.spectrum) {
      case 'power':
        out[i] = Math.pow(k, -c.alpha);
        break;
      case 'exp':
        out[i] = Math.exp(-c.lambda * (k - 1));
        break;
      case 'flat':
        out[i] = 1;
        break;
      case 'list':
        out[i] = c.sigmas[i] ?? 0;
        break;
    }
  }
  return out;
}

/** The theory's rate exponent for a power spectrum: error ∝ m_h^−(2α−1) (paper Thm. 4.2). */
export function theoryExponent(alpha: number): number {
  return 2 * alpha - 1;
}
