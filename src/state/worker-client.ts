import type { ExperimentConfig } from '../core/config';
import type { SessionCheckpoint } from '../core/train';
import { isWorkerEvent, PROTOCOL_VERSION } from '../worker/protocol';
import type { Command } from '../worker/protocol';
import type { RunStore } from './run-store';
import { ShardedWorker, workerGroups } from './sharded-worker';
import type { WorkerPort } from './sharded-worker';

const V = PROTOCOL_VERSION;

export interface TrainingClient {
  load(config: ExperimentConfig): void;
  play(): void;
  pause(): void;
  step(steps: number): void;
  reset(): void;
  speed(stepsPerSecond: number): void;
  /** Put the loaded session back to a checkpoint of the same config (resume). */
  restore(checkpoint: SessionCheckpoint): void;
  /**
   * After the next plan from the worker (a load or reset just sent), run `show` to fill the run store
   * with a kept run; its curves stay until training starts again.
   */
  showAfterPlan(show: () => void): void;
  /** Ends the current worker (tests and teardown). */
  terminate(): void;
  /** Fault injection for tests: make the worker crash. */
  simulateCrash(): void;
}

/**
 * The page side of the training worker: one listener per worker lifetime; a crash or a lost WebGPU
 * device is reported, a fresh worker is started with the same config, and the curves drawn so far stay.
 * A run whose lanes split into several groups (config.workers, `cores`) gets one worker per group
 * behind a ShardedWorker, which looks like one worker from here.
 */
export function createTrainingClient(run: RunStore, makeWorker: () => Worker, cores?: number): TrainingClient {
  let worker: WorkerPort | null = null;
  /** Workers behind `worker`. */
  let workerCount = 0;
  let config: ExperimentConfig | null = null;
  let speedLimit = 0;
  /** After a restart the old curves stay on screen until training starts again (from step 0). */
  let keptCurves = false;
  let pendingShow: (() => void) | null = null;

  const send = (cmd: Command): void => worker?.postMessage(cmd);
  const clearKept = (): void => {
    if (!keptCurves) return;
    keptCurves = false;
    run.getState().clearMetrics();
  };

  const restart = (why: string): void => {
    worker?.terminate();
    worker = null;
    keptCurves = run.getState().metrics.trainSteps.length > 0;
    run.getState().notify(`${why} A fresh worker was started; the curves so far are kept. Press Play to train again from step 0.`);
    spawn();
  };

  const groupCount = (c: ExperimentConfig | null): number => (c ? Math.max(1, workerGroups(c, cores).length) : 1);

  const spawn = (): void => {
    workerCount = groupCount(config);
    const w: WorkerPort = config && workerCount > 1 ? new ShardedWorker(workerGroups(config, cores), cores, makeWorker) : makeWorker();
    worker = w;
    w.addEventListener('message', (event: Event) => {
      const ev = event as MessageEvent<unknown>;
      if (w !== worker || !isWorkerEvent(ev.data)) return;
      const e = ev.data;
      if (e.type === 'fatal') {
        run.getState().apply(e);
        restart(`The training worker stopped: ${e.message}.`);
        return;
      }
      if (e.type === 'plan' && pendingShow) {
        const show = pendingShow;
        pendingShow = null;
        run.getState().apply(e);
        show();
        keptCurves = true;
        return;
      }
      if (e.type === 'plan' && run.getState().metrics.trainSteps.length > 0 && run.getState().lanes.length === e.lanes.length) {
        // A restarted worker re-plans the same experiment: keep the curves already drawn.
        return;
      }
      run.getState().apply(e);
    });
    w.addEventListener('error', (event: Event) => {
      const ev = event as ErrorEvent;
      if (w !== worker) return;
      ev.preventDefault();
      restart(`The training worker crashed (${ev.message || 'unknown error'}).`);
    });
    if (config) send({ v: V, type: 'load', config });
    if (speedLimit > 0) send({ v: V, type: 'speed', stepsPerSecond: speedLimit });
  };

  return {
    load(c) {
      config = c;
      keptCurves = false;
      pendingShow = null;
      run.getState().clearMetrics();
      if (worker && groupCount(c) !== workerCount) {
        worker.terminate(); // a different number of workers: start them afresh
        worker = null;
      }
      if (!worker) spawn();
      else send({ v: V, type: 'load', config: c });
    },
    play() {
      clearKept();
      send({ v: V, type: 'play' });
    },
    pause: () => send({ v: V, type: 'pause' }),
    step(steps) {
      clearKept();
      send({ v: V, type: 'step', steps });
    },
    reset() {
      pendingShow = null;
      run.getState().clearMetrics();
      send({ v: V, type: 'reset' });
    },
    speed(stepsPerSecond) {
      speedLimit = stepsPerSecond;
      send({ v: V, type: 'speed', stepsPerSecond });
    },
    restore(checkpoint) {
      send({ v: V, type: 'restore', checkpoint });
    },
    showAfterPlan(show) {
      pendingShow = show;
    },
    terminate() {
      worker?.terminate();
      worker = null;
    },
    simulateCrash: () => send({ v: V, type: 'crash' }),
  };
}
