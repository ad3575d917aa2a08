/**
 * Plan → groups: a run's lanes split into groups, each trained by its own worker (a browser worker,
 * a runner thread, a cluster shard). Lanes never interact: each has its own weights, and every group
 * draws the same batches and evaluation set, so a lane's numbers do not depend on the grouping.
 * Groups are balanced by an estimate of each lane's step cost (longest-first greedy assignment).
 */
import type { ExperimentConfig } from '../config/types';
import type { Lane } from './plan';

/** Most workers `auto` picks: beyond this, the page's own thread and memory start to matter more. */
export const AUTO_WORKER_CAP = 4;

/**
 * Workers for `workers = 0` (auto): the machine's cores less `reserve` (the page keeps one for
 * itself, so drawing never waits behind training; the headless runner keeps none), at least 1, capped.
 */
export function autoWorkers(hardwareConcurrency: number | undefined, reserve = 0): number {
  const cores = Number.isFinite(hardwareConcurrency) && (hardwareConcurrency ?? 0) >= 1 ? Math.floor(hardwareConcurrency as number) : 1;
  return Math.max(1, Math.min(cores - reserve, AUTO_WORKER_CAP));
}

/** The worker count a config asks for on a machine with this many cores (before capping at the lanes). */
export function requestedWorkers(c: ExperimentConfig, hardwareConcurrency: number | undefined, reserve = 0): number {
  return c.workers > 0 ? c.workers : autoWorkers(hardwareConcurrency, reserve);
}

/** Per-step cost of a kernel launch, in the same unit as one multiply-add below (measured order on wasm). */
const LAUNCH = 2e5;

/**
 * Estimated cost of one training step of a lane: multiply-adds of the forward and backward passes
 * over the batch plus a fixed cost per kernel launch. Only ratios matter: it balances groups.
 */
export function laneCost(c: ExperimentConfig, lane: Lane): number {
  const tokens = c.batch * c.tau;
  if (lane.model === 'rnn') {
    const H = c.rnnHidden;
    // The linear RNN runs as a convolution (a few H×H products, one Toeplitz product); tanh steps τ times.
    const macs = c.rnnAct === 'linear' ? Math.log2(Math.max(2, c.tau)) * H * H * H + tokens * c.tau : tokens * H * H;
    const launches = c.rnnAct === 'linear' ? 60 : 30 * c.tau;
    return 3 * macs + launches * LAUNCH;
  }
  const mlp = (dIn: number, dOut: number): number => dIn * c.mFF + Math.max(0, c.depth - 2) * c.mFF * c.mFF + c.mFF * dOut;
  const perToken = mlp(1 + c.tau, c.n) + c.n * (2 * lane.mH + c.mV) + c.tau * (lane.mH + c.mV) + mlp(c.mV, 1);
  return 3 * tokens * perToken + 280 * LAUNCH;
}

/**
 * Split the plan's lanes into at most `workers` non-empty groups of lane indices (each in plan
 * order; groups ordered by their first lane). Deterministic: the same plan and count give the same
 * groups everywhere.
 */
export function planGroups(c: ExperimentConfig, lanes: readonly Lane[], workers: number): number[][] {
  const n = Math.max(1, Math.min(Math.floor(workers), lanes.length));
  if (n === 1) return lanes.length === 0 ? [] : [lanes.map((_, i) => i)];
  const cost = lanes.map((l) => laneCost(c, l));
  const order = lanes.map((_, i) => i).sort((a, b) => (cost[b] as number) - (cost[a] as number) || a - b);
  const load = new Array<number>(n).fill(0);
  const groups: number[][] = Array.from({ length: n }, () => []);
  for (const i of order) {
    let best = 0;
    for (let g = 1; g < n; g++) if ((load[g] as number) < (load[best] as number)) best = g;
    (groups[best] as number[]).push(i);
    load[best] = (load[best] as number) + (cost[i] as number);
  }
  return groups
    .filter((g) => g.length > 0)
    .map((g) => g.sort((a, b) => a - b))
    .sort((a, b) => (a[0] as number) - (b[0] as number));
}
