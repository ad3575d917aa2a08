import { createStore } from 'zustand/vanilla';
import type { LogitSpectra, TargetSpectra } from '../core/results';
import type { SessionCheckpoint } from '../core/train';
import type { BackendInfo, LaneInfo, RunState, TargetInfo, WorkerEvent } from '../worker/protocol';
import { migrateMetrics } from './history/migrate';
import type { StoredMetrics } from './history/migrate';

export interface EvalPoint {
  readonly step: number;
  readonly mse: Float64Array;
  readonly rel: Float64Array;
  /** MSE at each output position, [lanes × τ]; empty in records made before it was kept (history/migrate.ts). */
  readonly byT: Float64Array;
}

/** Streamed metrics; arrays grow in place and `revision` counts changes (plots subscribe to it). */
export interface Metrics {
  readonly trainSteps: number[];
  /** Per lane, the mean train MSE at each of trainSteps. */
  readonly trainLoss: number[][];
  readonly evals: EvalPoint[];
  /** Learned logit spectra and mean attention at every evaluation (the scrubber replays them). */
  readonly spectra: LogitSpectra[];
}

export interface RunStoreState {
  readonly state: RunState | 'idle';
  readonly step: number;
  readonly totalSteps: number;
  readonly stepsPerSecond: number;
  readonly tensors: number;
  readonly message: string | null;
  readonly backend: BackendInfo | null;
  /** The run's plan as the worker sent it: its lanes and its targets (core's planInfo). */
  readonly lanes: readonly LaneInfo[];
  readonly targets: readonly TargetInfo[];
  /** The lanes each training worker trains (one group per worker). */
  readonly workerGroups: readonly (readonly number[])[];
  readonly targetVariance: readonly number[];
  /** Each target's own coupling spectra (null for memory targets). */
  readonly targetSpectra: readonly (TargetSpectra | null)[];
  readonly metrics: Metrics;
  readonly revision: number;
  /** Things the user should know that are not errors of the config (worker restarts etc.). */
  readonly notices: readonly string[];
  /** The worker's latest checkpoint of the session (the run history stores it). */
  readonly checkpoint: SessionCheckpoint | null;
  /**
   * The worker training this run failed and was replaced (until training runs again): the run
   * history keeps the interrupted run resumable from its last checkpoint rather than ending it.
   */
  readonly interrupted: boolean;
  apply(e: WorkerEvent): void;
  /** Show a kept run: its lanes, targets and metrics (copied in by the run history). */
  loadRecord(r: RecordedRun): void;
  clearMetrics(): void;
  notify(message: string): void;
  /** Replace notice `previous` (if still shown) by `message`, or add it. */
  replaceNotice(previous: string | null, message: string): void;
  markInterrupted(): void;
  dismissNotice(index: number): void;
}

/** What a kept run brings back into the store (metrics of any age: loadRecord migrates them). */
export interface RecordedRun {
  readonly lanes: readonly LaneInfo[];
  readonly totalSteps: number;
  readonly targetVariance: readonly number[];
  readonly targetSpectra: readonly (TargetSpectra | null)[];
  readonly metrics: StoredMetrics;
}

const emptyMetrics = (lanes: number): Metrics => ({
  trainSteps: [],
  trainLoss: Array.from({ length: lanes }, () => []),
  evals: [],
  spectra: [],
});

/** The non-persisted store of one run's streamed state. */
export function createRunStore() {
  return createStore<RunStoreState>()((set, get) => ({
    state: 'idle',
    step: 0,
    totalSteps: 0,
    stepsPerSecond: 0,
    tensors: 0,
    message: null,
    backend: null,
    lanes: [],
    targets: [],
    workerGroups: [],
    targetVariance: [],
    targetSpectra: [],
    metrics: emptyMetrics(0),
    revision: 0,
    notices: [],
    checkpoint: null,
    interrupted: false,
    apply(e) {
      switch (e.type) {
        case 'backend':
          set({ backend: e.info });
          return;
        case 'plan':
          set({
            lanes: e.lanes,
            targets: e.targets,
            workerGroups: e.groups ?? [e.lanes.map((_, i) => i)],
            totalSteps: e.steps,
            targetVariance: e.targetVariance,
            metrics: emptyMetrics(e.lanes.length),
            revision: get().revision + 1,
          });
          return;
        case 'train': {
          const m = get().metrics;
          const L = m.trainLoss.length;
          e.steps.forEach((step, i) => {
            m.trainSteps.push(step);
            for (let l = 0; l < L; l++) m.trainLoss[l]?.push(e.loss[i * L + l] as number);
          });
          set({ revision: get().revision + 1 });
          return;
        }
        case 'eval':
          get().metrics.evals.push({ step: e.step, mse: e.mse, rel: e.rel, byT: e.byT });
          set({ revision: get().revision + 1 });
          return;
        case 'spectra':
          get().metrics.spectra.push(e.spectra);
          set({ revision: get().revision + 1 });
          return;
        case 'target-spectra':
          set({ targetSpectra: e.targets, revision: get().revision + 1 });
          return;
        case 'status':
          set({
            state: e.state,
            step: e.step,
            stepsPerSecond: e.stepsPerSecond,
            tensors: e.tensors,
            ...(e.message !== null || e.state !== 'running' ? { message: e.message } : {}),
            ...(e.state === 'running' ? { interrupted: false } : {}),
          });
          return;
        case 'fatal':
          set({ state: 'error', message: e.message });
          return;
        case 'checkpoint':
          set({ checkpoint: e.checkpoint });
          return;
      }
    },
    loadRecord(r) {
      const { lanes, totalSteps, targetVariance, targetSpectra } = r;
      set({ lanes, totalSteps, targetVariance, targetSpectra, metrics: migrateMetrics(r.metrics), revision: get().revision + 1 });
    },
    clearMetrics() {
      set({ metrics: emptyMetrics(get().lanes.length), revision: get().revision + 1 });
    },
    notify(message) {
      set({ notices: [...get().notices, message] });
    },
    replaceNotice(previous, message) {
      set({ notices: [...get().notices.filter((n) => n !== previous), message] });
    },
    markInterrupted() {
      set({ interrupted: true });
    },
    dismissNotice(index) {
      set({ notices: get().notices.filter((_, i) => i !== index) });
    },
  }));
}

export type RunStore = ReturnType<typeof createRunStore>;
