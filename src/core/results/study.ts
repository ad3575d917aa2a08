/**
 * The table of a study: one summary number per run, gathered into points along the study's x axis.
 * For sweeps the number is the fitted rate exponent (the full-rank slope of summariseSweep, the fit
 * the runner and the rate view print), with the finite-K tail slope and the theory's −(2α − 1) beside
 * it; for single runs and comparisons it is the final evaluation MSE, the mean over the run's lanes.
 * A point is the mean over the seed axis, with its spread (min–max and the sample standard deviation).
 */
import { SCHEMA } from '../config';
import type { ExperimentConfig, Rank } from '../config';
import { planLanes, planTargetSpecs } from '../train/plan';
import type { EvalResult } from '../train';
import { fieldText, isStudyShape, studyShape } from './study-shape';
import type { NotAStudy, StudyShape } from './study-shape';
import { summariseSweep } from './sweep';

type Field = keyof ExperimentConfig;

/** One run of a study: its config and its last evaluation (null when it has none). */
export interface StudyRun {
  readonly id: string;
  readonly config: ExperimentConfig;
  readonly last: Pick<EvalResult, 'step' | 'mse' | 'rel'> | null;
}

/** A run's summary number (null: none, and why), with the sweep's tail and theory slopes. */
export interface RunValue {
  readonly value: number | null;
  readonly why: string | null;
  readonly tail: number | null;
  readonly theory: number | null;
}

export interface StudyPoint {
  /** The x value: the field's number, or the category's index for a field that is not a number. */
  readonly x: number;
  /** The x value as the link writes it. */
  readonly label: string;
  /** Runs at this point, and the summary values that exist among them (in seed order). */
  readonly runs: number;
  readonly values: readonly number[];
  /** Mean, sample standard deviation (0 with one value), min and max of `values` (NaN when empty). */
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  /** Sweeps: the mean finite-K tail slope and the theory's slope at this point (else null). */
  readonly tail: number | null;
  readonly theory: number | null;
}

export interface StudySeries {
  /** The other axes' values ("steps=1500, lr=0.01"; '' when there are none). */
  readonly name: string;
  readonly points: readonly StudyPoint[];
}

export interface StudyTable extends StudyShape {
  /** 'slope': the fitted rate exponent (sweeps); 'mse': the final evaluation MSE, mean over lanes. */
  readonly metric: 'slope' | 'mse';
  /** The target rank whose fit is the slope (sweeps), else null. */
  readonly rank: Rank | null;
  /** x is a number field (int or float); otherwise points sit at 0, 1, … under `categories`. */
  readonly numeric: boolean;
  readonly categories: readonly string[];
  readonly series: readonly StudySeries[];
  readonly runCount: number;
  /** Runs without a summary value, and why (a failed fit, a diverged run, no evaluation). */
  readonly missing: readonly { readonly id: string; readonly why: string }[];
}

/** The rank whose slope a study of sweeps draws: full rank when every run trains it, else a rank they share. */
function sharedRank(configs: readonly ExperimentConfig[]): Rank | null {
  const all = (r: Rank): boolean => configs.every((c) => c.ranks.includes(r));
  if (all('full')) return 'full';
  return configs[0]?.ranks.find(all) ?? null;
}

const mean = (xs: readonly number[]): number => (xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
function sd(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
}

/** The summary number of one run (see the file's comment). */
export function runValue(run: StudyRun, rank: Rank | null): RunValue {
  const none = (why: string): RunValue => ({ value: null, why, tail: null, theory: null });
  const last = run.last;
  if (!last) return none('no evaluation');
  const c = run.config;
  if (c.kind !== 'sweep') {
    const finite = Array.from(last.mse).filter(Number.isFinite);
    return finite.length > 0 ? { value: mean(finite), why: null, tail: null, theory: null } : none('every lane diverged');
  }
  const s = summariseSweep(c, { targets: planTargetSpecs(c), lanes: planLanes(c) }, last);
  const row = s.rows.find((r) => r.rank === rank);
  if (!row) return none(`no target of rank ${String(rank)}`);
  if ('error' in row.fit) return { ...none(`no fit (${row.fit.error})`), theory: s.theorySlope };
  return { value: row.fit.slope, why: null, tail: row.tailSlope, theory: s.theorySlope };
}

/** Texts in natural order ("steps=200" before "steps=1500"); one collator for every comparison. */
const natural = new Intl.Collator('en', { numeric: true });
const byNumber = (a: string, b: string): number => natural.compare(a, b);

/**
 * The study's table, built one run at a time: it yields after each run's summary, so a caller can
 * spread hundreds of runs over several tasks (studyTable runs it to the end).
 */
export function* studyTableSteps(runs: readonly StudyRun[]): Generator<undefined, StudyTable | NotAStudy, undefined> {
  const configs = runs.map((r) => r.config);
  const shape = studyShape(configs);
  if (!isStudyShape(shape)) return shape;
  const rank = shape.kind === 'sweep' ? sharedRank(configs) : null;
  if (shape.kind === 'sweep' && rank === null) return { error: 'the sweeps share no target rank, so their fitted slopes do not compare' };
  const values: RunValue[] = [];
  for (const run of runs) {
    values.push(runValue(run, rank));
    yield;
  }
  const x: Field = shape.x;
  const numeric = SCHEMA[x].type === 'int' || SCHEMA[x].type === 'float';
  const categories = numeric ? [] : [...new Set(configs.map((c) => fieldText(c, x)))].sort(byNumber);
  const xOf = (c: ExperimentConfig): number => (numeric ? Number(c[x]) : categories.indexOf(fieldText(c, x)));
  const seriesName = (c: ExperimentConfig): string => shape.seriesBy.map((f) => `${SCHEMA[f].key}=${fieldText(c, f)}`).join(', ');
  const groups = new Map<string, Map<string, number[]>>();
  runs.forEach((r, i) => {
    const points = groups.get(seriesName(r.config)) ?? new Map<string, number[]>();
    groups.set(seriesName(r.config), points);
    const label = fieldText(r.config, x);
    points.set(label, [...(points.get(label) ?? []), i]);
  });
  // Within a point, runs in seed order (the order of `values`).
  const seedOf = (i: number): number => runs[i]?.config.seed ?? 0;
  const series = [...groups].sort(([a], [b]) => byNumber(a, b)).map(([name, points]): StudySeries => ({
    name,
    points: [...points.values()]
      .map((members): StudyPoint => {
        const sorted = [...members].sort((a, b) => seedOf(a) - seedOf(b));
        const at = sorted.map((i) => values[i] as RunValue);
        const found = at.flatMap((v) => (v.value === null ? [] : [v.value]));
        const tails = at.flatMap((v) => (v.tail === null ? [] : [v.tail]));
        const config = (runs[sorted[0] as number] as StudyRun).config;
        return {
          x: xOf(config),
          label: fieldText(config, x),
          runs: members.length,
          values: found,
          mean: mean(found),
          sd: found.length > 0 ? sd(found) : Number.NaN,
          min: found.length > 0 ? Math.min(...found) : Number.NaN,
          max: found.length > 0 ? Math.max(...found) : Number.NaN,
          tail: tails.length > 0 ? mean(tails) : null,
          theory: at.find((v) => v.theory !== null)?.theory ?? null,
        };
      })
      .sort((a, b) => a.x - b.x),
  }));
  const missing = runs.flatMap((r, i) => {
    const v = values[i];
    return v && v.value === null ? [{ id: r.id, why: v.why ?? 'no value' }] : [];
  });
  return { ...shape, metric: shape.kind === 'sweep' ? 'slope' : 'mse', rank, numeric, categories, series, runCount: runs.length, missing };
}

/** The study's table at once (tests, and callers that do not slice). */
export function studyTable(runs: readonly StudyRun[]): StudyTable | NotAStudy {
  const steps = studyTableSteps(runs);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
