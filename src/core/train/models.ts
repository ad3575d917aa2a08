/**
 * A session's models: one per architecture, each training its lanes of the plan together (a
 * "group"). The Transformer group comes first, then the RNN group: that is the order of Adam's
 * variables, of a checkpoint's parameters and of every per-lane tensor a training step stacks.
 */
import type { Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import type { ExperimentConfig, ModelKind } from '../config/types';
import type { LaneLayout } from '../models/layout';
import type { LaneParam, WeightView } from '../models/params';
import { RnnLanes } from '../models/rnn';
import { TransformerLanes } from '../models/transformer';
import { fixedFeatureDim, fixedFeaturesApply, resolvePE } from './features';
import { headCapacity } from './plan';
import type { Lane, Plan } from './plan';

/** A group of lanes of one architecture, trained together. */
export interface Group {
  readonly model: ModelKind;
  /** Indices into the session's plan.lanes. */
  readonly lanes: readonly number[];
  readonly params: readonly LaneParam[];
  /** ŷ [Lg, B, T] from a view of this group's weights. */
  readonly forward: (w: WeightView, x: Tensor2D, features: Tensor2D | null) => Tensor3D;
  readonly dispose: () => void;
}

export interface SessionModels {
  readonly groups: readonly Group[];
  /** The Transformer of the session's Transformer lanes (their logits feed the spectra), or null. */
  readonly transformer: TransformerLanes | null;
  /** Session lane indices in group order: row i of a stacked per-lane tensor is lane order[i]. */
  readonly order: readonly number[];
  /** The architecture of each parameter, in checkpoint order. */
  readonly paramModels: readonly ModelKind[];
}

/** Indices of the plan's lanes of one architecture. */
const lanesOf = (plan: Plan, model: ModelKind): number[] => plan.lanes.flatMap((l, i) => (l.model === model ? [i] : []));

function laneAt(plan: Plan, i: number): Lane {
  const lane = plan.lanes[i];
  if (!lane) throw new Error(`lane ${i} is not in the plan of ${plan.lanes.length} lanes`);
  return lane;
}

/**
 * The Transformer lanes `lanes` of `plan`. W_QKV holds the whole run's largest m_h (`runPlan`), so a
 * group's lanes start from the weights they have in the whole run.
 */
export function transformerGroup(c: ExperimentConfig, layout: LaneLayout, runPlan: Plan, plan: Plan, lanes: readonly number[]): { group: Group; model: TransformerLanes } {
  const model = new TransformerLanes({
    tau: c.tau,
    n: c.n,
    mV: c.mV,
    mFF: c.mFF,
    depth: c.depth,
    act: c.act,
    pe: resolvePE(c),
    scaleLogits: c.scaleLogits,
    peLr: c.peLr,
    headCapacity: headCapacity(runPlan.lanes),
    fixedFeatureDim: fixedFeaturesApply(c) ? fixedFeatureDim(c) : null,
    layout,
    lanes: lanes.map((i) => ({ mH: laneAt(plan, i).mH, seed: laneAt(plan, i).weightSeed })),
  });
  const forward = (w: WeightView, x: Tensor2D, features: Tensor2D | null): Tensor3D => model.forwardWith(w, x, features, false).yHat;
  return { group: { model: 'transformer', lanes, params: model.params, forward, dispose: () => model.dispose() }, model };
}

/** The RNN lanes `lanes` of `plan`. */
export function rnnGroup(c: ExperimentConfig, layout: LaneLayout, plan: Plan, lanes: readonly number[]): Group {
  const model = new RnnLanes({ tau: c.tau, hidden: c.rnnHidden, act: c.rnnAct, layout, seeds: lanes.map((i) => laneAt(plan, i).weightSeed) });
  return { model: 'rnn', lanes, params: model.params, forward: (w, x) => model.forwardWith(w, x), dispose: () => model.dispose() };
}

/** Every model of a session training `plan`'s lanes (a group of `runPlan`'s, or all of them). */
export function buildModels(c: ExperimentConfig, layout: LaneLayout, runPlan: Plan, plan: Plan): SessionModels {
  const groups: Group[] = [];
  let transformer: TransformerLanes | null = null;
  const tIdx = lanesOf(plan, 'transformer');
  if (tIdx.length > 0) {
    const built = transformerGroup(c, layout, runPlan, plan, tIdx);
    groups.push(built.group);
    transformer = built.model;
  }
  const rIdx = lanesOf(plan, 'rnn');
  if (rIdx.length > 0) groups.push(rnnGroup(c, layout, plan, rIdx));
  return {
    groups,
    transformer,
    order: groups.flatMap((g) => g.lanes),
    paramModels: groups.flatMap((g) => g.params.map(() => g.model)),
  };
}
