/**
 * The notebook oracle: parseNotebook either returns a run or refuses with a NotebookError whose
 * message is short; a returned run keeps every invariant the views rely on (checked here on their
 * own, not by calling the validator's checks) and draws: the live charts' frames and ticks, the
 * spectrum scenes and the CSV exports run on it without throwing.
 */
import { planLanes, planTargetSpecs } from '../../src/core/train/plan';
import { createRunStore } from '../../src/state/app-state';
import { MAX_VALUE } from '../../src/state/history/guards';
import { NotebookError, parseNotebook } from '../../src/state/history/notebook';
import type { NotebookRun } from '../../src/state/history/notebook';
import { evalCsv, trainLossCsv } from '../../src/ui/export/csv';
import { curvesScene, evalCurves, lossCurves } from '../../src/ui/plots/curves';
import { MAX_TICKS } from '../../src/ui/scene/scale';
import { attentionCsv, positionCsv } from '../../src/ui/views/csv';
import { meanScene } from '../../src/ui/views/mean-scene';
import { violinScene } from '../../src/ui/views/violin-scene';
import { THEME } from '../ui/views/fixtures';
import type { Finding } from './report';

/** The longest refusal message (the page clips notices at 400 characters anyway). */
export const MAX_REFUSAL = 400;

const numbersOk = (xs: ArrayLike<number>): boolean => Array.prototype.every.call(xs, (v: number) => Number.isNaN(v) || (v >= 0 && v <= MAX_VALUE));

/** What a returned run must satisfy; each broken invariant is a 'bound' finding. */
function invariants(run: NotebookRun): string[] {
  const bad: string[] = [];
  const c = run.config;
  const plan = planLanes(c);
  const targets = planTargetSpecs(c).length;
  const laneKey = (l: { model: string; mH: number; target: number; seedIndex: number }): string => `${l.model}/${l.mH}/${l.target}/${l.seedIndex}`;
  if (plan.map(laneKey).join() !== run.lanes.map(laneKey).join()) bad.push('lanes differ from the plan');
  if (run.lanes.some((l) => l.label.length > 200)) bad.push('a long label');
  if (run.targetVariance.length !== targets || run.targetSpectra.length !== targets) bad.push('per-target lists differ from the plan');
  if (run.totalSteps !== c.steps || run.step > run.totalSteps) bad.push('steps');
  const m = run.metrics;
  const stepOk = (s: number): boolean => Number.isInteger(s) && s >= 0 && s <= run.totalSteps;
  if (!m.trainSteps.every(stepOk) || !m.evals.every((e) => stepOk(e.step)) || !m.spectra.every((s) => stepOk(s.step))) bad.push('a step out of range');
  if (!numbersOk(run.targetVariance) || !m.trainLoss.every(numbersOk) || !m.evals.every((e) => numbersOk(e.mse) && numbersOk(e.rel) && (!e.byT || numbersOk(e.byT)))) bad.push('a metric out of range');
  for (const s of m.spectra) {
    if (s.keep !== c.tau || s.count < 1 || s.count > c.evalSize) bad.push('spectra keep/count');
    if (s.raw.length !== s.lanes.length * s.count * s.keep || !numbersOk(s.raw) || !numbersOk(s.centred)) bad.push('spectra values');
    if (s.lanes.some((l) => run.lanes[l]?.model !== 'transformer')) bad.push('spectra of a lane that is not a Transformer');
    if (s.attention && !numbersOk(s.attention)) bad.push('attention values');
  }
  for (const t of run.targetSpectra) if (t && (t.keep !== c.tau || t.raw.length !== t.count * t.keep || !numbersOk(t.raw) || !numbersOk(t.exact))) bad.push('target spectra');
  return bad;
}

/** Draw what the page would draw; a throw here is a 'throw' finding, too many ticks a 'bound' one. */
function draws(run: NotebookRun): string[] {
  const bad: string[] = [];
  const store = createRunStore();
  store.getState().loadRecord(run);
  const s = store.getState();
  for (const c of [lossCurves(s, 0.6), evalCurves(s, false), evalCurves(s, true)]) {
    const scene = curvesScene(c);
    if (scene.x.ticks.length > MAX_TICKS || scene.y.ticks.length > MAX_TICKS) bad.push('too many ticks');
  }
  const lane = run.lanes.findIndex((l) => l.model === 'transformer');
  if (lane >= 0) {
    const choice = { lane, snapshot: null, centre: false };
    const scenes = [meanScene(s, choice, THEME), violinScene(s, choice, THEME)];
    if (scenes.some((sc) => sc.targets.length > run.config.tau)) bad.push('a scene wider than τ');
  }
  for (const csv of [trainLossCsv(s), evalCsv(s), positionCsv(s), attentionCsv(s)]) if (csv.length === 0) bad.push('an empty CSV');
  return bad;
}

export function checkNotebook(text: string, valid: boolean): Finding[] {
  let run: NotebookRun;
  try {
    run = parseNotebook(text);
  } catch (err) {
    if (!(err instanceof NotebookError)) throw err;
    const out: Finding[] = [];
    if (err.message.length > MAX_REFUSAL) out.push({ kind: 'bound', what: `a refusal of ${err.message.length} characters` });
    if (valid) out.push({ kind: 'bound', what: `a valid notebook was refused: ${err.message}` });
    return out;
  }
  if (({} as Record<string, unknown>).polluted !== undefined) return [{ kind: 'bound', what: 'Object.prototype was changed' }];
  return [...invariants(run), ...draws(run)].map((what) => ({ kind: 'bound', what }));
}
