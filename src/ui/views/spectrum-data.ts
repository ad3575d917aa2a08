/** Pure reads of the streamed spectra: which snapshot, which lane, the values of one index k. */
import type { LogitSpectra, TargetSpectra } from '../../core/results';
import type { RunStoreState } from '../../state/app-state';

/**
 * Values more than this many decades below the largest are drawn on a floor: float32 round-off
 * (a rank-m_h logit matrix has exact zeros beyond m_h), and far too small to move a softmax.
 */
export const FLOOR_DECADES = 4;

/** The colours of the learned spectra and of the target's. */
export const LEARNED = '#4e79a7';
export const TARGET = '#e15759';

/** What the spectrum figures depend on: new spectra, a new plan, the target's spectra. */
export const spectrumWatch = (run: RunStoreState): readonly unknown[] => [run.metrics, run.metrics.spectra.length, run.lanes, run.targetSpectra];

/** What the spectrum views show: a lane, a snapshot (null = the latest), raw or row-centred. */
export interface SpectrumChoice {
  readonly lane: number;
  readonly snapshot: number | null;
  readonly centre: boolean;
}

/** One batch of spectra: `values` is [count, keep], singular values ÷ τ. */
export interface SpectraBlock {
  readonly values: Float32Array;
  readonly count: number;
  readonly keep: number;
}

/** The Transformer lane shown by default: the largest m_h (ties: the last target, seed 0). */
export function defaultLane(run: Pick<RunStoreState, 'lanes'>): number | null {
  let best: number | null = null;
  run.lanes.forEach((l, i) => {
    if (l.model !== 'transformer' || l.seedIndex !== 0) return;
    const b = best === null ? undefined : run.lanes[best];
    if (!b || l.mH > b.mH || (l.mH === b.mH && l.target >= b.target)) best = i;
  });
  return best;
}

/** The chosen lane when it is a Transformer lane of this run, else the default. */
export function effectiveLane(run: Pick<RunStoreState, 'lanes'>, lane: number | null): number | null {
  return lane !== null && run.lanes[lane]?.model === 'transformer' ? lane : defaultLane(run);
}

export function snapshotAt(run: Pick<RunStoreState, 'metrics'>, snapshot: number | null): LogitSpectra | null {
  const all = run.metrics.spectra;
  if (all.length === 0) return null;
  return all[snapshot === null ? all.length - 1 : Math.min(snapshot, all.length - 1)] ?? null;
}

/** A lane's learned spectra in a snapshot (null when the lane has none there). */
export function learnedBlock(s: LogitSpectra, lane: number, centre: boolean): SpectraBlock | null {
  const i = s.lanes.indexOf(lane);
  if (i < 0) return null;
  const keep = heldKeep(s) ?? 0;
  const per = s.count * keep;
  return { values: (centre ? s.centred : s.raw).subarray(i * per, (i + 1) * per), count: s.count, keep };
}

export function targetBlock(t: TargetSpectra | null | undefined, centre: boolean): SpectraBlock | null {
  return t ? { values: centre ? t.centred : t.raw, count: t.count, keep: heldKeep(t) ?? 0 } : null;
}

/**
 * How many indices k a spectra record can draw: its `keep`, but never more than the values it holds
 * (0 for a keep that is not a positive integer). A figure sizes its arrays by this, not by a `keep`
 * read from an imported file: `count: 0, keep: 1e9` holds no values and draws nothing.
 */
export function heldKeep(s: { readonly keep: number; readonly raw: ArrayLike<number> } | null | undefined): number | undefined {
  if (!s) return undefined;
  return Number.isInteger(s.keep) && s.keep > 0 ? Math.min(s.keep, s.raw.length) : 0;
}

/** Index k (0-based) of every sequence. */
export function column(b: SpectraBlock, k: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < b.count; c++) out.push(b.values[c * b.keep + k] ?? Number.NaN);
  return out;
}

/** Mean over sequences of each index k. */
export function meanSpectrum(b: SpectraBlock): number[] {
  return Array.from({ length: Math.min(b.keep, b.values.length) }, (_, k) => {
    const xs = column(b, k).filter(Number.isFinite);
    return xs.length > 0 ? xs.reduce((a, v) => a + v, 0) / xs.length : Number.NaN;
  });
}

/** The largest finite value of the blocks and lists. */
export function largest(blocks: readonly (SpectraBlock | null)[], lists: readonly (readonly number[])[] = []): number {
  let m = 0;
  for (const b of blocks) if (b) for (const v of b.values) if (Number.isFinite(v) && v > m) m = v;
  for (const l of lists) for (const v of l) if (Number.isFinite(v) && v > m) m = v;
  return m;
}

/** log10 of each finite value, raised to `floorLog` (so exact zeros and round-off sit on the floor). */
export function logFloored(xs: readonly number[], floorLog: number): number[] {
  return xs.filter((v) => Number.isFinite(v) && v >= 0).map((v) => Math.max(floorLog, v > 0 ? Math.log10(v) : floorLog));
}

/** A kernel density over fewer than 3 distinct values is meaningless: such an index is drawn as a strip of dots. */
export function isDegenerate(logs: readonly number[]): boolean {
  // Values equal to 6 decimals count once; stops at the third distinct value (the canvas views ask
  // this of every index k at every evaluation, without formatting a string per value).
  let a: number | null = null;
  let b: number | null = null;
  for (const v of logs) {
    const r = Math.round(v * 1e6);
    if (r === a || r === b) continue;
    if (a === null) a = r;
    else if (b === null) b = r;
    else return false;
  }
  return true;
}
