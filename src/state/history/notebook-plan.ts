/**
 * A notebook checked against the plan of its own config (planLanes and planTargetSpecs, the cheap
 * half of planExperiment: no target is built): the invariants every view relies on. Its lanes are the
 * config's lanes, in plan order; every per-target list has one entry per planned target; spectra
 * hold τ values per sequence, at most the evaluation set's sequences, for Transformer lanes only;
 * every step lies within the run's length, which is the config's `steps`.
 */
import type { ExperimentConfig } from '../../core/config';
import { planLanes, planTargetSpecs } from '../../core/train/plan';
import type { LogitSpectra } from '../../core/results';
import type { LaneInfo } from '../../worker/protocol';
import { NotebookError } from './guards';
import type { RunRecord } from './record';

/** What the plan checks read of a parsed notebook: the run record's fields they concern. */
export type PlannedRun = Pick<RunRecord, 'config' | 'step' | 'totalSteps' | 'lanes' | 'targetVariance' | 'targetSpectra' | 'metrics'>;

const describeLane = (l: Pick<LaneInfo, 'model' | 'mH' | 'target' | 'seedIndex'>): string =>
  `${l.model === 'rnn' ? 'RNN' : `Transformer m_h ${l.mH}`} on target ${l.target}, seed ${l.seedIndex}`;

function checkLanes(run: PlannedRun, targets: number): void {
  const plan = planLanes(run.config);
  if (run.lanes.length !== plan.length) {
    throw new NotebookError(`lanes: the file has ${run.lanes.length} lanes, but its config trains ${plan.length}`);
  }
  run.lanes.forEach((lane, i) => {
    if (lane.target >= targets) throw new NotebookError(`lanes[${i}].target: target ${lane.target} does not exist (the config plans ${targets})`);
    const p = plan[i];
    if (p && (p.model !== lane.model || p.mH !== lane.mH || p.target !== lane.target || p.seedIndex !== lane.seedIndex)) {
      throw new NotebookError(`lanes[${i}]: ${describeLane(lane)}, but its config plans ${describeLane(p)} there`);
    }
  });
}

function checkStep(step: number, path: string, total: number): void {
  if (step > total) throw new NotebookError(`${path}: step ${step} is past the run's last step (${total})`);
}

function checkSpectra(s: { readonly count: number; readonly keep: number }, path: string, c: ExperimentConfig): void {
  if (s.keep !== c.tau) throw new NotebookError(`${path}.keep: ${s.keep} values per sequence, but the config's τ is ${c.tau}`);
  if (s.count < 1 || s.count > c.evalSize) {
    throw new NotebookError(`${path}.count: ${s.count} sequences; between 1 and the evaluation set's ${c.evalSize} are possible`);
  }
}

function checkLogitSpectra(s: LogitSpectra, path: string, run: PlannedRun): void {
  checkSpectra(s, path, run.config);
  checkStep(s.step, `${path}.step`, run.totalSteps);
  const seen = new Set<number>();
  s.lanes.forEach((lane, i) => {
    if (run.lanes[lane]?.model !== 'transformer') throw new NotebookError(`${path}.lanes[${i}]: lane ${lane} is not a Transformer lane (only those have attention logits)`);
    if (seen.has(lane)) throw new NotebookError(`${path}.lanes[${i}]: lane ${lane} is listed twice`);
    seen.add(lane);
  });
  if (s.attentionCount > s.count) {
    throw new NotebookError(`${path}.attentionCount: ${s.attentionCount} is more than the ${s.count} sequences analysed`);
  }
}

/** Throws a NotebookError naming the first way the run breaks its own config's plan. */
export function checkAgainstPlan(run: PlannedRun): void {
  const c = run.config;
  const targets = planTargetSpecs(c).length;
  checkLanes(run, targets);
  if (run.targetVariance.length !== targets) throw new NotebookError(`targetVariance: ${run.targetVariance.length} entries, but the config plans ${targets} targets`);
  if (run.targetSpectra.length !== targets) throw new NotebookError(`targetSpectra: ${run.targetSpectra.length} entries, but the config plans ${targets} targets`);
  if (run.totalSteps !== c.steps) throw new NotebookError(`totalSteps: ${run.totalSteps}, but the config's steps is ${c.steps}`);
  checkStep(run.step, 'step', run.totalSteps);
  run.targetSpectra.forEach((t, i) => t && checkSpectra(t, `targetSpectra[${i}]`, c));
  const m = run.metrics;
  m.trainSteps.forEach((s, i) => checkStep(s, `metrics.trainSteps[${i}]`, run.totalSteps));
  m.evals.forEach((e, i) => checkStep(e.step, `metrics.evals[${i}].step`, run.totalSteps));
  m.spectra.forEach((s, i) => checkLogitSpectra(s, `metrics.spectra[${i}]`, run));
}
