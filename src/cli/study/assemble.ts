/**
 * Join the units of one experiment into the run the whole experiment would have been: per-lane
 * arrays in plan order, the units' evaluation and logging steps (which must agree: every unit of an
 * experiment runs the same schedule), the worst outcome.
 */
import type { ExperimentConfig } from '../../core/config';
import { decodeClean } from '../../core/study';
import type { Experiment, Manifest } from '../../core/study';
import { planLanes } from '../../core/train';
import type { Lane, RunOutcome } from '../../core/train';
import type { UnitResult } from './result';

export interface MergedEval {
  readonly step: number;
  readonly mse: Float64Array;
  readonly rel: Float64Array;
  readonly byT: Float64Array;
}

export interface MergedExperiment {
  readonly experiment: Experiment;
  readonly config: ExperimentConfig;
  readonly lanes: readonly Lane[];
  readonly backend: string;
  readonly outcome: RunOutcome;
  readonly targetVariance: readonly number[];
  readonly trainSteps: readonly number[];
  readonly trainLoss: number[][];
  readonly evals: readonly MergedEval[];
}

const num = (v: number | null | undefined): number => (v === null || v === undefined ? NaN : v);

export function assembleExperiment(m: Manifest, e: Experiment, results: ReadonlyMap<string, UnitResult>): MergedExperiment {
  const c = decodeClean(e.link, e.id);
  const lanes = planLanes(c);
  const units = m.units.filter((u) => u.experiment === e.index).map((u) => results.get(u.id) as UnitResult);
  const first = units[0];
  if (!first) throw new Error(`${e.id}: no units`);
  const steps = (r: UnitResult): string => JSON.stringify([r.trainSteps, r.evals.map((x) => x.step)]);
  const odd = units.find((r) => steps(r) !== steps(first));
  if (odd) throw new Error(`${e.id}: unit ${odd.unit} logged or evaluated at other steps than ${first.unit} (units of one experiment run one schedule)`);
  const L = lanes.length;
  const tau = c.tau;
  const trainLoss: number[][] = lanes.map(() => []);
  const evals = first.evals.map((x) => ({ step: x.step, mse: new Float64Array(L), rel: new Float64Array(L), byT: new Float64Array(L * tau) }));
  for (const r of units) {
    r.lanes.forEach((lane, k) => {
      trainLoss[lane] = (r.trainLoss[k] ?? []).map(num);
      r.evals.forEach((x, j) => {
        const out = evals[j] as MergedEval;
        out.mse[lane] = num(x.mse[k]);
        out.rel[lane] = num(x.rel[k]);
        for (let t = 0; t < tau; t++) out.byT[lane * tau + t] = num(x.byT[k * tau + t]);
      });
    });
  }
  const diverged = units.find((r) => r.outcome.status === 'diverged');
  const outcome: RunOutcome = diverged
    ? diverged.outcome
    : { status: units.every((r) => r.outcome.status === 'done') ? 'done' : 'stopped', step: Math.min(...units.map((r) => r.outcome.step)) };
  return { experiment: e, config: c, lanes, backend: first.backend, outcome, targetVariance: first.targetVariance, trainSteps: first.trainSteps, trainLoss, evals };
}
