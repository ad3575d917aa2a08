/** What a training session reports: its callbacks' events and how a run ended. */
import type { EvalResult } from './eval-set';

export interface TrainReport {
  readonly step: number;
  /** Mean training MSE of each lane over the steps since the last report, on the raw y scale. */
  readonly laneLoss: Float64Array;
}

export interface TrainEvents {
  onTrain?(r: TrainReport): void;
  onEval?(r: EvalResult): void;
}

export type RunOutcome =
  | { readonly status: 'done' | 'stopped'; readonly step: number }
  | { readonly status: 'diverged'; readonly step: number; readonly lane: number; readonly message: string };
