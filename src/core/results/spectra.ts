import { matrixSpectra, meanAttention } from '../analysis';
import type { TrainingSession } from '../train';

/** Sequences of the evaluation set whose logit matrices are analysed. */
export const SPECTRA_SEQUENCES = 128;
/** Of those, the first ones whose attention softmax(S) is averaged (the mean attention map). */
export const ATTENTION_SEQUENCES = 64;

/** Singular values ÷ τ of the attention logits of every Transformer lane, raw and row-centred. */
export interface LogitSpectra {
  readonly step: number;
  /** Plan indices of the Transformer lanes, in the order of the data below. */
  readonly lanes: readonly number[];
  /** Sequences per lane. */
  readonly count: number;
  /** Values per sequence (τ). */
  readonly keep: number;
  /** [lanes, count, keep] */
  readonly raw: Float32Array;
  /** [lanes, count, keep], each row of S centred first (softmax ignores a per-row shift). */
  readonly centred: Float32Array;
  /**
   * [lanes, keep, keep]: each lane's mean attention A[t, s] = softmax_s(S[t, s]) over the first
   * `attentionCount` sequences, query t by key s. Empty (and the count 0) in records made before
   * it was kept: the run history fills those as it reads them (src/state/history/migrate.ts).
   */
  readonly attention: Float32Array;
  readonly attentionCount: number;
}

/** The learned spectra of the session's Transformer lanes on the first evaluation sequences (§5.2, Fig. 1). */
export async function logitSpectra(session: TrainingSession, count = SPECTRA_SEQUENCES): Promise<LogitSpectra | null> {
  const S = await session.logits(count);
  if (S.lanes.length === 0) return null;
  const T = session.config.tau;
  const per = S.count * T * T;
  const raw = new Float32Array(S.lanes.length * S.count * T);
  const centred = new Float32Array(S.lanes.length * S.count * T);
  const attentionCount = Math.min(ATTENTION_SEQUENCES, S.count);
  const attention = new Float32Array(S.lanes.length * T * T); // [lanes, T, T]
  S.lanes.forEach((_, i) => {
    const mats = S.data.subarray(i * per, (i + 1) * per); // [count, T, T]
    raw.set(matrixSpectra(mats, S.count, T, { centre: false }), i * S.count * T);
    centred.set(matrixSpectra(mats, S.count, T, { centre: true }), i * S.count * T);
    attention.set(meanAttention(mats, attentionCount, T), i * T * T);
  });
  return { step: session.step, lanes: S.lanes, count: S.count, keep: T, raw, centred, attention, attentionCount };
}

/** The target's own coupling, treated like the logits: its sampled matrices' spectra and the exact σ_k. */
export interface TargetSpectra {
  /** β·σ_k (the function's exact singular values, without ρ₀). */
  readonly exact: readonly number[];
  readonly count: number;
  readonly keep: number;
  /** [count, keep] of β·ρ(T(x)(t), T(x)(s)) + ρ₀ on the evaluation sequences. */
  readonly raw: Float32Array;
  readonly centred: Float32Array;
}

/** Per target of the plan: its spectra, or null for memory targets (no coupling). */
export function targetSpectra(session: TrainingSession, count = SPECTRA_SEQUENCES): (TargetSpectra | null)[] {
  const T = session.config.tau;
  const n = Math.min(count, session.evalSet.size);
  const x = session.evalSet.x.subarray(0, n * T);
  return session.plan.targets.map((p) => {
    const base = p.target.base;
    if (base.kind !== 'coupling') return null;
    const mats = base.couplingMatrices(p.target.alteration.apply(x, n), n);
    return {
      exact: Array.from(base.sigmas, (s) => s * base.beta),
      count: n,
      keep: T,
      raw: Float32Array.from(matrixSpectra(mats, n, T, { centre: false })),
      centred: Float32Array.from(matrixSpectra(mats, n, T, { centre: true })),
    };
  });
}
