/**
 * The paper views' CSVs: each figure's exact data, never down-sampled (every singular value of the
 * shown snapshot, every evaluation's error by position, every attention map). Pure: Vitest runs them in Node.
 */
import type { Alteration } from '../../core/alterations';
import type { CompareCell, ExactSpectra } from '../../core/results';
import type { RunStoreState } from '../../state/app-state';
import { toCsv, type Cell } from '../export/csv';
import { isFit, type RateSummary } from './rate-summary';
import { learnedBlock, meanSpectrum, snapshotAt, targetBlock, type SpectrumChoice } from './spectrum-data';

type Run = Pick<RunStoreState, 'lanes' | 'metrics' | 'targetSpectra'>;

/**
 * The error by position: every evaluation that has it (older records hold it empty), each lane's MSE at
 * every output position t, one row per (evaluation, lane, t). The figure shows the latest step.
 */
export function positionCsv(run: Pick<Run, 'lanes' | 'metrics'>): string {
  const rows: Cell[][] = [];
  const L = run.lanes.length;
  for (const e of run.metrics.evals) {
    const byT = e.byT;
    if (byT.length === 0 || L === 0) continue;
    const tau = byT.length / L;
    run.lanes.forEach((lane, l) => {
      for (let t = 0; t < tau; t++) rows.push([e.step, lane.label, t, byT[l * tau + t]]);
    });
  }
  return toCsv(['step', 'lane', 't', 'mse'], rows);
}

/**
 * The violin figure's values: every singular value ÷ τ of the chosen lane and of the target's sampled
 * couplings (one row per sequence and index k), then the exact β·σ_k. Unfloored, not in log10.
 */
export function spectrumCsv(run: Run, choice: SpectrumChoice): string {
  const header = ['series', 'step', 'sequence', 'k', 'value'];
  const snap = snapshotAt(run, choice.snapshot);
  const learned = snap ? learnedBlock(snap, choice.lane, choice.centre) : null;
  if (!snap || !learned) return toCsv(header, []);
  const info = run.lanes[choice.lane];
  const tSpec = info ? run.targetSpectra[info.target] : null;
  const target = targetBlock(tSpec, choice.centre);
  const rows: Cell[][] = [];
  const block = (name: string, b: typeof learned): void => {
    for (let c = 0; c < b.count; c++) for (let k = 0; k < b.keep; k++) rows.push([name, snap.step, c, k + 1, b.values[c * b.keep + k]]);
  };
  block(`learned ${info?.label ?? `lane ${choice.lane}`}`, learned);
  if (target) block('target sampled', target);
  (tSpec?.exact ?? []).slice(0, learned.keep).forEach((v, k) => rows.push(['exact beta*sigma_k', null, null, k + 1, v]));
  return toCsv(header, rows);
}

/** The mean-spectrum figure: per index k, the mean over sequences of every m_h peer of the chosen lane, the target's, the exact. */
export function meanSpectrumCsv(run: Run, choice: SpectrumChoice): string {
  const snap = snapshotAt(run, choice.snapshot);
  const chosen = run.lanes[choice.lane];
  if (!snap || !chosen) return toCsv(['k'], []);
  const peers = snap.lanes
    .filter((l) => run.lanes[l]?.target === chosen.target && run.lanes[l]?.seedIndex === chosen.seedIndex)
    .sort((a, b) => (run.lanes[a]?.mH ?? 0) - (run.lanes[b]?.mH ?? 0));
  const cols: { name: string; values: readonly number[] }[] = peers.flatMap((l) => {
    const b = learnedBlock(snap, l, choice.centre);
    return b ? [{ name: `mean ${run.lanes[l]?.label ?? `lane ${l}`}`, values: meanSpectrum(b) }] : [];
  });
  const tSpec = run.targetSpectra[chosen.target];
  const target = targetBlock(tSpec, choice.centre);
  if (target) cols.push({ name: 'mean target sampled', values: meanSpectrum(target) });
  if (tSpec && tSpec.exact.length > 0) cols.push({ name: 'exact beta*sigma_k', values: tSpec.exact.slice(0, snap.keep) });
  const rows = Array.from({ length: snap.keep }, (_, k) => [k + 1, ...cols.map((c) => c.values[k])]);
  return toCsv(['k', ...cols.map((c) => c.name)], rows);
}

/** The rate figure: one row per (rank, m_h) point, with its seed range and its row's fitted power law. */
export function rateCsv(summary: RateSummary | null): string {
  const header = [
    'step', 'rank', 'm_h', 'lane', 'eval_mse_mean', 'eval_mse_min', 'eval_mse_max', 'seeds',
    'fit_slope', 'fit_slope_se', 'fit_ln_intercept', 'fit_r2', 'fit_over', 'tail_slope', 'theory_slope',
  ];
  const rows = (summary?.rows ?? []).flatMap((row) => {
    const fit = isFit(row.fit) ? row.fit : null;
    return row.points.map((p) => [
      summary?.step, String(row.rank), p.mH, p.lane, p.mse, p.min, p.max, p.seeds,
      fit?.slope, fit?.slopeSe, fit?.a, fit?.r2, fit ? row.fitOver : `no fit: ${isFit(row.fit) ? '' : row.fit.error}`,
      row.tailSlope, summary?.theorySlope,
    ]);
  });
  return toCsv(header, rows);
}

/** The comparison (Tables 2–3): the six cells. */
export function compareCsv(cells: readonly CompareCell[], step: number | null): string {
  return toCsv(
    ['step', 'model', 'alteration', 'eval_mse', 'eval_rel', 'ratio', 'rel_ratio'],
    cells.map((c) => [step, c.model, c.alteration, c.mse, c.rel, c.ratio, c.relRatio]),
  );
}

/** The coupling's singular values before and after mixing, one row per index k (blank past a list's end). */
export function exactCsv(exact: ExactSpectra | null, grid: number): string {
  const n = exact ? Math.max(exact.before.length, exact.after.length) : 0;
  return toCsv(
    ['k', 'sigma_before', 'sigma_after_mixing', 'grid'],
    Array.from({ length: n }, (_, k) => [k + 1, exact?.before[k], exact?.after[k], grid]),
  );
}

/** The alterations: the permutation, output t ← input π(t), then the mixing filter θ(j). */
export function alterationCsv(order: Alteration, mix: Alteration, tau: number): string {
  const perm = order.permutation ?? Int32Array.from({ length: tau }, (_, t) => t);
  const rows: Cell[][] = Array.from(perm, (s, t) => ['ordering pi(t)', t, s]);
  Array.from(mix.theta ?? []).forEach((v, j) => rows.push(['mixing theta(j)', j, v]));
  return toCsv(['part', 'index', 'value'], rows);
}

/**
 * The mean attention maps: one row per (snapshot, Transformer lane, query t, key s) of every snapshot
 * that carries them, A[t, s] exactly as stored, with the number of sequences averaged.
 */
export function attentionCsv(run: Pick<RunStoreState, 'lanes' | 'metrics'>): string {
  const rows: Cell[][] = [];
  for (const snap of run.metrics.spectra) {
    const A = snap.attention;
    if (A.length === 0) continue;
    const T = snap.keep;
    snap.lanes.forEach((lane, i) => {
      const label = run.lanes[lane]?.label ?? `lane ${lane}`;
      for (let t = 0; t < T; t++) for (let s = 0; s < T; s++) rows.push([snap.step, label, t, s, A[i * T * T + t * T + s], snap.attentionCount]);
    });
  }
  return toCsv(['step', 'lane', 't', 's', 'attention', 'sequences'], rows);
}
