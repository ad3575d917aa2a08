/**
 * Train one work unit: the headless runner's single-thread path (src/cli/experiment.ts), a
 * TrainingSession restricted to the unit's lanes (the lane ids a browser worker or a runner thread is
 * given), so each lane's numbers are those of the whole experiment trained at once.
 */
import * as tf from '@tensorflow/tfjs-core';
import { decodeClean } from '../../core/study';
import type { Manifest, WorkUnit } from '../../core/study';
import { TrainingSession } from '../../core/train';
import type { EvalResult } from '../../core/train';
import { layoutForBackend } from '../../core/models/layout';
import { RESULT_FORMAT } from './result';
import type { UnitBody, UnitEval } from './result';

const plain = (x: ArrayLike<number>): (number | null)[] => Array.from(x, (v) => (Number.isFinite(v) ? v : null));
const evalOf = (e: EvalResult): UnitEval => ({ step: e.step, mse: plain(e.mse), rel: plain(e.rel), byT: plain(e.byT) });

/** Train `unit` of manifest `m` on the current tfjs backend (selected by the caller). */
export async function trainUnit(m: Manifest, unit: WorkUnit): Promise<UnitBody> {
  const e = m.experiments[unit.experiment];
  if (!e) throw new Error(`unit ${unit.id}: no experiment ${unit.experiment}`);
  const c = decodeClean(e.link, e.id);
  const session = new TrainingSession(c, layoutForBackend(m.backend), unit.lanes);
  const t0 = performance.now();
  const trainSteps: number[] = [];
  const trainLoss: (number | null)[][] = unit.lanes.map(() => []);
  const evals: UnitEval[] = [];
  try {
    const outcome = await session.run(c.steps, {
      onTrain: (r) => {
        trainSteps.push(r.step);
        trainLoss.forEach((l, i) => l.push(plain([r.laneLoss[i] as number])[0] ?? null));
      },
      onEval: (r) => evals.push(evalOf(r)),
    });
    // As the runner does: a run whose last step was not an evaluation step is evaluated once more.
    if (evals.at(-1)?.step !== outcome.step) evals.push(evalOf(await session.evaluate()));
    return {
      format: RESULT_FORMAT,
      unit: unit.id,
      link: e.link,
      lanes: unit.lanes,
      backend: tf.getBackend(),
      outcome,
      seconds: (performance.now() - t0) / 1000,
      targetVariance: Array.from(session.evalSet.targetVariance),
      trainSteps,
      trainLoss,
      evals,
    };
  } finally {
    session.dispose();
  }
}
