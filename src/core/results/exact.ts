import { functionSingularValues } from '../analysis';
import type { ExperimentConfig } from '../config/types';
import { buildBaseTarget } from '../targets';

export interface ExactSpectra {
  /** Singular values of β·ρ(x₁, x₂) + ρ₀ on [0,1]² (values below 1e-6 of the largest dropped). */
  readonly before: number[];
  /** Singular values after mixing the inputs: ρ(x₁, x₁ + x₂) (paper App. D.3). */
  readonly after: number[];
}

function significant(s: Float64Array): number[] {
  const top = s[0] ?? 0;
  return Array.from(s).filter((v) => v > 1e-6 * Math.max(top, 1e-300));
}

/** The exact function-SVD of a coupling target before and after mixing its inputs (400×400 grid). */
export function exactMixingSpectra(c: ExperimentConfig, grid = 400): ExactSpectra {
  const target = buildBaseTarget(c, c.ranks[0] ?? 'full');
  if (target.kind !== 'coupling') throw new Error('exact spectra need a coupling target (target=coupling)');
  const keep = Math.min(grid, 2 * target.sigmas.length + 4);
  return {
    before: significant(functionSingularValues((u, v) => target.rho(u, v), { grid, keep })),
    after: significant(functionSingularValues((u, v) => target.rho(u, u + v), { grid, keep })),
  };
}
