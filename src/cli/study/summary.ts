/**
 * The study summary: one row per lane of every experiment (its axis values, final evaluation MSE and
 * relative error) as CSV, and as JSON with, for sweeps, the fitted rate (core/results summariseSweep,
 * the fit the runner and the page print) per target rank.
 */
import type { Manifest } from '../../core/study';
import { summariseSweep } from '../../core/results';
import { planExperiment } from '../../core/train';
import type { MergedExperiment } from './assemble';

export interface SweepFitSummary {
  readonly rank: string;
  /** Fitted slope of eval MSE against m_h (log–log), or null when the fit failed (see `fitError`). */
  readonly slope: number | null;
  readonly slopeSe: number | null;
  readonly fitError: string | null;
  readonly tailSlope: number | null;
  readonly theorySlope: number | null;
}

export interface LaneSummary {
  readonly lane: number;
  readonly label: string;
  readonly mH: number;
  readonly seedIndex: number;
  readonly weightSeed: number;
  readonly step: number;
  /** Final evaluation MSE and relative error (null if lost to divergence). */
  readonly mse: number | null;
  readonly rel: number | null;
}

export interface ExperimentSummary {
  readonly id: string;
  readonly link: string;
  readonly values: Readonly<Record<string, string>>;
  readonly outcome: string;
  readonly lanes: readonly LaneSummary[];
  readonly sweep: readonly SweepFitSummary[] | null;
}

const fin = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);

export function experimentSummary(x: MergedExperiment): ExperimentSummary {
  const last = x.evals.at(-1);
  const lanes = x.lanes.map((l, i): LaneSummary => ({
    lane: i,
    label: l.label,
    mH: l.mH,
    seedIndex: l.seedIndex,
    weightSeed: l.weightSeed,
    step: last?.step ?? 0,
    mse: fin(last?.mse[i]),
    rel: fin(last?.rel[i]),
  }));
  let sweep: SweepFitSummary[] | null = null;
  if (x.config.kind === 'sweep' && last) {
    const s = summariseSweep(x.config, planExperiment(x.config), last);
    sweep = s.rows.map((r) => ({
      rank: String(r.rank),
      slope: 'error' in r.fit ? null : r.fit.slope,
      slopeSe: 'error' in r.fit ? null : r.fit.slopeSe,
      fitError: 'error' in r.fit ? r.fit.error : null,
      tailSlope: r.tailSlope,
      theorySlope: s.theorySlope,
    }));
  }
  return { id: x.experiment.id, link: x.experiment.link, values: x.experiment.values, outcome: x.outcome.status, lanes, sweep };
}

const cell = (v: string | number | null): string => {
  const s = v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** One CSV row per lane; the sweep's fitted slope (first target rank) repeated on its lanes' rows. */
export function summaryCsv(m: Manifest, rows: readonly ExperimentSummary[]): string {
  const axes = m.study.axes.map((a) => a.key);
  const header = ['experiment', ...axes, 'lane', 'label', 'm_h', 'seed_index', 'weight_seed', 'step', 'eval_mse', 'rel_error', 'fitted_slope', 'theory_slope', 'link'];
  const lines = rows.flatMap((e) =>
    e.lanes.map((l) =>
      [e.id, ...axes.map((k) => e.values[k] ?? ''), l.lane, l.label, l.mH, l.seedIndex, l.weightSeed, l.step, l.mse, l.rel, e.sweep?.[0]?.slope ?? null, e.sweep?.[0]?.theorySlope ?? null, e.link]
        .map(cell)
        .join(','),
    ),
  );
  return [header.join(','), ...lines].join('\n') + '\n';
}
