import type { ExperimentConfig } from '../../core/config';
import type { TargetSpectra } from '../../core/results';
import type { SessionCheckpoint } from '../../core/train';
import type { BackendName, LaneInfo } from '../../worker/protocol';
import type { Metrics } from '../run-store';

/**
 * How a kept run ended. 'running' and 'paused' are runs not finished when last saved: after a
 * reload they are interrupted, and resumable from their checkpoint.
 */
export type RecordState = 'running' | 'paused' | 'done' | 'stopped' | 'diverged' | 'error';

/** One run as the history keeps it: everything needed to redraw its plots without training. */
export interface RunRecord {
  readonly id: string;
  /** Increasing number of the run in this browser (its colour). */
  readonly seq: number;
  readonly startedAt: number;
  readonly updatedAt: number;
  readonly state: RecordState;
  /** The run's message (divergence, error), if any. */
  readonly message: string | null;
  readonly config: ExperimentConfig;
  /** The share-link query of the config (`v=1&kind=…`). */
  readonly link: string;
  readonly appVersion: string;
  readonly backend: BackendName | null;
  readonly step: number;
  readonly totalSteps: number;
  readonly lanes: readonly LaneInfo[];
  readonly targetVariance: readonly number[];
  readonly targetSpectra: readonly (TargetSpectra | null)[];
  readonly metrics: Metrics;
  /** Step of the stored checkpoint (null: none, e.g. a finished or imported run). */
  readonly checkpointStep: number | null;
  /** Opened from a lab-notebook file rather than trained here. */
  readonly imported: boolean;
}

export interface StoredCheckpoint {
  readonly id: string;
  readonly checkpoint: SessionCheckpoint;
}

export const isFinal = (s: RecordState): boolean => s === 'done' || s === 'stopped' || s === 'diverged' || s === 'error';

/** The record's metrics cut to `step`: what a checkpoint at that step had produced. */
export function metricsUpTo(m: Metrics, step: number): Metrics {
  const n = m.trainSteps.filter((s) => s <= step).length;
  return {
    trainSteps: m.trainSteps.slice(0, n),
    trainLoss: m.trainLoss.map((l) => l.slice(0, n)),
    evals: m.evals.filter((e) => e.step <= step),
    spectra: m.spectra.filter((s) => s.step <= step),
  };
}

/** A copy whose arrays the run store may grow without touching the record. */
export function copyMetrics(m: Metrics): Metrics {
  return { trainSteps: [...m.trainSteps], trainLoss: m.trainLoss.map((l) => [...l]), evals: [...m.evals], spectra: [...m.spectra] };
}
