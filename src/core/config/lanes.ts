/**
 * How many models (lanes) a config trains, counted from the config alone, and the most one
 * experiment may train. core/train's planLanes lists the same lanes (a test checks the counts agree);
 * this count lives here so the schema's cross-field rules can cap it without building a plan.
 */
import type { ExperimentConfig } from './types';

/**
 * Most lanes one experiment trains. The schema's lists allow more (8 ranks × 32 head sizes × 8 seeds
 * = 2,048): at the default sizes such a sweep needs ~10 GB, more than the 4 GB a wasm worker can
 * address even when split over the at most 4 workers auto picks, and building its weights alone took
 * 42 s. 256 lanes of the default model need ~1.3 GB for a step. Digests (lesson links) accept this
 * many numbers.
 */
export const MAX_LANES = 256;

/** Lanes of a config: single seeds, sweep ranks × m_h × seeds, compare 2 models × 3 alterations × seeds. */
export function laneCount(c: Pick<ExperimentConfig, 'kind' | 'seeds' | 'ranks' | 'mHs'>): number {
  switch (c.kind) {
    case 'exact':
      return 0;
    case 'single':
      return c.seeds;
    case 'sweep':
      return c.ranks.length * c.mHs.length * c.seeds;
    case 'compare':
      return 2 * 3 * c.seeds;
    default:
      return 0; // an unknown kind (a config built in code) is refused by its own row
  }
}
