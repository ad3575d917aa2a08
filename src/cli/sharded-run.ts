/**
 * The runner's `--workers N`: the run's lane groups (core planGroups, the browser's groups) trained
 * by worker threads, their events joined by the browser's ShardCoordinator, reported back as one
 * session's train reports and evaluations.
 */
import { Worker } from 'node:worker_threads';
import type { ExperimentConfig } from '../core/config';
import type { EvalResult, RunOutcome, TrainEvents } from '../core/train';
import type { NodeBackend } from '../platform/node-tf';
import { PROTOCOL_VERSION } from '../worker/protocol';
import type { WorkerEvent } from '../worker/protocol';
import { ShardCoordinator } from '../worker/shard-coordinator';

const V = PROTOCOL_VERSION;

/**
 * A thread's entry: register tsx's loader (the runner runs TypeScript through tsx, whose loader a
 * worker thread does not inherit), then load train-thread.ts.
 */
const THREAD_BOOT = new URL(
  `data:text/javascript,${encodeURIComponent(
    `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};\n` +
      `register();\nawait import(${JSON.stringify(new URL('./train-thread.ts', import.meta.url).href)});`,
  )}`,
);

export async function runSharded(
  c: ExperimentConfig,
  groups: readonly (readonly number[])[],
  backend: NodeBackend,
  events: TrainEvents,
  /** Build the threads' sessions even when the cost model refuses them (--force). */
  force = false,
  /** Stop (paused, all groups aligned) after this many steps instead of running to the end. */
  untilStep: number | null = null,
): Promise<{ outcome: RunOutcome; last: EvalResult | null; backend: string }> {
  const threads = groups.map(() => new Worker(THREAD_BOOT, { workerData: { backend } }));
  let last: EvalResult | null = null;
  let chosen = backend as string;
  let played = false;
  try {
    const outcome = await new Promise<RunOutcome>((resolve, reject) => {
      const coordinator = new ShardCoordinator(
        groups,
        (i, cmd) => threads[i]?.postMessage(cmd),
        (e: WorkerEvent) => {
          switch (e.type) {
            case 'train': {
              const L = e.loss.length / Math.max(1, e.steps.length);
              e.steps.forEach((step, k) => events.onTrain?.({ step, laneLoss: Float64Array.from(e.loss.subarray(k * L, (k + 1) * L)) }));
              return;
            }
            case 'eval':
              last = { step: e.step, mse: e.mse, rel: e.rel, byT: e.byT };
              events.onEval?.(last);
              return;
            case 'status':
              if (e.state === 'ready' && !played) {
                played = true;
                coordinator.command(untilStep === null ? { v: V, type: 'play' } : { v: V, type: 'step', steps: untilStep });
              } else if (e.state === 'done') resolve({ status: 'done', step: e.step });
              else if (e.state === 'paused' && untilStep !== null && e.step >= untilStep) resolve({ status: 'stopped', step: e.step });
              else if (e.state === 'diverged') resolve({ status: 'diverged', step: e.step, lane: -1, message: e.message ?? 'diverged' });
              else if (e.state === 'error') reject(new Error(e.message ?? 'a training thread failed'));
              return;
            case 'fatal':
              reject(new Error(e.message));
              return;
            default:
              return;
          }
        },
      );
      threads.forEach((t, i) => {
        t.on('message', (e: WorkerEvent) => {
          if (e.type === 'backend' && i === 0) chosen = e.info.chosen;
          coordinator.event(i, e);
        });
        t.on('error', (err) => reject(new Error(`training thread ${i + 1} of ${threads.length}: ${err.message}`)));
      });
      coordinator.command({ v: V, type: 'load', config: c, ...(force ? { skipMemoryCheck: true } : {}) }, groups);
    });
    return { outcome, last, backend: chosen };
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
}
