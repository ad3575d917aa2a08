/**
 * How long a run will take: from the measured steps per second once it runs (calibrated), else from
 * its work and the FLOP rate one worker reached on this machine's benchmark (an uncalibrated "~").
 */
import type { RunEstimate } from './estimate';

/**
 * Matrix-product FLOP/s one worker reached on the Fig. 5 model's training step, per backend, from
 * `npm run bench` on the 2-core build machine (2026-12-02, load 16 → 13): the step's 0.265 GFLOP over
 * the median CPU time per step (wasm 20.4 ms, cpu 801 ms; the wall-time medians were inflated by
 * the load). docs/cost-model.md has the sitting. WebGPU and WebGL have no figure here.
 */
export const BENCH_FLOP_RATE: Readonly<Partial<Record<string, number>>> = { wasm: 13e9, cpu: 0.33e9 };

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

/** The least time a worker may go silent before it counts as hung. */
export const MIN_STALL_SECONDS = 30;

/**
 * How long a healthy worker of this run may stay silent: its thread is busy for one step, or for one
 * evaluation with its spectra, before it can answer. Ten times the estimate at the slowest measured
 * rate (wasm's), and at least MIN_STALL_SECONDS.
 */
export function stallSeconds(e: RunEstimate): number {
  const rate = Math.min(...Object.values(BENCH_FLOP_RATE).filter((r): r is number => r !== undefined));
  const busiest = e.slowestWork.perStep + e.slowestWork.perEval;
  return Math.max(MIN_STALL_SECONDS, (10 * busiest) / rate);
}
