import type { Schedule } from '../config/types';

/** Learning rate before update `step` (0-based) of `total`: constant, or cosine annealing to 0 (PyTorch's form). */
export function learningRate(schedule: Schedule, lr: number, step: number, total: number): number {
  if (schedule === 'constant') return lr;
  return 0.5 * lr * (1 + Math.cos((Math.PI * Math.min(step, total)) / total));
}
