import type { ExperimentConfig } from '../core/config';
import type { CompareCell, ExactSpectra, SweepSummary } from '../core/results';
import type { EvalResult, Plan } from '../core/train';
import { fixed, sci, table } from './format';

const ALT_NAME = { none: 'original', order: 'ordering', mix: 'mixing' } as const;

export function sweepReport(s: SweepSummary, c: ExperimentConfig): string {
  const out: string[] = [];
  for (const row of s.rows) {
    out.push(`\ntarget rank ${row.rank} (β = ${c.beta}, ${c.spectrum === 'power' ? `σ_k = k^-${c.alpha}` : c.spectrum})`);
    out.push(
      table(
        ['m_h', 'eval MSE', '± sd', 'rel. error'],
        row.points.map((p) => [String(p.mH), sci(p.mse), p.seeds > 1 ? sci(p.mseSd, 2) : '-', sci(p.rel)]),
      ),
    );
    if ('error' in row.fit) out.push(`fit: ${row.fit.error}`);
    else {
      const used = row.fit.used.length;
      out.push(
        `fitted slope ${fixed(row.fit.slope)} ± ${fixed(row.fit.slopeSe)} over ${used} points` +
          (row.tailSlope !== null ? `   tail Σ_{k>m_h} σ_k² → slope ${fixed(row.tailSlope)}` : '') +
          (s.theorySlope !== null ? `   asymptotic 2α−1 → slope ${fixed(s.theorySlope)}` : '') +
          (row.fit.notes.length ? `   (${row.fit.notes.join('; ')})` : ''),
      );
    }
    if (row.dropAtRank !== null) out.push(`drop at m_h = r: MSE(r−1) / MSE(r) = ${fixed(row.dropAtRank, 1)}×`);
  }
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

export function exactReport(e: ExactSpectra): string {
  const f = (xs: readonly number[]): string => `(${xs.map((x) => fixed(x)).join(', ')})  rank ${xs.length}`;
  return `singular values of ρ(x₁, x₂):        ${f(e.before)}\nsingular values of ρ(x₁, x₁ + x₂):   ${f(e.after)}`;
}
