/** One training step under tf.profile: the kernels it runs, their wall times and shapes. */
import * as tf from '@tensorflow/tfjs-core';

type ProfileInfo = Awaited<ReturnType<typeof tf.profile>>;

export interface KernelRecord {
  readonly name: string;
  /** Wall time of the kernel call (cpu and wasm run kernels synchronously, so this is its cost). */
  readonly ms: number;
  readonly inputShapes: ReadonlyArray<readonly number[] | null>;
  readonly outputShapes: ReadonlyArray<readonly number[]>;
}

export interface KernelGroup {
  readonly name: string;
  readonly count: number;
  readonly ms: number;
}

export interface StepProfile {
  /** Backend kernels run by the step (tfjs also records op scopes such as customGrad's "forward"
   * around nested kernels; those are not kernels and are left out, or times would count twice). */
  readonly kernels: readonly KernelRecord[];
  /** Sum of the kernels' wall times, ms. */
  readonly kernelMs: number;
  /** Wall time of the profiled step, ms (profiling adds some overhead). */
  readonly wallMs: number;
  readonly newTensors: number;
  readonly peakBytes: number;
  /** Kernels grouped by name, most expensive first. */
  readonly byName: readonly KernelGroup[];
}

function record(k: ProfileInfo['kernels'][number]): KernelRecord {
  const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : Number.NaN;
  return { name: k.name, ms, inputShapes: k.inputShapes, outputShapes: k.outputShapes };
}

/** Profile `step` (one training step) on the current backend. */
export async function profileStep(step: () => Promise<void>): Promise<StepProfile> {
  const backend = tf.getBackend();
  const t0 = performance.now();
  const info = await tf.profile(step);
  const wallMs = performance.now() - t0;
  const kernels = info.kernels.filter((k) => tf.getKernel(k.name, backend) !== undefined).map(record);
  const groups = new Map<string, { count: number; ms: number }>();
  for (const k of kernels) {
    const g = groups.get(k.name) ?? { count: 0, ms: 0 };
    g.count += 1;
    g.ms += k.ms;
    groups.set(k.name, g);
  }
  const byName = [...groups].map(([name, g]) => ({ name, ...g })).sort((a, b) => b.ms - a.ms);
  return {
    kernels,
    kernelMs: kernels.reduce((s, k) => s + k.ms, 0),
    wallMs,
    newTensors: info.newTensors,
    peakBytes: info.peakBytes,
    byName,
  };
}

/** The most expensive kernel calls with their shapes, e.g. for "which Unpack is slow". */
export function slowestCalls(p: StepProfile, count: number): readonly KernelRecord[] {
  return [...p.kernels].sort((a, b) => b.ms - a.ms).slice(0, count);
}
