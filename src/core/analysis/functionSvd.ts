/**
 * Singular values of a function ρ(u, v) on [0, 1]² (docs/model.md §6.2), i.e. of the Hilbert–Schmidt
 * operator f ↦ ∫ ρ(·, v) f(v) dv. Discretised on a g × g midpoint grid: M[i][j] = ρ(u_i, v_j)
 * with u_i = (i + ½)/g, and σ_k(ρ) ≈ σ_k(M)/g. For ρ = Σ σ_k φ_k(u) ψ_k(v) built from
 * trigonometric modes of frequency < g/2 the midpoint rule is exact, so these are the σ_k to
 * machine precision; for smooth ρ the error falls quickly with g.
 */
import { singularValues } from './svd';

/** Options for {@link functionSingularValues}. */
export interface FunctionSvdOptions {
  /** grid points per axis; default 400 (the grid of docs/model.md §6.2) */
  readonly grid?: number;
  /** how many leading singular values to return, 1..grid; default grid */
  readonly keep?: number;
}

/** The g × g midpoint-grid matrix of ρ, row-major (// [grid, grid], row i ↔ u_i). */
export function functionGridMatrix(rho: (u: number, v: number) => number, grid: number): Float64Array {
  const m = new Float64Array(grid * grid);
  for (let i = 0; i < grid; i++) {
    const u = (i + 0.5) / grid;
    for (let j = 0; j < grid; j++) m[i * grid + j] = rho(u, (j + 0.5) / grid);
  }
  return m;
}

/** The leading singular values of ρ on [0, 1]², descending. */
export function functionSingularValues(
  rho: (u: number, v: number) => number,
  opts: FunctionSvdOptions = {},
): Float64Array {
  const grid = opts.grid ?? 400;
  if (!Number.isInteger(grid) || grid < 1) {
    throw new RangeError(`functionSingularValues: grid must be an integer ≥ 1 (got ${grid})`);
  }
  const keep = opts.keep ?? grid;
  if (!Number.isInteger(keep) || keep < 1 || keep > grid) {
    throw new RangeError(`functionSingularValues: keep must be an integer in 1..grid = 1..${grid} (got ${keep})`);
  }
  const s = singularValues(functionGridMatrix(rho, grid), grid, grid);
  return Float64Array.from(s.subarray(0, keep), (x) => x / grid);
}
