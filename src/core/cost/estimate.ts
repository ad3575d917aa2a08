/**
 * A run's cost before it starts (docs/cost-model.md): the plan's lanes split into the workers'
 * groups as the app and runner split them, each group's memory (each worker has its own heap, so the
 * limit applies to the largest group), the whole run's work, and, when a limit is exceeded, the
 * refusal with the field to change.
 */
import type { ExperimentConfig } from '../config/types';
import { planGroups } from '../train/groups';
import { planLanes } from '../train/plan';
import type { Lane } from '../train/plan';
import { backendLimits } from './limits';
import type { BackendLimits, GpuBufferLimits } from './limits';
import { estimateMemory, kernelFamily } from './memory';
import type { MemoryEstimate } from './memory';
import { estimateWork } from './work';
import type { WorkEstimate } from './work';

export interface RunEstimate {
  readonly backend: string;
  readonly lanes: number;
  /** Workers (lane groups) the run is split into. */
  readonly workers: number;
  /** The memory of the group that needs most (what one worker's heap must hold). */
  readonly worker: MemoryEstimate;
  /** Every worker's peak, added up. */
  readonly totalBytes: number;
  /** The whole run's work. */
  readonly work: WorkEstimate;
  /** The work of the group with most: the run lasts as long as its slowest worker. */
  readonly slowestWork: WorkEstimate;
  readonly limits: BackendLimits;
}

export interface EstimateOptions {
  /** tfjs backend the run trains on ('wasm', 'cpu', 'webgpu', 'webgl'). */
  readonly backend: string;
  /** Workers the run is split into (already resolved from config.workers and the machine's cores). */
  readonly workers: number;
  readonly gpu?: GpuBufferLimits | null;
  /** Bytes the cpu backend may use (the runner passes part of the machine's memory), if known. */
  readonly systemBytes?: number | null;
}

export function estimateRun(c: ExperimentConfig, o: EstimateOptions): RunEstimate {
  const lanes = planLanes(c);
  const groups = planGroups(c, lanes, o.workers);
  const batched = o.backend === 'webgpu' || o.backend === 'webgl';
  const family = kernelFamily(o.backend);
  const members = (g: readonly number[]): Lane[] => g.map((i) => lanes[i] as Lane);
  const memories = groups.map((g) => estimateMemory(c, lanes, members(g), family, batched));
  const works = groups.map((g) => estimateWork(c, lanes, members(g), batched));
  const empty = estimateMemory(c, lanes, [], family, batched);
  const worker = memories.reduce((a, m) => (m.peak > a.peak ? m : a), empty);
  const slowestWork = works.reduce((a, w) => (w.total > a.total ? w : a), estimateWork(c, lanes, [], batched));
  return {
    backend: o.backend,
    lanes: lanes.length,
    workers: groups.length,
    worker,
    totalBytes: memories.reduce((n, m) => n + m.peak, 0),
    work: estimateWork(c, lanes, lanes, batched),
    slowestWork,
    limits: backendLimits(o.backend, o.gpu, o.systemBytes),
  };
}

/** Whether the estimate is within its backend's limits. */
export function fits(e: RunEstimate): boolean {
  const { totalBytes, bufferBytes } = e.limits;
  return (totalBytes === null || e.worker.peak <= totalBytes) && (bufferBytes === null || e.worker.largestTensor <= bufferBytes);
}
