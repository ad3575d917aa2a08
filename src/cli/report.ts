import type { ExperimentConfig } from '../core/config';
import { isFit } from '../core/results';
import type { CompareCell, ExactSpectra, RateSummary, SweepSummary } from '../core/results';
import type { EvalResult, Plan } from '../core/train';
import { fixed, sci, table } from './format';

const ALT_NAME = { none: 'original', order: 'ordering', mix: 'mixing' } as const;

/**
 * The sweep's table per target rank. `rate` (core's rateSummary, the app's rate view) supplies the
 * fit over every m_h, floor included, that the app shows when fewer than two points lie below r.
 */
export function sweepReport(s: SweepSummary, c: ExperimentConfig, rate: RateSummary | null = null): string {
  const out: string[] = [];
  s.rows.forEach((row, ri) => {
    out.push(`\ntarget rank ${row.rank} (β = ${c.beta}, ${c.spectrum === 'power' ? `σ_k = k^-${c.alpha}` : c.spectrum})`);
    out.push(
      table(
        ['m_h', 'eval MSE', '± sd', 'rel. error'],
        row.points.map((p) => [String(p.mH), sci(p.mse), p.seeds > 1 ? sci(p.mseSd, 2) : '-', sci(p.rel)]),
      ),
    );
    const fallback = rate?.rows[ri];
    if ('error' in row.fit) {
      const shown = fallback?.fallback && isFit(fallback.fit) ? `; over every m_h, floor included: slope ${fixed(fallback.fit.slope)} ± ${fixed(fallback.fit.slopeSe)} (not a rate)` : '';
      out.push(`fit: ${row.fit.error}${shown}`);
    } else {
      const used = row.fit.used.length;
      out.push(
        `fitted slope ${fixed(row.fit.slope)} ± ${fixed(row.fit.slopeSe)} over ${used} points` +
          (row.tailSlope !== null ? `   tail Σ_{k>m_h} σ_k² → slope ${fixed(row.tailSlope)}` : '') +
          (s.theorySlope !== null ? `   asymptotic 2α−1 → slope ${fixed(s.theorySlope)}` : '') +
          (row.fit.notes.length ? `   (${row.fit.notes.join('; ')})` : ''),
      );
    }
    if (row.dropAtRank !== null) out.push(`drop at m_h = r: MSE(r−1) / MSE(r) = ${fixed(row.dropAtRank, 1)}×`);
  });
  return out.join('\n');
}

export function compareReport(cells: readonly CompareCell[]): string {
  const rows = cells.map((cell) => [
    cell.model === 'rnn' ? 'RNN' : 'Transformer',
    ALT_NAME[cell.alteration],
    sci(cell.mse),
    sci(cell.rel),
    cell.alteration === 'none' ? '1' : sci(cell.ratio, 3),
    cell.alteration === 'none' ? '1' : sci(cell.relRatio, 3),
  ]);
  return table(['model', 'target', 'eval MSE', 'rel. error', 'MSE ratio', 'rel. error ratio'], rows);
}

export function singleReport(plan: Plan, r: EvalResult): string {
  return table(
    ['lane', 'eval MSE', 'rel. error'],
    plan.lanes.map((l, i) => [l.label, sci(r.mse[i] as number), sci(r.rel[i] as number)]),
  );
}

/** One digit per output position t: d means 10^−(d+1) ≤ MSE < 10^−d (0 for MSE ≥ 0.1, 9 below 1e-9). */
export function positionDigits(byT: ArrayLike<number>): string {
  return Array.from(byT, (v) => (Number.isFinite(v) ? String(Math.min(9, Math.max(0, Math.ceil(-Math.log10(Math.max(v, 1e-300))) - 1))) : '!')).join('');
}

/** Where along the sequence each lane fails: its per-position digits and its worst position. */
export function positionReport(plan: Plan, r: EvalResult, tau: number): string {
  const rows = plan.lanes.map((l, i) => {
    const byT = r.byT.subarray(i * tau, (i + 1) * tau);
    const worst = byT.reduce((w, v, t) => (v > (byT[w] as number) ? t : w), 0);
    return [l.label, positionDigits(byT), `t = ${worst}`, sci(byT[worst] as number)];
  });
  return (
    'error by position t = 0..τ−1 (digit d: 10^−(d+1) ≤ MSE < 10^−d; lower digits are worse)\n' +
    table(['lane', 'positions', 'worst', 'MSE there'], rows)
  );
}

export function exactReport(e: ExactSpectra): string {
  const f = (xs: readonly number[]): string => `(${xs.map((x) => fixed(x)).join(', ')})  rank ${xs.length}`;
  return `singular values of ρ(x₁, x₂):        ${f(e.before)}\nsingular values of ρ(x₁, x₁ + x₂):   ${f(e.after)}`;
}
