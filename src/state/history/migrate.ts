/**
 * Records made before a field existed, brought to today's shape as they are read, in one place:
 * every read of a kept run (the IndexedDB list, a notebook import, the run store's loadRecord)
 * goes through `migrateMetrics`, so the views see one shape. A field a record never had is filled
 * "not recorded": an empty array (a run made now always records it, so it is never empty there).
 */
import type { LogitSpectra } from '../../core/results';
import type { EvalPoint, Metrics } from '../run-store';
import type { RunRecord } from './record';

/** An evaluation as a record may hold it: without byT before the error by position was kept. */
export type StoredEval = Omit<EvalPoint, 'byT'> & { readonly byT?: Float64Array };

/** A spectra snapshot as a record may hold it: without the mean attention before it was kept. */
export type StoredSpectra = Omit<LogitSpectra, 'attention' | 'attentionCount'> & {
  readonly attention?: Float32Array;
  readonly attentionCount?: number;
};

/** Metrics as a record of any age holds them. */
export interface StoredMetrics {
  readonly trainSteps: number[];
  readonly trainLoss: number[][];
  readonly evals: readonly StoredEval[];
  readonly spectra: readonly StoredSpectra[];
}

/** A run record as IndexedDB may hold it (written by this or an older version). */
export type StoredRecord = Omit<RunRecord, 'metrics'> & { readonly metrics: StoredMetrics };

/** The metrics with every missing field filled "not recorded"; a record of today comes out deep-equal. */
export function migrateMetrics(m: StoredMetrics): Metrics {
  return {
    trainSteps: m.trainSteps,
    trainLoss: m.trainLoss,
    evals: m.evals.map((e) => ({ ...e, byT: e.byT ?? new Float64Array(0) })),
    spectra: m.spectra.map((s) => ({
      ...s,
      attention: s.attention ?? new Float32Array(0),
      attentionCount: s.attention ? (s.attentionCount ?? 0) : 0,
    })),
  };
}

export function migrateRecord(r: StoredRecord): RunRecord {
  return { ...r, metrics: migrateMetrics(r.metrics) };
}
