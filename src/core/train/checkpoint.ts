import type { AdamState } from '../models/adam';
import type { RngState } from '../rng';

/**
 * Everything a TrainingSession needs to go on from a step exactly as if it had never stopped: the
 * weights of every lane, Adam's moments and step count, the batch stream's position, and the loss
 * accumulated since the last report. The schedule position is the step itself (learningRate(step)).
 * The rest of a session (targets, evaluation set, lane plan) follows from its config.
 */
export interface SessionCheckpoint {
  readonly step: number;
  /**
   * Each parameter's values with every lane stacked, [L, rows, cols] flat, in the session's parameter
   * order, whatever the layout holds in its variables (models/stacked.ts). Adam's moments likewise.
   */
  readonly params: readonly Float32Array[];
  readonly adam: AdamState;
  readonly batches: RngState;
  /** Per lane (group order), the summed training MSE since the last loss report; null when none. */
  readonly lossSum: Float32Array | null;
  readonly lossSteps: number;
}
