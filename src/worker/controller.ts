import * as tf from '@tensorflow/tfjs-core';
import type { ExperimentConfig } from '../core/config';
import type { LaneLayout } from '../core/models/layout';
import { planInfo, TrainingSession } from '../core/train';
import type { EvalResult, RunOutcome, TrainReport } from '../core/train';
import { logitSpectra, targetSpectra } from '../core/results';
import { refusal } from '../core/cost';
import { describe, exhaustMemory, gpuLimits } from './failure';
import { CHECKPOINT_MS, HEARTBEAT_MS, PROTOCOL_VERSION } from './protocol';
import type { Command, RunState, WorkerEvent } from './protocol';

const V = PROTOCOL_VERSION;
/** Train reports are sent in batches at most this often. */
const FLUSH_MS = 100;

/**
 * Owns one TrainingSession and answers the page's commands: load (= reset to a config), play, pause,
 * step, speed. Streams metrics in batches. Independent of `self`, so it runs in Node tests too.
 */
export class Controller {
  private session: TrainingSession | null = null;
  private config: ExperimentConfig | null = null;
  /** The lanes of the run this worker trains (a group), or null for all of them. */
  private lanes: readonly number[] | null = null;
  /** Workers the run is split into, and whether the memory check is off (tests only). */
  private workers = 1;
  private skipMemoryCheck = false;
  /** A fatal error was reported: this worker's backend may be damaged, so it does nothing more. */
  private dead = false;
  private state: RunState = 'starting';
  private playing = false;
  private loop: Promise<void> | null = null;
  private stepsPerSecondLimit = 0;
  private pending: TrainReport[] = [];
  private lastFlush = 0;
  private rateWindow: { t: number; step: number } = { t: 0, step: 0 };
  private rate = 0;

  constructor(
    private readonly post: (e: WorkerEvent) => void,
    private readonly layout: LaneLayout,
  ) {}

  async handle(cmd: Command): Promise<void> {
    if (this.dead) return;
    switch (cmd.type) {
      case 'load':
        await this.stopAll();
        this.config = cmd.config;
        this.lanes = cmd.lanes ?? null;
        this.workers = Math.max(1, cmd.workers ?? 1);
        this.skipMemoryCheck = cmd.skipMemoryCheck === true;
        this.rebuild();
        return;
      case 'reset':
        await this.stopAll();
        this.rebuild();
        return;
      case 'play':
        if (!this.session || this.playing || this.state === 'done' || this.state === 'diverged') return;
        this.playing = true;
        this.loop = this.runLoop(Infinity);
        return;
      case 'pause':
        await this.stop();
        // A play or step that arrived while the loop was stopping owns the state now.
        if (this.session && this.state === 'running' && !this.playing) this.setState('paused');
        return;
      case 'step':
        if (!this.session || this.playing) return;
        this.playing = true;
        this.loop = this.runLoop(this.session.step + Math.max(1, cmd.steps));
        await this.loop;
        return;
      case 'restore':
        await this.stopAll();
        this.restore(cmd.checkpoint);
        return;
      case 'crash':
        // 'throw' and 'hang' are the worker entry's (an uncaught error there is what a crash looks like);
        // 'oom' fails as a training step that ran out of memory would.
        if (cmd.mode === 'oom') this.fatal(`Training failed at step ${this.session?.step ?? 0}: ${describe(exhaustMemory())}`);
        return;
      case 'speed':
        this.stepsPerSecondLimit = Math.max(0, cmd.stepsPerSecond);
        return;
    }
  }

  dispose(): void {
    this.playing = false;
    this.session?.dispose();
    this.session = null;
  }

  private rebuild(): void {
    this.session?.dispose();
    this.session = null;
    this.pending = [];
    const c = this.config;
    if (!c) return;
    // The cost model's check comes before anything is allocated: a run that cannot fit is refused
    // with its estimate and the field to change, and the backend stays whole.
    const refused = this.skipMemoryCheck ? null : refusal(c, { backend: tf.getBackend(), workers: this.workers, gpu: gpuLimits() });
    if (refused) {
      this.setState('error', refused.message);
      return;
    }
    try {
      const s = new TrainingSession(c, this.layout, this.lanes ?? undefined);
      this.session = s;
      this.post({ v: V, type: 'plan', ...planInfo(s.runPlan), steps: c.steps, targetVariance: Array.from(s.evalSet.targetVariance) });
      this.post({ v: V, type: 'target-spectra', targets: targetSpectra(s) });
      this.setState('ready');
    } catch (err) {
      this.fatal(`Could not build the experiment: ${describe(err)}`);
    }
  }

  /**
   * A failure that may have left the backend damaged (a wasm RuntimeError or abort, an out-of-memory,
   * a lost WebGPU device, or any error inside tfjs mid-step): report it as fatal, so the page ends
   * this worker and starts a fresh one, and do nothing more here.
   */
  private fatal(message: string): void {
    this.dead = true;
    this.playing = false;
    this.post({ v: V, type: 'fatal', message });
  }

  private restore(cp: Parameters<TrainingSession['restore']>[0]): void {
    const s = this.session;
    if (!s) {
      this.setState(this.state, 'Cannot resume: no experiment is loaded.');
      return;
    }
    try {
      s.restore(cp);
    } catch (err) {
      this.setState(this.state, `Cannot resume: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    this.pending = [];
    this.spectraDue = false;
    this.checkpointDue = false;
    this.setState(s.step >= (this.config?.steps ?? 0) ? 'done' : s.step > 0 ? 'paused' : 'ready');
  }

  private checkpointDue = false;
  private lastCheckpoint = 0;

  /** Send the session's whole state, after every report and evaluation before it. */
  private async checkpoint(s: TrainingSession): Promise<void> {
    this.checkpointDue = false;
    this.lastCheckpoint = now();
    const checkpoint = await s.snapshot();
    this.flush();
    const shard = this.lanes ? { lanes: s.laneIds, paramModels: s.paramModels } : undefined;
    this.post(shard ? { v: V, type: 'checkpoint', checkpoint, shard } : { v: V, type: 'checkpoint', checkpoint });
  }

  /** Ends every training loop, one started meanwhile too: before the session is rebuilt or restored. */
  private async stopAll(): Promise<void> {
    do await this.stop();
    while (this.loop);
  }

  /** Ends the training loop; a loop started meanwhile (a step sent on reading "paused") is kept. */
  private async stop(): Promise<void> {
    this.playing = false;
    const loop = this.loop;
    if (loop) await loop;
    if (this.loop === loop) this.loop = null;
  }

  private async runLoop(untilStep: number): Promise<void> {
    const s = this.session;
    const c = this.config;
    if (!s || !c) return;
    this.setState('running');
    this.rateWindow = { t: now(), step: s.step };
    this.lastCheckpoint = now();
    let outcome: RunOutcome = { status: 'stopped', step: s.step };
    // A sign of life whenever the thread is free (between steps): the page's watchdog counts on it.
    const heartbeat = setInterval(() => this.postStatus(null), HEARTBEAT_MS);
    try {
      while (this.playing && s.step < Math.min(untilStep, c.steps)) {
        const chunk = this.chunkSize(c);
        const started = now();
        outcome = await s.run(Math.min(untilStep, s.step + chunk), {
          onTrain: (r) => this.onTrain(r),
          onEval: (e) => this.onEval(s, e),
        }, () => !this.playing);
        await this.flushSpectra(s);
        if (outcome.status === 'diverged' || outcome.status === 'done') break;
        // A group's worker checkpoints only at evaluations (the same steps in every group), so the page can join them.
        const timeDue = this.lanes === null && now() - this.lastCheckpoint > CHECKPOINT_MS;
        if (this.checkpointDue || timeDue) await this.checkpoint(s);
        await this.throttle(chunk, now() - started);
      }
    } catch (err) {
      this.flush();
      this.fatal(`Training failed at step ${s.step}: ${describe(err)}`);
      return;
    } finally {
      clearInterval(heartbeat);
    }
    this.flush();
    this.playing = false;
    if (outcome.status !== 'diverged' && s.step < c.steps && s.step > 0) await this.checkpoint(s);
    if (outcome.status === 'diverged') this.setState('diverged', outcome.message);
    else if (s.step >= c.steps) this.setState('done');
    else this.setState('paused');
  }

  private spectraDue = false;

  private onEval(s: TrainingSession, e: EvalResult): void {
    this.post({ v: V, type: 'eval', step: e.step, mse: e.mse, rel: e.rel, byT: e.byT });
    this.spectraDue = s.plan.lanes.some((l) => l.model === 'transformer');
    this.checkpointDue = true;
  }

  /** Spectra are computed between run() chunks, after an evaluation asked for them. */
  private async flushSpectra(s: TrainingSession): Promise<void> {
    if (!this.spectraDue) return;
    this.spectraDue = false;
    const spectra = await logitSpectra(s);
    if (spectra) this.post({ v: V, type: 'spectra', spectra });
  }

  /** Steps per run() call: a log interval, or fewer when the speed is limited. */
  private chunkSize(c: ExperimentConfig): number {
    if (this.stepsPerSecondLimit > 0) return Math.max(1, Math.min(c.logEvery, Math.round(this.stepsPerSecondLimit / 10)));
    return c.logEvery;
  }

  private async throttle(steps: number, tookMs: number): Promise<void> {
    if (this.stepsPerSecondLimit <= 0) return;
    const wantMs = (1000 * steps) / this.stepsPerSecondLimit;
    if (wantMs > tookMs) await new Promise((r) => setTimeout(r, wantMs - tookMs));
  }

  private onTrain(r: TrainReport): void {
    this.pending.push(r);
    const t = now();
    if (t - this.rateWindow.t > 500) {
      this.rate = ((r.step - this.rateWindow.step) * 1000) / (t - this.rateWindow.t);
      this.rateWindow = { t, step: r.step };
    }
    if (t - this.lastFlush >= FLUSH_MS) this.flush();
  }

  private flush(): void {
    this.lastFlush = now();
    if (this.pending.length > 0) {
      const L = this.pending[0]?.laneLoss.length ?? 0;
      const steps = Int32Array.from(this.pending, (r) => r.step);
      const loss = new Float32Array(this.pending.length * L);
      this.pending.forEach((r, i) => loss.set(r.laneLoss, i * L));
      this.pending = [];
      this.post({ v: V, type: 'train', steps, loss });
    }
    this.postStatus(null);
  }

  private setState(state: RunState, message: string | null = null): void {
    this.state = state;
    this.postStatus(message);
  }

  private postStatus(message: string | null): void {
    this.post({
      v: V,
      type: 'status',
      state: this.state,
      step: this.session?.step ?? 0,
      stepsPerSecond: this.rate,
      tensors: tf.memory().numTensors,
      message,
    });
  }
}

function now(): number {
  return performance.now();
}
