/**
 * One run trained by several workers, each on a group of its lanes (core's planGroups), seen from the
 * page as one worker. Commands fan out; events come back joined into the run's lanes: a training
 * report, an evaluation, a spectra update or a checkpoint is passed on once every group has sent its
 * part for that step. A pause ends with the groups brought to the same step (the ones behind step
 * forward), so the run pauses, checkpoints and resumes as one. Free of `self` and of Worker: the page
 * (src/state/sharded-worker.ts) and Node tests drive it with real Controllers.
 */
import { mergeShardCheckpoints } from '../core/train';
import type { ShardCheckpoint } from '../core/train';
import type { LaneInfo } from './protocol';
import type { LogitSpectra } from '../core/results';
import { PROTOCOL_VERSION } from './protocol';
import type { Command, RunState, WorkerEvent } from './protocol';
import { joinSpectra } from './shard-spectra';

const V = PROTOCOL_VERSION;

type Ev<T extends WorkerEvent['type']> = Extract<WorkerEvent, { type: T }>;
type Status = Ev<'status'>;

interface Shard {
  readonly lanes: readonly number[];
  status: Status | null;
  plan: Ev<'plan'> | null;
  /** Reports not yet joined: one row per step. */
  train: { step: number; loss: Float32Array }[];
  evals: Ev<'eval'>[];
  spectra: LogitSpectra[];
  checkpoints: Map<number, ShardCheckpoint>;
}

export class ShardCoordinator {
  private shards: Shard[];
  private runLanes: readonly LaneInfo[] | null = null;
  private laneCount = 0;
  /** A pause is being completed: groups behind the furthest are stepping up to it. */
  private aligning = false;
  private divergedSent = false;

  /**
   * `groups`: each worker's lanes (run plan indices). `toShard` sends a command to worker i; `toPage`
   * passes a joined event on.
   */
  constructor(
    groups: readonly (readonly number[])[],
    private readonly toShard: (i: number, cmd: Command) => void,
    private readonly toPage: (e: WorkerEvent) => void,
  ) {
    this.shards = groups.map((lanes) => fresh(lanes));
  }

  get groupCount(): number {
    return this.shards.length;
  }

  /** A command from the page. `load` carries the new groups (same count). */
  command(cmd: Command, groups?: readonly (readonly number[])[]): void {
    switch (cmd.type) {
      case 'load':
        if (groups) this.shards = groups.map((lanes) => fresh(lanes));
        this.reset();
        this.shards.forEach((s, i) => this.toShard(i, { ...cmd, lanes: s.lanes, workers: this.shards.length }));
        return;
      case 'reset':
        this.reset();
        this.all(cmd);
        return;
      case 'pause':
        this.aligning = true;
        this.all(cmd);
        return;
      case 'crash':
        this.toShard(0, cmd);
        return;
      case 'restore':
        this.clearQueues();
        this.all(cmd);
        return;
      case 'play':
      case 'step':
        this.aligning = false;
        this.all(cmd);
        return;
      case 'speed':
        this.all(cmd);
        return;
    }
  }

  /** An event from worker `i`. */
  event(i: number, e: WorkerEvent): void {
    const s = this.shards[i];
    if (!s) return;
    switch (e.type) {
      case 'backend':
      case 'target-spectra':
        if (i === 0) this.toPage(e);
        return;
      case 'fatal':
        this.toPage(e);
        return;
      case 'plan':
        s.plan = e;
        if (this.shards.every((x) => x.plan)) {
          this.runLanes = e.lanes;
          this.laneCount = e.lanes.length;
          this.toPage({ ...e, groups: this.shards.map((x) => x.lanes) });
        }
        return;
      case 'train': {
        const L = s.lanes.length;
        e.steps.forEach((step, k) => s.train.push({ step, loss: e.loss.slice(k * L, (k + 1) * L) }));
        this.joinTrain();
        return;
      }
      case 'eval':
        s.evals.push(e);
        this.joinEvals();
        return;
      case 'spectra':
        s.spectra.push(e.spectra);
        this.joinSpectra();
        return;
      case 'checkpoint':
        if (e.shard) s.checkpoints.set(e.checkpoint.step, { lanes: e.shard.lanes, paramModels: e.shard.paramModels, checkpoint: e.checkpoint });
        this.joinCheckpoints(e.checkpoint.step);
        return;
      case 'status':
        s.status = e;
        this.onStatus();
        return;
    }
  }

  private all(cmd: Command): void {
    this.shards.forEach((_, i) => this.toShard(i, cmd));
  }

  private reset(): void {
    this.aligning = false;
    this.divergedSent = false;
    for (const s of this.shards) {
      s.plan = null;
      s.status = null;
    }
    this.clearQueues();
  }

  private clearQueues(): void {
    for (const s of this.shards) {
      s.train = [];
      s.evals = [];
      s.spectra = [];
      s.checkpoints.clear();
    }
  }

  /** Rows every group has reported, joined into the run's lanes, in one message. */
  private joinTrain(): void {
    const steps: number[] = [];
    const rows: Float32Array[] = [];
    for (;;) {
      const parts = takeCommon(this.shards.map((s) => s.train), (r) => r.step);
      if (!parts) break;
      const row = new Float32Array(this.laneCount);
      parts.forEach((r, si) => this.shards[si]?.lanes.forEach((lane, k) => (row[lane] = r.loss[k] as number)));
      steps.push(parts[0]?.step ?? 0);
      rows.push(row);
    }
    if (steps.length === 0) return;
    const loss = new Float32Array(steps.length * this.laneCount);
    rows.forEach((r, k) => loss.set(r, k * this.laneCount));
    this.toPage({ v: V, type: 'train', steps: Int32Array.from(steps), loss });
  }

  private joinEvals(): void {
    for (;;) {
      const parts = takeCommon(this.shards.map((s) => s.evals), (e) => e.step);
      if (!parts) return;
      const step = parts[0]?.step ?? 0;
      const L = this.laneCount;
      const mse = new Float64Array(L);
      const rel = new Float64Array(L);
      const T = (parts[0]?.byT.length ?? 0) / Math.max(1, this.shards[0]?.lanes.length ?? 1);
      const byT = new Float64Array(L * T);
      parts.forEach((p, si) =>
        this.shards[si]?.lanes.forEach((lane, k) => {
          mse[lane] = p.mse[k] as number;
          rel[lane] = p.rel[k] as number;
          byT.set(p.byT.subarray(k * T, (k + 1) * T), lane * T);
        }),
      );
      this.toPage({ v: V, type: 'eval', step, mse, rel, byT });
    }
  }

  /** Only the groups with Transformer lanes send spectra. */
  private joinSpectra(): void {
    const senders = this.shards.filter((s) => s.lanes.some((l) => this.runLanes?.[l]?.model === 'transformer'));
    for (;;) {
      const parts = takeCommon(senders.map((s) => s.spectra), (x) => x.step);
      if (!parts) return;
      this.toPage({ v: V, type: 'spectra', spectra: joinSpectra(parts) });
    }
  }

  private joinCheckpoints(step: number): void {
    if (!this.runLanes || !this.shards.every((s) => s.checkpoints.has(step))) return;
    const parts = this.shards.map((s) => s.checkpoints.get(step) as ShardCheckpoint);
    for (const s of this.shards) for (const k of [...s.checkpoints.keys()]) if (k <= step) s.checkpoints.delete(k);
    this.toPage({ v: V, type: 'checkpoint', checkpoint: mergeShardCheckpoints(this.runLanes, parts) });
  }

  private onStatus(): void {
    const st = this.shards.map((s) => s.status);
    if (st.some((x) => x === null)) return;
    const all = st as Status[];
    const states = all.map((x) => x.state);
    const diverged = all.find((x) => x.state === 'diverged');
    if (diverged && !this.divergedSent) {
      this.divergedSent = true;
      this.all({ v: V, type: 'pause' }); // the other groups stop where they are
    }
    if (this.aligning && !states.includes('running')) this.align(all);
    const state: RunState = states.includes('error')
      ? 'error'
      : diverged
        ? 'diverged'
        : states.includes('starting')
          ? 'starting'
          : this.aligning || states.includes('running')
            ? 'running'
            : states.every((x) => x === 'done')
              ? 'done'
              : states.every((x) => x === 'ready')
                ? 'ready'
                : 'paused';
    const running = all.filter((x) => x.state === 'running');
    this.toPage({
      v: V,
      type: 'status',
      state,
      step: Math.min(...all.map((x) => x.step)),
      stepsPerSecond: running.length > 0 ? Math.min(...running.map((x) => x.stepsPerSecond)) : 0,
      tensors: all.reduce((n, x) => n + x.tensors, 0),
      message: all.find((x) => x.message !== null)?.message ?? null,
    });
  }

  /** After a pause: step the groups that stopped behind up to the furthest one. */
  private align(all: readonly Status[]): void {
    const target = Math.max(...all.map((x) => x.step));
    const behind = all.flatMap((x, i) => (x.state === 'paused' || x.state === 'ready') && x.step < target ? [i] : []);
    if (behind.length === 0) {
      this.aligning = false;
      return;
    }
    for (const i of behind) this.toShard(i, { v: V, type: 'step', steps: target - (all[i]?.step ?? target) });
    // Until their statuses come back, they still count as at their old step: mark them running.
    for (const i of behind) {
      const s = this.shards[i];
      if (s?.status) s.status = { ...s.status, state: 'running' };
    }
  }
}

function fresh(lanes: readonly number[]): Shard {
  return { lanes, status: null, plan: null, train: [], evals: [], spectra: [], checkpoints: new Map() };
}

/**
 * The front items of every queue when they are all for one step (removed from the queues), or null
 * while some queue is empty. A front behind the others belongs to a step some group will never send
 * (it cannot happen while the groups stay step-aligned); it is dropped rather than blocking the rest.
 */
function takeCommon<T>(queues: readonly T[][], stepOf: (t: T) => number): T[] | null {
  for (;;) {
    if (queues.some((q) => q.length === 0)) return null;
    const steps = queues.map((q) => stepOf(q[0] as T));
    const hi = Math.max(...steps);
    if (steps.every((x) => x === hi)) return queues.map((q) => q.shift() as T);
    queues.forEach((q, i) => {
      if ((steps[i] as number) < hi) q.shift();
    });
  }
}
