/**
 * The backend race: on auto, a WebGPU backend that passed its self-test is timed against wasm on the
 * experiment's own training step, and the faster one trains. A small model is dispatch-bound, so a
 * real GPU can lose to wasm; only a measurement tells. Each candidate builds the session it would
 * train (this worker's lanes), runs a few warm-up steps (shader compilation, first allocations), then
 * times steps for about `budgetMs`, syncing on the loss as training does.
 */
import type { ExperimentConfig } from '../core/config';
import { layoutForBackend } from '../core/models/layout';
import { TrainingSession } from '../core/train';
import type { BackendName, RaceEntry } from './protocol';

/** Warm-up steps, also the read-back interval while timing. */
const WARMUP = 2;

/** Time one candidate (already set as tfjs's backend) on `config`'s step for `lanes`. */
export async function timeStep(config: ExperimentConfig, lanes: readonly number[] | undefined, name: BackendName, budgetMs: number): Promise<RaceEntry> {
  // Reads the loss every WARMUP steps (a sync point, as in training); never evaluates.
  const c: ExperimentConfig = { ...config, logEvery: WARMUP, evalEvery: Number.MAX_SAFE_INTEGER, steps: Number.MAX_SAFE_INTEGER };
  const session = new TrainingSession(c, layoutForBackend(name), lanes);
  try {
    const w0 = performance.now();
    await session.run(WARMUP, {});
    const warm = (performance.now() - w0) / WARMUP;
    // Enough steps for the budget at the warm-up rate (an upper bound on the timed rate), 2 to 40.
    const steps = WARMUP * Math.max(1, Math.min(20, Math.round(budgetMs / Math.max(1e-3, warm) / WARMUP)));
    const t0 = performance.now();
    await session.run(WARMUP + steps, {});
    return { name, msPerStep: (performance.now() - t0) / steps, steps };
  } finally {
    session.dispose();
  }
}

/** Set each candidate in turn and time it; the fastest first. `set` returns an error text or null. */
export async function raceBackends(
  candidates: readonly BackendName[],
  set: (name: BackendName) => Promise<string | null>,
  config: ExperimentConfig,
  lanes: readonly number[] | undefined,
  budgetMs: number,
): Promise<RaceEntry[]> {
  const out: RaceEntry[] = [];
  for (const name of candidates) {
    const fail = await set(name);
    if (fail) {
      out.push({ name, msPerStep: Infinity, steps: 0 });
      continue;
    }
    try {
      out.push(await timeStep(config, lanes, name, budgetMs));
    } catch {
      out.push({ name, msPerStep: Infinity, steps: 0 });
    }
  }
  return out.sort((a, b) => a.msPerStep - b.msPerStep || candidates.indexOf(a.name) - candidates.indexOf(b.name));
}

/**
 * What a race result depends on besides the device: the shapes of the work. Two experiments with the
 * same key train the same sizes (targets and seeds do not change the cost).
 */
export function raceKey(device: string, c: ExperimentConfig, lanes: readonly number[] | undefined): string {
  const size = [c.kind, c.model, c.batch, c.tau, c.n, c.mV, c.mFF, c.depth, c.mH, c.mHs.join('.'), c.ranks.length, c.seeds, c.rnnHidden, c.rnnAct, c.pe, c.fixedFeatures];
  return `${device}|${size.join(',')}|${lanes ? lanes.join('.') : 'all'}`;
}
