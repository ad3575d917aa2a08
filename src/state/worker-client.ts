import type { ExperimentConfig } from '../core/config';
import { estimateRun, stallSeconds } from '../core/cost';
import type { SessionCheckpoint } from '../core/train';
import { isWorkerEvent, PROTOCOL_VERSION } from '../worker/protocol';
import type { Command, CrashMode } from '../worker/protocol';
import { MAX_RESTARTS, RestartPolicy } from './restart-policy';
import type { RunStore } from './run-store';
import { ShardedWorker, workerGroups } from './sharded-worker';
import type { WorkerPort } from './sharded-worker';
import { watchWorker } from './watchdog';
import type { Watch } from './watchdog';

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
  /** Fault injection for tests: make the worker crash ('throw'), spin forever ('hang') or run out of memory ('oom'). */
  simulateCrash(mode?: CrashMode): void;
}

/** Test-only settings (end-to-end tests set them through the page, see src/main.tsx). */
export interface ClientOptions {
  /** Silence while running after which a worker counts as hung (default: from the cost model). */
  readonly hangMs?: number;
  /** Build runs the cost model refuses (to meet a real out-of-memory). */
  readonly skipMemoryCheck?: boolean;
}

/**
 * The page side of the training worker: one listener per worker lifetime. A worker that crashes,
 * reports a fatal error (an out-of-memory, a wasm abort, a lost WebGPU device) or hangs (no sign of
 * life for longer than its run's estimate allows, src/state/watchdog.ts) is ended and a fresh one
 * started with the same config, after a back-off; the curves drawn so far stay, and the run's last
 * checkpoint is offered by the run history. After MAX_RESTARTS failures in a row it stops with one
 * message (src/state/restart-policy.ts). A run whose lanes split into several groups (config.workers,
 * `cores`) gets one worker per group behind a ShardedWorker, which looks like one worker from here;
 * each of its workers is watched on its own.
 */
export function createTrainingClient(run: RunStore, makeWorker: () => Worker, cores?: number, options: ClientOptions = {}): TrainingClient {
  let worker: WorkerPort | null = null;
  /** Workers behind `worker`. */
  let workerCount = 0;
  let config: ExperimentConfig | null = null;
  let speedLimit = 0;
  /** After a restart the old curves stay on screen until training starts again (from step 0). */
  let keptCurves = false;
  let pendingShow: (() => void) | null = null;
  const policy = new RestartPolicy();
  let restartTimer: ReturnType<typeof setTimeout> | null = null;
  let watches: Watch[] = [];
  /** The last restart notice, replaced by the next one (one on screen at a time). */
  let restartNotice: string | null = null;

  const send = (cmd: Command): void => worker?.postMessage(cmd);
  const clearKept = (): void => {
    if (!keptCurves) return;
    keptCurves = false;
    run.getState().clearMetrics();
  };

  const hangMs = (): number => {
    if (options.hangMs !== undefined) return options.hangMs;
    if (!config) return Infinity;
    return 1000 * stallSeconds(estimateRun(config, { backend: run.getState().backend?.chosen ?? 'wasm', workers: Math.max(1, workerCount) }));
  };

  const stopWorker = (): void => {
    for (const w of watches) w.stop();
    watches = [];
    if (restartTimer !== null) clearTimeout(restartTimer);
    restartTimer = null;
    worker?.terminate();
    worker = null;
  };

  const notice = (message: string): void => {
    run.getState().replaceNotice(restartNotice, message);
    restartNotice = message;
  };

  const restart = (why: string): void => {
    stopWorker();
    keptCurves = run.getState().metrics.trainSteps.length > 0;
    run.getState().markInterrupted();
    const wait = policy.failed();
    if (wait === null) {
      const message = `${why} The training worker failed ${MAX_RESTARTS + 1} times in a row, so no new one was started. Change the experiment, or reload the page, to try again.`;
      notice(message);
      run.getState().apply({ v: V, type: 'fatal', message });
      return;
    }
    notice(`${why} A fresh worker was started (restart ${policy.inARow} of at most ${MAX_RESTARTS} in a row); the curves so far are kept, and the run history offers its last checkpoint.`);
    restartTimer = setTimeout(() => {
      restartTimer = null;
      spawn();
    }, wait);
  };

  const groupCount = (c: ExperimentConfig | null): number => (c ? Math.max(1, workerGroups(c, cores).length) : 1);

  /** A raw worker, watched for hangs. */
  const watchedWorker = (): Worker => {
    const w = makeWorker();
    watches.push(watchWorker(w, hangMs, (silent) => restart(`The training worker made no progress for ${Math.round(silent / 1000)} s while running.`)));
    return w;
  };

  const loadCommand = (c: ExperimentConfig): Command => ({ v: V, type: 'load', config: c, ...(options.skipMemoryCheck ? { skipMemoryCheck: true } : {}) });

  const spawn = (): void => {
    workerCount = groupCount(config);
    const w: WorkerPort = config && workerCount > 1 ? new ShardedWorker(workerGroups(config, cores), cores, watchedWorker) : watchedWorker();
    worker = w;
    w.addEventListener('message', (event: Event) => {
      const ev = event as MessageEvent<unknown>;
      if (w !== worker || !isWorkerEvent(ev.data)) return;
      const e = ev.data;
      if (e.type === 'fatal') {
        restart(`The training worker stopped: ${e.message}.`);
        return;
      }
      if (e.type === 'status' && e.state !== 'starting' && e.state !== 'error') policy.succeeded();
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
    if (config) send(loadCommand(config));
    if (speedLimit > 0) send({ v: V, type: 'speed', stepsPerSecond: speedLimit });
  };

  return {
    load(c) {
      config = c;
      keptCurves = false;
      pendingShow = null;
      policy.succeeded(); // the user asked for this experiment: a fresh count of failures
      run.getState().clearMetrics();
      if (worker && groupCount(c) !== workerCount) stopWorker(); // a different number of workers: start them afresh
      if (!worker) {
        if (restartTimer !== null) clearTimeout(restartTimer);
        restartTimer = null;
        spawn();
      } else send(loadCommand(c));
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
      keptCurves = false; // the curves shown now are the resumed run's
      send({ v: V, type: 'restore', checkpoint });
    },
    showAfterPlan(show) {
      pendingShow = show;
    },
    terminate() {
      stopWorker();
    },
    simulateCrash: (mode = 'throw') => send({ v: V, type: 'crash', mode }),
  };
}
