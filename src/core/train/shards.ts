/**
 * Checkpoints of a run trained in groups (src/core/train/groups.ts). A group's session saves its own
 * lanes; `mergeShardCheckpoints` joins the groups' checkpoints of one step into the checkpoint the
 * whole run's session would have saved, and `sliceCheckpoint` takes a group's lanes back out. So a
 * saved run has one format whatever number of workers trained it, and resumes on any other number.
 *
 * The layout they translate (TrainingSession's): parameters come model by model, Transformer first,
 * then RNN; each parameter's array holds that model's lanes stacked in plan order, one equal-sized
 * chunk per lane. The loss sum holds one value per lane in the same model-by-model order.
 */
import type { ModelKind } from '../config/types';
import type { SessionCheckpoint } from './checkpoint';
/** What these functions need of a plan's lane: its architecture. */
export interface ModelLane {
  readonly model: ModelKind;
}

const MODELS: readonly ModelKind[] = ['transformer', 'rnn'];

/** A group's checkpoint with what it takes to place it in the run. */
export interface ShardCheckpoint {
  /** Run plan index of each of the group's lanes, in plan order. */
  readonly lanes: readonly number[];
  /** The architecture of each of the checkpoint's parameters. */
  readonly paramModels: readonly ModelKind[];
  readonly checkpoint: SessionCheckpoint;
}

/** The lanes of `ids` in a session's loss-sum order: Transformer lanes, then RNN lanes, each in plan order. */
export function modelOrder(planLanes: readonly ModelLane[], ids: readonly number[]): number[] {
  const sorted = [...ids].sort((a, b) => a - b);
  return MODELS.flatMap((m) => sorted.filter((i) => planLanes[i]?.model === m));
}

const ofModel = (planLanes: readonly ModelLane[], ids: readonly number[], m: ModelKind): number[] =>
  [...ids].sort((a, b) => a - b).filter((i) => planLanes[i]?.model === m);

/** Join the groups' checkpoints of one step into the whole run's. Throws if they do not fit together. */
export function mergeShardCheckpoints(planLanes: readonly ModelLane[], shards: readonly ShardCheckpoint[]): SessionCheckpoint {
  const first = shards[0];
  if (!first) throw new Error('mergeShardCheckpoints: no checkpoints');
  const f = first.checkpoint;
  const owner = new Map<number, ShardCheckpoint>();
  for (const s of shards) {
    const c = s.checkpoint;
    if (c.step !== f.step || c.adam.t !== f.adam.t || c.lossSteps !== f.lossSteps || JSON.stringify(c.batches) !== JSON.stringify(f.batches)) {
      throw new Error(`mergeShardCheckpoints: the groups are not at the same step (${c.step} vs ${f.step})`);
    }
    if (s.paramModels.length !== c.params.length) throw new Error('mergeShardCheckpoints: paramModels do not match the parameters');
    for (const l of s.lanes) {
      if (owner.has(l)) throw new Error(`mergeShardCheckpoints: lane ${l} is in two groups`);
      owner.set(l, s);
    }
  }
  if (owner.size !== planLanes.length) throw new Error(`mergeShardCheckpoints: the groups hold ${owner.size} of the run's ${planLanes.length} lanes`);
  const all = planLanes.map((_, i) => i);
  const join = (pick: (c: SessionCheckpoint) => readonly Float32Array[]): Float32Array[] =>
    MODELS.flatMap((m) => {
      const lanes = ofModel(planLanes, all, m);
      const holders = shards.filter((s) => s.lanes.some((l) => planLanes[l]?.model === m));
      const count = holders[0]?.paramModels.filter((x) => x === m).length ?? 0;
      if (holders.some((s) => s.paramModels.filter((x) => x === m).length !== count)) throw new Error(`mergeShardCheckpoints: groups disagree on the ${m} parameters`);
      return Array.from({ length: count }, (_, j) => {
        const parts = lanes.map((lane) => {
          const s = owner.get(lane) as ShardCheckpoint;
          const own = ofModel(planLanes, s.lanes, m);
          const arr = pick(s.checkpoint)[s.paramModels.indexOf(m) + j] as Float32Array;
          const z = arr.length / own.length;
          const p = own.indexOf(lane);
          return arr.subarray(p * z, (p + 1) * z);
        });
        const out = new Float32Array(parts.reduce((n, x) => n + x.length, 0));
        let at = 0;
        for (const x of parts) {
          out.set(x, at);
          at += x.length;
        }
        return out;
      });
    });
  const lossSum = f.lossSum === null ? null : Float32Array.from(modelOrder(planLanes, all), (lane) => {
    const s = owner.get(lane) as ShardCheckpoint;
    const sum = s.checkpoint.lossSum;
    if (!sum) throw new Error('mergeShardCheckpoints: some groups have a loss sum and some do not');
    return sum[modelOrder(planLanes, s.lanes).indexOf(lane)] as number;
  });
  return {
    step: f.step,
    params: join((c) => c.params),
    adam: { t: f.adam.t, m: join((c) => c.adam.m), v: join((c) => c.adam.v) },
    batches: f.batches,
    lossSum,
    lossSteps: f.lossSteps,
  };
}

/**
 * The part of a whole run's checkpoint that a group's session holds: its lanes (`ids`), whose
 * parameters are `paramModels` (the group session's own). Sizes are checked by the session's restore.
 */
export function sliceCheckpoint(whole: SessionCheckpoint, planLanes: readonly ModelLane[], ids: readonly number[], paramModels: readonly ModelKind[]): SessionCheckpoint {
  const all = planLanes.map((_, i) => i);
  const cut = (arrays: readonly Float32Array[]): Float32Array[] =>
    MODELS.flatMap((m) => {
      const count = paramModels.filter((x) => x === m).length;
      if (count === 0) return [];
      // Transformer parameters open the whole run's list; RNN parameters close it.
      const offset = m === 'transformer' ? 0 : arrays.length - count;
      const runLanes = ofModel(planLanes, all, m);
      const own = ofModel(planLanes, ids, m);
      return Array.from({ length: count }, (_, j) => {
        const arr = arrays[offset + j];
        if (!arr) throw new Error(`The checkpoint does not fit this experiment: it lacks ${m} parameter ${j}.`);
        const z = arr.length / runLanes.length;
        const out = new Float32Array(own.length * z);
        own.forEach((lane, k) => {
          const p = runLanes.indexOf(lane);
          out.set(arr.subarray(p * z, (p + 1) * z), k * z);
        });
        return out;
      });
    });
  const order = modelOrder(planLanes, all);
  const sum = whole.lossSum;
  return {
    step: whole.step,
    params: cut(whole.params),
    adam: { t: whole.adam.t, m: cut(whole.adam.m), v: cut(whole.adam.v) },
    batches: whole.batches,
    lossSum: sum === null ? null : Float32Array.from(modelOrder(planLanes, ids), (lane) => sum[order.indexOf(lane)] ?? NaN),
    lossSteps: whole.lossSteps,
  };
}
