/**
 * The Node runner's speed on the same link: the headless runner's loop (src/cli/experiment.ts: one
 * TrainingSession, loss read at every log interval, evaluation at every evaluation interval) over the
 * link's first N steps, on tfjs wasm (cpu when the link forces cpu).
 */
import * as tf from '@tensorflow/tfjs-core';
import { decodeConfig } from '../../src/core/config';
import { layoutForBackend } from '../../src/core/models/layout';
import { TrainingSession } from '../../src/core/train';
import { selectNodeBackend } from '../../src/platform/node-tf';
import type { NodeBackend } from '../../src/platform/node-tf';
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

/** Train the link's first `steps` steps (fewer if `budgetMs` runs out first) and time them. */
export async function timeRunner(link: string, steps: number, budgetMs: number): Promise<RunnerTiming> {
  const { config, problems } = decodeConfig(link);
  const bad = problems.filter((p) => p.severity !== 'info');
  if (bad.length > 0) throw new Error(`runner: the link has problems: ${bad.map((p) => p.message).join('; ')}`);
  const backend: NodeBackend = config.backend === 'cpu' ? 'cpu' : 'wasm';
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
