/**
 * A refused run's message: its estimate, the limit, and one field to change with the value that
 * would fit (found by searching that field's range with the same estimate).
 */
import type { ExperimentConfig } from '../config/types';
import { SCHEMA } from '../config/schema';
import { estimateRun, fits } from './estimate';
import type { EstimateOptions, RunEstimate } from './estimate';
import { formatBytes } from './format';

export interface Refusal {
  /** The field to change, and the value nearest to the current one that fits (null: none does alone). */
  readonly field: keyof ExperimentConfig;
  readonly suggestion: number | null;
  readonly message: string;
}

type NumericField = 'batch' | 'mFF' | 'tau' | 'evalSize' | 'depth' | 'workers' | 'n' | 'mV';

/** Fields that shrink each part of the estimate, most effective first. */
function candidates(e: RunEstimate, backend: string): NumericField[] {
  const m = e.worker;
  const transient = Math.max(m.step, m.evaluation, m.logits);
  // More workers split the lanes, and each wasm worker has its own heap.
  const split: NumericField[] = backend === 'wasm' && e.lanes > e.workers ? ['workers'] : [];
  if (m.persistent >= transient) return [...split, 'mFF', 'depth', 'n'];
  if (m.step >= Math.max(m.evaluation, m.logits)) return ['batch', ...split, 'mFF', 'tau'];
  return ['evalSize', ...split, 'mFF', 'tau'];
}

/** The value of `field` nearest its current one for which the run fits, or null. */
function nearestFitting(c: ExperimentConfig, o: EstimateOptions, field: NumericField): number | null {
  const row = SCHEMA[field];
  const current = c[field];
  const ok = (v: number): boolean => {
    const next = { ...c, [field]: v };
    return fits(estimateRun(next, { ...o, workers: field === 'workers' ? v : o.workers }));
  };
  if (field === 'workers') {
    const from = Math.max(o.workers, 1) + 1;
    for (let v = from; v <= row.max; v++) if (ok(v)) return v;
    return null;
  }
  // Memory grows with each of these fields: binary search for the largest value below the current one that fits.
  let lo = row.min;
  let hi = current - 1;
  if (hi < lo || !ok(lo)) return null;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Why a run does not fit, naming the part that needs most and one field to change; null when it fits. */
export function refusal(c: ExperimentConfig, o: EstimateOptions): Refusal | null {
  const e = estimateRun(c, o);
  if (fits(e)) return null;
  const m = e.worker;
  const { totalBytes, bufferBytes } = e.limits;
  const perWorker = e.workers > 1 ? ` per worker (${e.workers} workers, each with its own memory)` : '';
  const what =
    totalBytes !== null && m.peak > totalBytes
      ? `needs ~${formatBytes(m.peak)}${perWorker} on ${o.backend}, over its limit of ${formatBytes(totalBytes)}`
      : `has a tensor of ~${formatBytes(m.largestTensor)}, over ${o.backend}'s largest buffer of ${formatBytes(bufferBytes ?? 0)}`;
  const parts = `parameters and Adam ${formatBytes(m.persistent)}, a training step ${formatBytes(m.step)}, an evaluation ${formatBytes(Math.max(m.evaluation, m.logits))}`;
  const fields = candidates(e, o.backend);
  for (const field of fields) {
    const v = nearestFitting(c, o, field);
    if (v === null) continue;
    const key = SCHEMA[field].key;
    const change = field === 'workers' ? `split it over ${key}=${v} or more` : `lower ${key} to ${v} or less (now ${c[field]})`;
    return { field, suggestion: v, message: `This run ${what} (${parts}). To fit, ${change}.` };
  }
  const field = fields[0] ?? 'batch';
  return { field, suggestion: null, message: `This run ${what} (${parts}). No single field brings it under; lower ${SCHEMA[field].key} and the model sizes.` };
}
