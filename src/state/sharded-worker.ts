import type { ExperimentConfig } from '../core/config';
import { planGroups, planLanes, requestedWorkers } from '../core/train';
import { isWorkerEvent } from '../worker/protocol';
import type { Command } from '../worker/protocol';
import { ShardCoordinator } from '../worker/shard-coordinator';

/** What the training client needs of a worker: a real Worker, or several behind a ShardedWorker. */
export interface WorkerPort extends EventTarget {
  postMessage(cmd: Command): void;
  terminate(): void;
}

/** Cores auto leaves to the page (its main thread, the compositor): training never starves drawing. */
export const PAGE_CORES = 1;

/** The lane groups a config is trained in on a machine with `cores` cores (one group: one plain worker). */
export function workerGroups(c: ExperimentConfig, cores: number | undefined): number[][] {
  return planGroups(c, planLanes(c), requestedWorkers(c, cores, PAGE_CORES));
}

/**
 * Several training workers, one per lane group, behind the interface of one: commands fan out and
 * the workers' events come back joined by a ShardCoordinator, as 'message' events carrying one
 * worker's protocol. A crash of any worker is this worker's 'error'; terminate ends them all.
 */
export class ShardedWorker extends EventTarget implements WorkerPort {
  private readonly workers: Worker[];
  private readonly coordinator: ShardCoordinator;

  constructor(
    groups: readonly (readonly number[])[],
    private readonly cores: number | undefined,
    makeWorker: () => Worker,
  ) {
    super();
    this.workers = groups.map(() => makeWorker());
    this.coordinator = new ShardCoordinator(
      groups,
      (i, cmd) => this.workers[i]?.postMessage(cmd),
      (data) => this.dispatchEvent(new MessageEvent('message', { data })),
    );
    this.workers.forEach((w, i) => {
      w.addEventListener('message', (ev: MessageEvent<unknown>) => {
        if (isWorkerEvent(ev.data)) this.coordinator.event(i, ev.data);
      });
      w.addEventListener('error', (ev: ErrorEvent) => {
        ev.preventDefault();
        this.dispatchEvent(new ErrorEvent('error', { message: `worker ${i + 1} of ${this.workers.length}: ${ev.message || 'unknown error'}`, cancelable: true }));
      });
    });
  }

  get count(): number {
    return this.workers.length;
  }

  postMessage(cmd: Command): void {
    const groups = cmd.type === 'load' ? workerGroups(cmd.config, this.cores) : undefined;
    if (groups && groups.length !== this.workers.length) throw new Error(`ShardedWorker: ${groups.length} groups for ${this.workers.length} workers`);
    this.coordinator.command(cmd, groups);
  }

  terminate(): void {
    for (const w of this.workers) w.terminate();
  }
}
