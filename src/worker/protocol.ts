/**
 * The typed, versioned message protocol between the page and the training worker. Types and
 * constants only: importable from any layer.
 */
import type { ExperimentConfig, ModelKind } from '../core/config';
import type { LogitSpectra, TargetSpectra } from '../core/results';
import type { LaneInfo, SessionCheckpoint, TargetInfo } from '../core/train';

export type { LaneInfo, TargetInfo } from '../core/train';

export const PROTOCOL_VERSION = 1;

export type BackendName = 'webgpu' | 'wasm' | 'webgl' | 'cpu';

/** One backend the worker tried, and what happened. */
export interface BackendAttempt {
  readonly name: BackendName;
  readonly ok: boolean;
  /** Why it was skipped or failed, or a note (e.g. "software adapter"). */
  readonly reason: string;
}

export interface BackendInfo {
  readonly chosen: BackendName;
  /** Whether the user forced it (config.backend) or auto-selection picked it. */
  readonly forced: boolean;
  readonly attempts: readonly BackendAttempt[];
  /** A WebGPU adapter that is a software rasteriser (isFallbackAdapter). */
  readonly fallbackAdapter: boolean;
  /** Max relative difference of the WebGPU self-test against cpu, when it ran. */
  readonly selfTestError: number | null;
  /** The race of WebGPU against wasm on this experiment's step (fastest first), when it ran. */
  readonly race?: readonly RaceEntry[];
  /** Whether the race result came from the cache (same device, same work size). */
  readonly raceCached?: boolean;
}

/** One candidate's time in a backend race (src/worker/race.ts). */
export interface RaceEntry {
  readonly name: BackendName;
  /** Mean wall time of one training step after warm-up; Infinity if the backend failed. */
  readonly msPerStep: number;
  readonly steps: number;
}

export type RunState = 'starting' | 'ready' | 'running' | 'paused' | 'done' | 'diverged' | 'error';

// ---- page → worker ----
export type Command =
  /**
   * Build the experiment's session. `lanes`: train only these lanes of the run (indices into its
   * plan), as one of several workers whose events the page joins (src/worker/shard-coordinator.ts).
   */
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'load';
      readonly config: ExperimentConfig;
      readonly lanes?: readonly number[];
      /** Workers the run is split into (the cost model's memory check is per worker); 1 when absent. */
      readonly workers?: number;
      /** Tests only: build the run even when the cost model says it does not fit (to meet a real out-of-memory). */
      readonly skipMemoryCheck?: boolean;
    }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'play' }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'pause' }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'step'; readonly steps: number }
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'reset' }
  /** Limit training speed: 0 = as fast as possible, else at most this many steps per second. */
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'speed'; readonly stepsPerSecond: number }
  /** Put the loaded experiment's session back to a checkpoint of the same config (resume after a reload). */
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'restore'; readonly checkpoint: SessionCheckpoint }
  /**
   * Fault injection for tests: 'throw' (default) — an uncaught error, as a real crash; 'hang' — the
   * worker's thread spins forever, as a step that never ends; 'oom' — the worker allocates tensors
   * until its backend really runs out of memory.
   */
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'crash'; readonly mode?: CrashMode };

/** How a test makes a worker fail (the 'crash' command). */
export type CrashMode = 'throw' | 'hang' | 'oom';

// ---- worker → page ----
export type WorkerEvent =
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'backend'; readonly info: BackendInfo }
  /** The run's plan as the worker trains it (core's planInfo): the page renders it without planning again. */
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'plan';
      readonly lanes: readonly LaneInfo[];
      readonly targets: readonly TargetInfo[];
      readonly steps: number;
      /** Var(y) of each target on the evaluation set. */
      readonly targetVariance: readonly number[];
      /** The lane groups of a run trained by several workers, one group per worker (absent: one worker). */
      readonly groups?: readonly (readonly number[])[];
    }
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'train';
      /** Steps of the reports in this batch: [k] */
      readonly steps: Int32Array;
      /** Mean train MSE per lane since the previous report: [k × lanes], row-major. */
      readonly loss: Float32Array;
    }
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'eval';
      readonly step: number;
      readonly mse: Float64Array;
      readonly rel: Float64Array;
      /** MSE at each output position: [lanes × τ], lane-major. */
      readonly byT: Float64Array;
    }
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'status';
      readonly state: RunState;
      readonly step: number;
      readonly stepsPerSecond: number;
      readonly tensors: number;
      readonly message: string | null;
    }
  /** Learned attention-logit spectra of the Transformer lanes and their mean attention, at every evaluation. */
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'spectra'; readonly spectra: LogitSpectra }
  /** Each target's own coupling spectra (null for memory targets), once per plan. */
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'target-spectra'; readonly targets: readonly (TargetSpectra | null)[] }
  /**
   * The whole training state, sent after an evaluation (or CHECKPOINT_MS after the last one) and when
   * training pauses; every train/eval/spectra event up to its step was sent before it.
   */
  | {
      readonly v: typeof PROTOCOL_VERSION;
      readonly type: 'checkpoint';
      readonly checkpoint: SessionCheckpoint;
      /** From a worker training a group of lanes: where its checkpoint's parts belong in the run's. */
      readonly shard?: { readonly lanes: readonly number[]; readonly paramModels: readonly ModelKind[] };
    }
  /** Unrecoverable in this worker (e.g. WebGPU device lost): the page should start a fresh one. */
  | { readonly v: typeof PROTOCOL_VERSION; readonly type: 'fatal'; readonly message: string };

/** While training, a worker sends its status at least this often (when its thread is free): the page's sign of life. */
export const HEARTBEAT_MS = 1_000;

/** At most this long between two checkpoints while training (an evaluation also sends one). */
export const CHECKPOINT_MS = 10_000;

export type CommandType = Command['type'];
export type WorkerEventType = WorkerEvent['type'];

/** Whether untrusted message data is a message of this protocol version: an object with `v` and a string `type`. */
function isMessage(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as { v?: unknown; type?: unknown };
  return d.v === PROTOCOL_VERSION && typeof d.type === 'string';
}

/** Narrow untrusted MessageEvent data to a WorkerEvent of this protocol version (the page's side). */
export const isWorkerEvent = (data: unknown): data is WorkerEvent => isMessage(data);

/** Narrow untrusted MessageEvent data to a Command of this protocol version (the worker's side). */
export const isCommand = (data: unknown): data is Command => isMessage(data);
