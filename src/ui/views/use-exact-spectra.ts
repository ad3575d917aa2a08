import { useEffect, useMemo, useState } from 'react';
import { DEFAULTS } from '../../core/config';
import type { ExperimentConfig } from '../../core/config';
import { exactMixingSpectra } from '../../core/results';
import type { ExactSpectra } from '../../core/results';
import { couplingSigmas } from '../../core/targets';

/** The live view's smallest grid: ~60 ms on this kind of machine (the paper's 400 takes ~1 s). */
export const LIVE_GRID = 120;
export const PAPER_GRID = 400;

/**
 * A grid that is exact for K modes: after mixing, ρ(x₁, x₁ + x₂) holds frequencies up to 2K in x₁,
 * and the midpoint rule is exact below half the grid, so 4K + 8 points suffice (120 at least).
 */
export function liveGrid(modes: number): number {
  return Math.min(PAPER_GRID, Math.max(LIVE_GRID, 4 * modes + 8));
}

export interface ExactState {
  /** The spectra of `source`'s coupling, or null while computing. */
  readonly spectra: ExactSpectra | null;
  readonly error: string | null;
  /** Whether the config's own coupling is shown, or the App. D.3 example (memory targets have no coupling). */
  readonly source: 'target' | 'example';
  readonly grid: number;
}

/**
 * The exact function-SVD of the config's coupling before and after mixing, recomputed only when a
 * field it depends on changes, and off the render (a timeout), so the page paints first.
 */
export function useExactSpectra(c: ExperimentConfig, paperGrid: boolean): ExactState {
  const example = c.target !== 'coupling';
  const rank = c.ranks[0] ?? 'full';
  const { spectrum, alpha, lambda, sigmas, modes, basis, beta, rho0 } = c;
  const coupling = useMemo<ExperimentConfig>(
    () =>
      example
        ? { ...DEFAULTS, target: 'coupling', spectrum: 'list', sigmas: [1], ranks: ['full'], rho0: 1, beta: 1, basis: 'sym' }
        : { ...DEFAULTS, target: 'coupling', spectrum, alpha, lambda, sigmas, ranks: [rank], modes, basis, beta, rho0 },
    [example, spectrum, alpha, lambda, sigmas, rank, modes, basis, beta, rho0],
  );
  const grid = paperGrid ? PAPER_GRID : liveGrid(couplingSigmas(coupling, coupling.ranks[0] ?? 'full').length);
  const [done, setDone] = useState<{ config: ExperimentConfig; grid: number; spectra: ExactSpectra | null; error: string | null } | null>(null);
  useEffect(() => {
    const id = window.setTimeout(() => {
      try {
        setDone({ config: coupling, grid, spectra: exactMixingSpectra(coupling, grid), error: null });
      } catch (err) {
        setDone({ config: coupling, grid, spectra: null, error: err instanceof Error ? err.message : String(err) });
      }
    }, 0);
    return () => window.clearTimeout(id);
  }, [coupling, grid]);
  const current = done !== null && done.config === coupling && done.grid === grid;
  return { spectra: current ? done.spectra : null, error: current ? done.error : null, source: example ? 'example' : 'target', grid };
}
