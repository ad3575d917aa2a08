/**
 * The Node runner's speed on the same link: the headless runner's loop (src/cli/experiment.ts: one
 * TrainingSession, loss read at every log interval, evaluation at every evaluation interval) over the
 * link's first N steps, on tfjs wasm (cpu when the link forces cpu).
 */
import * as tf from '@tensorflow/tfjs-core';
import { decodeConfig } from '../../src/core/config';
import { layoutForBackend } from '../../src/core/models/layout';
import { planGroups, planLanes, TrainingSession } from '../../src/core/train';
import type { ExperimentConfig } from '../../src/core/config';
import { runSharded } from '../../src/cli/sharded-run';
import { selectNodeBackend } from '../../src/platform/node-tf';
import type { NodeBackend } from '../../src/platform/node-tf';
import { processCpuMs } from '../stats';
import { ownMainThreadMs } from './thread-cpu';

export interface RunnerTiming {
  readonly backend: string;
  readonly steps: number;
  readonly ms: number;
  readonly msPerStep: number;
  /** CPU ms of the training (main) thread per step; null without /proc. */
  readonly cpuMsPerStep: number | null;
  /** Each evaluation's step and lane MSEs (the same link must give the browser's numbers). */
  readonly evals: readonly { readonly step: number; readonly mse: readonly number[] }[];
}

/**
 * Train the link's first `steps` steps (fewer if `budgetMs` runs out first) and time them, in one
 * session, or on `workers` worker threads when that is more than 1 (the runner's --workers: the
 * budget then does not apply, and the CPU time is the whole process's, every thread).
 */
export async function timeRunner(link: string, steps: number, budgetMs: number, workers = 1): Promise<RunnerTiming> {
  const { config, problems } = decodeConfig(link);
  const bad = problems.filter((p) => p.severity !== 'info');
  if (bad.length > 0) throw new Error(`runner: the link has problems: ${bad.map((p) => p.message).join('; ')}`);
  const backend: NodeBackend = config.backend === 'cpu' ? 'cpu' : 'wasm';
  if (workers > 1) return timeShardedRunner(config, backend, steps, workers);
  await selectNodeBackend(backend);
  const session = new TrainingSession(config, layoutForBackend(backend));
  const evals: { step: number; mse: number[] }[] = [];
  try {
    const cpu0 = ownMainThreadMs();
    const t0 = performance.now();
    const outcome = await session.run(steps, { onEval: (e) => evals.push({ step: e.step, mse: Array.from(e.mse) }) }, () => performance.now() - t0 > budgetMs);
    const ms = performance.now() - t0;
    const cpu1 = ownMainThreadMs();
    const done = Math.max(1, outcome.step);
    const cpuMsPerStep = cpu0 !== null && cpu1 !== null ? (cpu1 - cpu0) / done : null;
    return { backend: tf.getBackend(), steps: outcome.step, ms, msPerStep: ms / done, cpuMsPerStep, evals };
  } finally {
    session.dispose();
  }
}

async function timeShardedRunner(config: ExperimentConfig, backend: NodeBackend, steps: number, workers: number): Promise<RunnerTiming> {
  const groups = planGroups(config, planLanes(config), workers);
  const evals: { step: number; mse: number[] }[] = [];
  // Timed from the first loss report, so the threads' start (each loads its own tfjs) is left out.
  let first: { step: number; t: number; cpu: number } | null = null;
  const { outcome, backend: chosen } = await runSharded(
    config,
    groups,
    backend,
    {
      onTrain: (r) => {
        first ??= { step: r.step, t: performance.now(), cpu: processCpuMs() };
      },
      onEval: (e) => evals.push({ step: e.step, mse: Array.from(e.mse) }),
    },
    false,
    steps,
  );
  const start = first as { step: number; t: number; cpu: number } | null;
  if (!start || outcome.step <= start.step) throw new Error(`runner: ${outcome.step} steps are too few to time on ${groups.length} threads`);
  const ms = performance.now() - start.t;
  const done = outcome.step - start.step;
  return { backend: `${chosen} × ${groups.length} threads`, steps: outcome.step, ms, msPerStep: ms / done, cpuMsPerStep: (processCpuMs() - start.cpu) / done, evals };
}
