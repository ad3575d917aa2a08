/**
 * How long a run will take: from the measured steps per second once it runs (calibrated), else from
 * its work and the FLOP rate one worker reached on this machine's benchmark (an uncalibrated "~").
 */
import type { RunEstimate } from './estimate';

/**
 * Matrix-product FLOP/s one worker reached on the Fig. 5 model's training step, per backend, from
 * `npm run bench` (its GFLOP/s column, single model) on the 2-core build machine: see
 * docs/cost-model.md for the sitting and its load. WebGPU and WebGL have no figure here.
 */
export const BENCH_FLOP_RATE: Readonly<Partial<Record<string, number>>> = { wasm: 12e9, cpu: 1.2e9 };

export interface TimeEstimate {
  readonly seconds: number;
  /** From the run's own measured speed (true), or from the bench's FLOP rate (false: a rougher guess). */
  readonly calibrated: boolean;
}

/**
 * Seconds left of a run estimated by `e`, at step `done` of `steps`; `stepsPerSecond` > 0 is the
 * speed measured while it runs. Null when neither a measurement nor a FLOP rate is known.
 */
export function remainingTime(e: RunEstimate, steps: number, done = 0, stepsPerSecond = 0): TimeEstimate | null {
  const left = Math.max(0, steps - done);
  if (stepsPerSecond > 0) return { seconds: left / stepsPerSecond, calibrated: true };
  const rate = BENCH_FLOP_RATE[e.backend];
  if (rate === undefined || steps <= 0) return null;
  return { seconds: (e.slowestWork.total * (left / steps)) / rate, calibrated: false };
}
