/**
 * The mean-attention map as plain data: one Transformer lane's A[t, s] = softmax_s(S[t, s]) averaged
 * over the evaluation sequences (query t, key s), from the newest spectra snapshot.
 */
import type { LogitSpectra } from '../../core/results';
import type { RunStoreState } from '../../state/app-state';

/** More Transformer lanes than this (a sweep) and the view shows only the selected one. */
export const MAX_SMALL_MULTIPLES = 4;
/** A key is dead when all queries together give it less than this share of an average key's attention (1). */
export const DEAD_KEY_SHARE = 0.1;

export interface AttentionMap {
  readonly step: number;
  /** Plan index of the lane, and its label. */
  readonly lane: number;
  readonly label: string;
  /** Transformer lanes in the snapshot. */
  readonly lanes: number;
  readonly tau: number;
  /** Sequences averaged. */
  readonly count: number;
  /** [tau, tau] row-major, query t by key s: exactly the snapshot's values. */
  readonly values: readonly number[];
}

/** The newest spectra snapshot, whose mean attention the view draws (null before the first). */
export const newestSpectra = (spectra: readonly LogitSpectra[]): LogitSpectra | null => spectra[spectra.length - 1] ?? null;

/** The newest snapshot has no mean attention: a record made before it was kept (read in with it empty). */
export const lacksAttention = (spectra: readonly LogitSpectra[]): boolean => newestSpectra(spectra)?.attention.length === 0;

/** Plan indices of the run's Transformer lanes. */
export function transformerLanes(run: Pick<RunStoreState, 'lanes'>): number[] {
  return run.lanes.flatMap((l, i) => (l.model === 'transformer' ? [i] : []));
}

/** Lane `lane`'s map at the newest snapshot; null when there is none, or it has no attention or not this lane. */
export function attentionMap(run: Pick<RunStoreState, 'lanes' | 'metrics'>, lane: number): AttentionMap | null {
  const s = newestSpectra(run.metrics.spectra);
  const i = s ? s.lanes.indexOf(lane) : -1;
  if (!s || i < 0 || s.attention.length === 0) return null;
  const T = s.keep;
  return {
    step: s.step,
    lane,
    label: run.lanes[lane]?.label ?? `lane ${lane}`,
    lanes: s.lanes.length,
    tau: T,
    count: s.attentionCount,
    values: Array.from(s.attention.subarray(i * T * T, (i + 1) * T * T)),
  };
}

/** Column sums Σ_t A[t, s]: the attention each key s receives (τ in all, 1 on average). */
export function keyTotals(m: Pick<AttentionMap, 'tau' | 'values'>): number[] {
  const out = new Array<number>(m.tau).fill(0);
  m.values.forEach((v, k) => {
    const s = k % m.tau;
    out[s] = (out[s] ?? 0) + v;
  });
  return out;
}

/** Keys no query attends to: those receiving less than DEAD_KEY_SHARE of an average key's attention. */
export function deadKeys(m: Pick<AttentionMap, 'tau' | 'values'>): number[] {
  return keyTotals(m).flatMap((total, s) => (total < DEAD_KEY_SHARE ? [s] : []));
}
