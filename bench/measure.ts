/**
 * Time TrainingSession steps of one configuration on the current backend, in its layout (split on
 * wasm and cpu, batched on webgpu): warm-up, a timed window (one step per run() call, each timed; a
 * fence read at the end so queued work is counted), one profiled step, and tensor counts around it
 * all. A GPU backend only queues a step's kernels, so there every timed step ends with a fence read.
 */
import * as tf from '@tensorflow/tfjs-core';
import { decodeConfig } from '../src/core/config/codec';
import type { ExperimentConfig } from '../src/core/config/types';
import { planExperiment } from '../src/core/train/plan';
import { TrainingSession } from '../src/core/train/session';
import { layoutForBackend } from '../src/core/models/layout';
import { analyticStepFlops, profiledMatmulFlops } from './flops';
import type { FlopBreakdown } from './flops';
import { profileStep, slowestCalls } from './profile';
import type { KernelGroup, KernelRecord } from './profile';
import { median } from './stats';

export interface BenchCase {
  readonly label: string;
  /** Share link of the configuration (src/core/config/schema.ts keys). */
  readonly link: string;
  /** Train only this architecture's lanes of the run (a worker group's session); all lanes by default. */
  readonly model?: 'transformer' | 'rnn';
}

export interface CaseResult {
  readonly label: string;
  readonly link: string;
  readonly backend: string;
  readonly lanes: number;
  readonly warmupSteps: number;
  readonly timedSteps: number;
  /** Median wall time of one step of the timed window, ms. */
  readonly msPerStep: number;
  readonly msPerLane: number;
  /** Mean over the timed window including the closing fence read, ms. */
  readonly msPerStepMean: number;
  /**
   * Median and least CPU time of this process per timed step, ms (process.cpuUsage). The wasm and
   * cpu backends compute on this thread, so on a shared machine this moves less than wall time.
   */
  readonly cpuMsPerStep: number;
  readonly cpuMsPerStepMin: number;
  readonly msPerStepMin: number;
  readonly msPerStepMax: number;
  readonly flops: FlopBreakdown;
  /** Matmul FLOPs of the profiled step read from its kernels' shapes (cross-check of `flops`). */
  readonly profiledMatmulFlops: number;
  /** Analytic matmul FLOPs / median step time. */
  readonly gflops: number;
  readonly kernelsPerStep: number;
  readonly kernelMs: number;
  readonly profiledStepMs: number;
  readonly peakMB: number;
  readonly topKernels: readonly KernelGroup[];
  readonly slowestCalls: readonly KernelRecord[];
  /** tf.memory().numTensors after the warm-up, after the timed window, and new in the profiled step. */
  readonly tensorsBefore: number;
  readonly tensorsAfter: number;
  readonly tensorsNewInProfiledStep: number;
  /** Tensors left after session.dispose() beyond those present before the session was made. */
  readonly tensorsLeftAfterDispose: number;
}

export interface TimingPlan {
  /** Timed window budget, ms: the step count is budget / (warm-up step time), clamped. */
  readonly budgetMs: number;
  readonly minSteps: number;
  readonly maxSteps: number;
  /** Warm-up: at least this many steps and this long, at most maxWarmup steps. */
  readonly minWarmup: number;
  readonly minWarmupMs: number;
  readonly maxWarmup: number;
}

/** Decode a link, refusing any problem (an unknown key would silently train the defaults). */
export function benchConfig(link: string): ExperimentConfig {
  const { config, problems } = decodeConfig(link);
  if (problems.length > 0) {
    throw new Error(`bench config "${link}":\n${problems.map((p) => `  ${p.severity}: ${p.message}`).join('\n')}`);
  }
  return config;
}

/** Wait for all queued work: a tiny kernel enqueued after it, read back (in-order backends). */
async function fence(): Promise<void> {
  const t = tf.tidy(() => tf.add(tf.scalar(0), 1));
  await t.data();
  t.dispose();
}

/** Build the session, time it, dispose it, and check that disposing freed every tensor it made. */
export async function measureCase(bench: BenchCase, plan: TimingPlan, log: (line: string) => void): Promise<CaseResult> {
  const config = benchConfig(bench.link);
  const baseTensors = tf.memory().numTensors;
  const laneIds = bench.model ? planExperiment(config).lanes.flatMap((l, i) => (l.model === bench.model ? [i] : [])) : undefined;
  const session = new TrainingSession(config, layoutForBackend(tf.getBackend()), laneIds);
  let result: Omit<CaseResult, 'tensorsLeftAfterDispose'>;
  try {
    result = await timeSession(session, config, bench, plan, log);
  } finally {
    session.dispose();
  }
  return { ...result, tensorsLeftAfterDispose: tf.memory().numTensors - baseTensors };
}

async function timeSession(
  session: TrainingSession,
  config: ExperimentConfig,
  bench: BenchCase,
  plan: TimingPlan,
  log: (line: string) => void,
): Promise<Omit<CaseResult, 'tensorsLeftAfterDispose'>> {
  const heads = session.plan.lanes.map((l) => l.mH);
  const queued = tf.getBackend() === 'webgpu' || tf.getBackend() === 'webgl';
  const oneStep = async (): Promise<void> => {
    await session.run(session.step + 1, {});
  };
  const step = async (): Promise<void> => {
    await oneStep();
    if (queued) await fence(); // the step's kernels have run when it returns
  };

  let warmup = 0;
  let lastMs = 0;
  const warmStart = performance.now();
  while (warmup < plan.maxWarmup && (warmup < plan.minWarmup || performance.now() - warmStart < plan.minWarmupMs)) {
    const t = performance.now();
    await step();
    await fence();
    lastMs = performance.now() - t;
    warmup += 1;
  }
  const timed = Math.max(plan.minSteps, Math.min(plan.maxSteps, Math.round(plan.budgetMs / Math.max(lastMs, 1e-3))));
  log(`  ${bench.label}: ${session.laneCount} lane(s), warm-up ${warmup} steps (last ${lastMs.toFixed(1)} ms), timing ${timed} steps`);

  const tensorsBefore = tf.memory().numTensors;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const windowStart = performance.now();
  for (let i = 0; i < timed; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await step();
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  await fence();
  const windowMs = performance.now() - windowStart;
  const tensorsAfter = tf.memory().numTensors;

  const profile = await profileStep(oneStep);
  const flops = analyticStepFlops(config, heads, layoutForBackend(tf.getBackend()));
  const msPerStep = median(times);
  return {
    label: bench.label,
    link: bench.link,
    backend: tf.getBackend(),
    lanes: session.laneCount,
    warmupSteps: warmup,
    timedSteps: timed,
    msPerStep,
    msPerLane: msPerStep / session.laneCount,
    msPerStepMean: windowMs / timed,
    cpuMsPerStep: median(cpuTimes),
    cpuMsPerStepMin: Math.min(...cpuTimes),
    msPerStepMin: Math.min(...times),
    msPerStepMax: Math.max(...times),
    flops,
    profiledMatmulFlops: profiledMatmulFlops(profile.kernels),
    gflops: flops.total / (msPerStep * 1e6),
    kernelsPerStep: profile.kernels.length,
    kernelMs: profile.kernelMs,
    profiledStepMs: profile.wallMs,
    peakMB: profile.peakBytes / 2 ** 20,
    topKernels: profile.byName.slice(0, 8),
    slowestCalls: slowestCalls(profile, 6),
    tensorsBefore,
    tensorsAfter,
    tensorsNewInProfiledStep: profile.newTensors,
  };
}
