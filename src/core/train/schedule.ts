import type { Schedule } from '../config/types';

/**
 * Learning rate before update `step` (0-based) of `total`: constant, or cosine annealing to 0 (PyTorch's
 * form), times a linear warm-up min(1, (step + 1) / warmup) over the first `warmup` updates (0 = none).
 * The cosine runs over all `total` updates, warm-up included.
 */
export function learningRate(schedule: Schedule, lr: number, step: number, total: number, warmup = 0): number {
  const base = schedule === 'constant' ? lr : 0.5 * lr * (1 + Math.cos((Math.PI * Math.min(step, total)) / total));
  return warmup > 0 && step + 1 < warmup ? (base * (step + 1)) / warmup : base;
}
