import type { AlterationKind, ModelKind } from '../config/types';
import type { EvalResult, PlanOutline } from '../train';

export interface CompareCell {
  readonly model: ModelKind;
  readonly alteration: AlterationKind;
  /** Mean evaluation MSE over seeds. */
  readonly mse: number;
  readonly rel: number;
  /** MSE / MSE of the same architecture on the original target (1 for the original). */
  readonly ratio: number;
  /**
   * The same ratio of relative errors (MSE / Var(y)). An alteration changes the target's scale (the
   * normalised mixing filter shrinks Var(y) about 4×), which the MSE ratio mixes into the comparison.
   */
  readonly relRatio: number;
}

/** The {RNN, Transformer} × {original, ordering, mixing} grid of paper Tables 2–3. */
export function summariseCompare(plan: PlanOutline, result: Pick<EvalResult, 'step' | 'mse' | 'rel'>): CompareCell[] {
  const cells: CompareCell[] = [];
  for (const model of ['rnn', 'transformer'] as const) {
    const byAlt = new Map<AlterationKind, { mse: number; rel: number }>();
    plan.targets.forEach((t, ti) => {
      const lanes = plan.lanes.flatMap((l, i) => (l.model === model && l.target === ti ? [i] : []));
      if (lanes.length === 0) return;
      const mse = lanes.reduce((a, i) => a + (result.mse[i] as number), 0) / lanes.length;
      const rel = lanes.reduce((a, i) => a + (result.rel[i] as number), 0) / lanes.length;
      byAlt.set(t.alteration, { mse, rel });
    });
    const original = byAlt.get('none');
    for (const [alteration, v] of byAlt) {
      cells.push({
        model,
        alteration,
        mse: v.mse,
        rel: v.rel,
        ratio: original ? v.mse / original.mse : NaN,
        relRatio: original ? v.rel / original.rel : NaN,
      });
    }
  }
  return cells;
}
