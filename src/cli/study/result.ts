/**
 * The result of one work unit: its lanes' training losses and evaluations, as trained, with a
 * SHA-256 of its content. A result is valid only if it parses, its checksum matches, and it is the
 * unit the manifest names (same experiment link, same lanes, same backend); anything else is corrupt.
 */
import { createHash } from 'node:crypto';
import type { Manifest, WorkUnit } from '../../core/study';
import type { RunOutcome } from '../../core/train';

export const RESULT_FORMAT = 'rankscope-study-unit';

export interface UnitEval {
  readonly step: number;
  /** Per lane of the unit, in its lane order; a lost value (NaN) is written as null. */
  readonly mse: (number | null)[];
  readonly rel: (number | null)[];
  /** [lanes × τ]. */
  readonly byT: (number | null)[];
}

/** What a unit's training produced (everything but the checksum). */
export interface UnitBody {
  readonly format: typeof RESULT_FORMAT;
  readonly unit: string;
  readonly link: string;
  /** Experiment plan lane indices, in the order of the per-lane arrays below. */
  readonly lanes: readonly number[];
  readonly backend: string;
  readonly outcome: RunOutcome;
  readonly seconds: number;
  readonly targetVariance: readonly number[];
  readonly trainSteps: readonly number[];
  /** Per lane, the mean train MSE at each of trainSteps. */
  readonly trainLoss: readonly (number | null)[][];
  readonly evals: readonly UnitEval[];
}

export interface UnitResult extends UnitBody {
  readonly sha256: string;
}

const digest = (body: UnitBody): string => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/** The file text of a unit's result: the body round-tripped through JSON (NaN → null), then its hash. */
export function resultText(body: UnitBody): string {
  const plain = JSON.parse(JSON.stringify(body)) as UnitBody;
  return JSON.stringify({ ...plain, sha256: digest(plain) });
}

/** Check a result file's text against the manifest: the result, or why it is not valid. */
export function checkResult(text: string, m: Manifest): { result: UnitResult; unit: WorkUnit } | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { problem: 'not JSON (truncated or overwritten?)' };
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== RESULT_FORMAT) return { problem: `not a ${RESULT_FORMAT} file` };
  const { sha256, ...body } = data as UnitResult;
  if (typeof sha256 !== 'string' || digest(body as UnitBody) !== sha256) return { problem: 'its checksum does not match its content' };
  const r = data as UnitResult;
  const unit = m.units.find((u) => u.id === r.unit);
  if (!unit) return { problem: `unit ${String(r.unit)} is not in the manifest` };
  const e = m.experiments[unit.experiment];
  if (!e || r.link !== e.link) return { problem: `its link is not experiment ${e?.id ?? '?'}'s` };
  if (JSON.stringify(r.lanes) !== JSON.stringify(unit.lanes)) return { problem: `its lanes ${JSON.stringify(r.lanes)} are not unit ${unit.id}'s ${JSON.stringify(unit.lanes)}` };
  if (r.backend !== m.backend) return { problem: `trained on ${r.backend}, the study runs on ${m.backend}` };
  return { result: r, unit };
}
