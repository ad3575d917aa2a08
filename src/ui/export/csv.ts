/**
 * CSV text: cells safe for spreadsheets, and the live curves' data (every training report, every
 * evaluation, never down-sampled). The paper views' CSVs are in views/csv.ts. No DOM: Vitest runs them in Node.
 */
import type { RunStoreState } from '../../state/app-state';

export type Cell = string | number | null | undefined;

/** A number as CSV text: shortest round-trip form; NaN and ±inf spelled as pandas and R read them. */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return String(v);
}

/**
 * Text a spreadsheet would run as a formula (CSV injection): starting, after any spaces, with = + - @,
 * or starting with a tab or carriage return. Labels come from imported notebooks too
 * (`=HYPERLINK(…)`), so every text cell is checked.
 */
const FORMULA = /^\s*[=+\-@]|^[\t\r]/;

/**
 * One cell: numbers formatted; text that could run as a formula prefixed with `'` (shown as text by
 * Excel, LibreOffice and Google Sheets), and quoted when it holds a comma, quote, line break or edge space.
 */
export function formatCell(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'number') return formatNumber(c);
  const text = FORMULA.test(c) ? `'${c}` : c;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: a header line, then one line per row, each line ended by '\n'. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header.map(formatCell).join(',')];
  for (const r of rows) lines.push(r.map(formatCell).join(','));
  return `${lines.join('\n')}\n`;
}

type Run = Pick<RunStoreState, 'lanes' | 'metrics'>;

/** Every training report: its step and each lane's mean train MSE (the raw readings, not the EMA). */
export function trainLossCsv(run: Run): string {
  const { trainSteps, trainLoss } = run.metrics;
  const header = ['step', ...run.lanes.map((l) => `train_mse ${l.label}`)];
  const rows = trainSteps.map((step, i) => [step, ...run.lanes.map((_, l) => trainLoss[l]?.[i])]);
  return toCsv(header, rows);
}

/** Every evaluation: its step, each lane's MSE, and each lane's MSE / Var(y). */
export function evalCsv(run: Run): string {
  const header = ['step', ...run.lanes.map((l) => `eval_mse ${l.label}`), ...run.lanes.map((l) => `eval_rel ${l.label}`)];
  const rows = run.metrics.evals.map((e) => [e.step, ...run.lanes.map((_, l) => e.mse[l]), ...run.lanes.map((_, l) => e.rel[l])]);
  return toCsv(header, rows);
}

