import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import type { ExperimentConfig } from '../config/types';
import { Adam } from '../models/adam';
import type { LaneLayout } from '../models/layout';
import { releaseBackwardTensors } from '../models/ops';
import { assignAll, currentView, paramLrScales, paramVariables, weightArgs } from '../models/params';
import type { LaneParam, WeightArgs, WeightView } from '../models/params';
import { stackedSize, stackValues, unstackValues } from '../models/stacked';
import { RnnLanes } from '../models/rnn';
import { TransformerLanes } from '../models/transformer';
import { streamRng } from '../rng';
import type { Rng } from '../rng';
import { laneTargets, sampleInputs } from './data';
import type { SessionCheckpoint } from './checkpoint';
import { sliceCheckpoint } from './shards';
import type { ModelKind } from '../config/types';
import { EvalSet } from './eval-set';
import type { EvalResult } from './eval-set';
import { fixedFeatureDim, fixedFeatures, resolvePE } from './features';
import { planExperiment } from './plan';
import type { Lane, Plan } from './plan';
import { learningRate } from './schedule';
import { now, tick, YIELD_MS } from './yield';
import { DIVERGED, DivergenceCheck } from './divergence';
import type { Divergence } from './divergence';

export interface TrainReport {
  readonly step: number;
  /** Mean training MSE of each lane over the steps since the last report, on the raw y scale. */
  readonly laneLoss: Float64Array;
}

export interface TrainEvents {
  onTrain?(r: TrainReport): void;
  onEval?(r: EvalResult): void;
}

export type RunOutcome =
  | { readonly status: 'done' | 'stopped'; readonly step: number }
  | { readonly status: 'diverged'; readonly step: number; readonly lane: number; readonly message: string };

/** A group of lanes of one architecture, trained together. */
interface Group {
  readonly lanes: readonly number[]; // indices into plan.lanes
  readonly params: readonly LaneParam[];
  /** ŷ [Lg, B, T] from a view of this group's weights. */
  readonly forward: (w: WeightView, x: Tensor2D, features: Tensor2D | null) => Tensor3D;
  readonly dispose: () => void;
}

/**
 * One experiment's training state: every lane of the plan, one Adam, one batch stream. `run` trains
 * until a step count or a stop request and can be called again (pause / step / resume). Reports go to
 * callbacks, never to the console.
 */
export class TrainingSession {
  /**
   * The lanes this session trains (all of the run's, or a group of them): per-lane arrays of its
   * reports and checkpoints follow this plan's lane order.
   */
  readonly plan: Plan;
  /** The whole run's plan. */
  readonly runPlan: Plan;
  /** Index in runPlan.lanes of each of this session's lanes. */
  readonly laneIds: readonly number[];
  readonly evalSet: EvalSet;
  private readonly groups: Group[];
  /** The architecture of each parameter of a checkpoint (its `params` order). */
  readonly paramModels: ModelKind[];
  private readonly adam: Adam;
  private readonly batches: Rng;
  /** Per lane, the factor applied to y for training (1 / std(y) when normalising). */
  private readonly yScale: Float64Array;
  private readonly transformer: TransformerLanes | null;
  private readonly transformerLanes: readonly number[];
  private stepCount = 0;
  private lossSum: Tensor | null = null;
  private lossSteps = 0;
  /** Every step's losses checked for divergence (./divergence.ts); the first found, if any. */
  private readonly divergence: DivergenceCheck;
  private diverged: Divergence | null = null;

  /** `laneIds`: train only these lanes of the run (a worker's group); all of them by default. */
  constructor(
    readonly config: ExperimentConfig,
    readonly layout: LaneLayout,
    laneIds?: readonly number[],
  ) {
    const c = config;
    this.runPlan = planExperiment(c);
    const all = this.runPlan.lanes;
    this.laneIds = laneIds ? [...laneIds] : all.map((_, i) => i);
    this.plan = laneIds ? { targets: this.runPlan.targets, lanes: this.laneIds.map((i) => laneAt(all, i)) } : this.runPlan;
    this.paramModels = [];
    this.batches = streamRng(c.seed, 'batches');
    this.evalSet = new EvalSet(c, this.plan);
    this.yScale = Float64Array.from(this.plan.lanes, (l) =>
      c.normalizeY ? 1 / Math.sqrt(this.evalSet.targetVariance[l.target] || 1) : 1,
    );
    const tIdx = this.plan.lanes.flatMap((l, i) => (l.model === 'transformer' ? [i] : []));
    const rIdx = this.plan.lanes.flatMap((l, i) => (l.model === 'rnn' ? [i] : []));
    this.groups = [];
    this.transformer = null;
    this.transformerLanes = tIdx;
    if (tIdx.length > 0) {
      const fixed = c.fixedFeatures && c.target === 'coupling';
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
        headCapacity: Math.max(0, ...all.filter((l) => l.model === 'transformer').map((l) => l.mH)),
        fixedFeatureDim: fixed ? fixedFeatureDim(c) : null,
        layout,
        lanes: tIdx.map((i) => {
          const lane = this.plan.lanes[i];
          if (!lane) throw new Error('lane index');
          return { mH: lane.mH, seed: lane.weightSeed };
        }),
      });
      this.transformer = model;
      this.paramModels.push(...model.params.map(() => 'transformer' as const));
      this.groups.push({
        lanes: tIdx,
        params: model.params,
        forward: (w, x, features) => model.forwardWith(w, x, features, false).yHat,
        dispose: () => model.dispose(),
      });
    }
    if (rIdx.length > 0) {
      const model = new RnnLanes({
        tau: c.tau,
        hidden: c.rnnHidden,
        act: c.rnnAct,
        layout,
        seeds: rIdx.map((i) => this.plan.lanes[i]?.weightSeed ?? c.seed),
      });
      this.paramModels.push(...model.params.map(() => 'rnn' as const));
      this.groups.push({ lanes: rIdx, params: model.params, forward: (w, x) => model.forwardWith(w, x), dispose: () => model.dispose() });
    }
    const order = this.groups.flatMap((g) => g.lanes);
    const cpuMemory = tf.getBackend() === 'wasm' || tf.getBackend() === 'cpu';
    this.divergence = new DivergenceCheck(order.map((l) => DIVERGED * this.refVariance(l)), cpuMemory);
    this.adam = new Adam(
      this.variables(),
      { beta1: 0.9, beta2: 0.999, epsilon: c.adamEps, lrScales: paramLrScales(this.params()) },
    );
  }

  get step(): number {
    return this.stepCount;
  }

  get laneCount(): number {
    return this.plan.lanes.length;
  }

  /** Train until `untilStep` (capped at config.steps) or until `shouldStop()` says so. */
  async run(untilStep: number, events: TrainEvents, shouldStop: () => boolean = () => false): Promise<RunOutcome> {
    const c = this.config;
    const end = Math.min(untilStep, c.steps);
    let lastYield = now();
    while (this.stepCount < end) {
      // Yield to the event loop at least every YIELD_MS, so a pause message is seen within a step or two.
      if (now() - lastYield > YIELD_MS) {
        await tick();
        lastYield = now();
      }
      if (shouldStop()) return { status: 'stopped', step: this.stepCount };
      this.trainStep();
      const s = this.stepCount;
      if (this.diverged) return this.divergedOutcome(this.diverged);
      if (s % c.logEvery === 0 || s === c.steps) {
        const report = await this.readLoss();
        if (this.diverged) return this.divergedOutcome(this.diverged);
        const bad = report.laneLoss.findIndex((v, l) => !Number.isFinite(v) || v * (this.yScale[l] ?? 1) ** 2 > DIVERGED * this.refVariance(l));
        if (bad >= 0) {
          const lane = this.plan.lanes[bad];
          return {
            status: 'diverged',
            step: s,
            lane: bad,
            message: `Training diverged at step ${s}: lane "${lane?.label ?? bad}" has loss ${report.laneLoss[bad]}. Try a smaller learning rate (lr) or logit scaling.`,
          };
        }
        events.onTrain?.(report);
        await tick();
        lastYield = now();
      }
      if (s % c.evalEvery === 0 || s === c.steps) {
        events.onEval?.(await this.evaluate());
        await tick();
        lastYield = now();
      }
    }
    return { status: this.stepCount >= c.steps ? 'done' : 'stopped', step: this.stepCount };
  }

  /** Evaluation MSE and relative error of every lane on the fixed evaluation set. */
  async evaluate(): Promise<EvalResult> {
    return this.evalSet.evaluate(this.stepCount, (x, features) => this.predict(x, features));
  }

  /** Attention logits S of every Transformer lane on the first `count` evaluation sequences; lanes as run plan indices. */
  async logits(count: number): Promise<{ lanes: readonly number[]; data: Float32Array; count: number }> {
    const model = this.transformer;
    if (!model) return { lanes: [], data: new Float32Array(0), count: 0 };
    const n = Math.min(count, this.evalSet.size);
    const S = tf.tidy(() => {
      const { x, features } = this.evalSet.tensors(0, n);
      return model.forward(x, features, true).logits as tf.Tensor4D; // [Lt, n, T, T]
    });
    const data = (await S.data()) as Float32Array;
    S.dispose();
    return { lanes: this.transformerLanes.map((i) => this.laneIds[i] ?? i), data, count: n }; // run plan indices
  }

  /** The whole training state at the current step (see SessionCheckpoint), parameters stacked per lane. */
  async snapshot(): Promise<SessionCheckpoint> {
    const params = this.params();
    const values = await Promise.all(this.variables().map(async (v) => Float32Array.from(await v.data())));
    const lossSum = this.lossSum ? Float32Array.from(await this.lossSum.data()) : null;
    const adam = await this.adam.snapshot();
    return {
      step: this.stepCount,
      params: stackValues(params, values),
      adam: { t: adam.t, m: stackValues(params, adam.m), v: stackValues(params, adam.v) },
      batches: this.batches.getState(),
      lossSum,
      lossSteps: this.lossSteps,
    };
  }

  /**
   * Go back (or forward) to a checkpoint taken from a session of the same config: training then
   * continues exactly as the session it came from would have. The checkpoint holds the whole run's
   * lanes (a group's session takes its own out of it). Throws, changing nothing, if the checkpoint's
   * shapes do not fit this session.
   */
  restore(whole: SessionCheckpoint): void {
    const cp = this.laneIds.length === this.runPlan.lanes.length ? whole : sliceCheckpoint(whole, this.runPlan.lanes, this.laneIds, this.paramModels);
    const params = this.params();
    const sizes = params.map(stackedSize);
    const fits = (xs: readonly Float32Array[]): boolean => xs.length === params.length && xs.every((x, i) => x.length === sizes[i]);
    if (!fits(cp.params) || !fits(cp.adam.m) || !fits(cp.adam.v)) {
      throw new Error(`The checkpoint does not fit this experiment: it holds ${cp.params.length} parameter tensors, the experiment has ${params.length} (or their sizes differ).`);
    }
    if (!Number.isInteger(cp.step) || cp.step < 0 || cp.step > this.config.steps) throw new Error(`The checkpoint's step ${cp.step} is outside 0…${this.config.steps}.`);
    if (cp.lossSum && cp.lossSum.length !== this.laneCount) throw new Error(`The checkpoint's loss sum has ${cp.lossSum.length} lanes, the experiment ${this.laneCount}.`);
    // Per variable (split: one per lane), computed before anything changes.
    const values = unstackValues(params, cp.params);
    const adam = { t: cp.adam.t, m: unstackValues(params, cp.adam.m), v: unstackValues(params, cp.adam.v) };
    this.batches.setState(cp.batches);
    assignAll(this.variables(), values, 'Parameter');
    this.adam.restore(adam);
    this.lossSum?.dispose();
    this.lossSum = cp.lossSum ? tf.tensor1d(cp.lossSum) : null;
    this.lossSteps = cp.lossSum ? cp.lossSteps : 0;
    this.stepCount = cp.step;
  }

  dispose(): void {
    this.divergence.dispose();
    for (const g of this.groups) g.dispose();
    this.adam.dispose();
    this.lossSum?.dispose();
    this.lossSum = null;
  }

  /** Every parameter, group by group: the order of a checkpoint's stacked arrays. */
  private params(): LaneParam[] {
    return this.groups.flatMap((g) => g.params);
  }

  /** Every trained variable, in the order Adam holds them (and a training step's gradients come). */
  private variables(): tf.Variable[] {
    return paramVariables(this.params());
  }

  private refVariance(lane: number): number {
    const l = this.plan.lanes[lane];
    return l ? this.evalSet.targetVariance[l.target] || 1 : 1;
  }

  /** ŷ of every lane, in plan order, on the raw scale: [L, B, T]. */
  private predict(x: Tensor2D, features: Tensor2D | null): Tensor3D {
    const parts = this.groups.map((g) => g.forward(currentView(g.params, this.layout), x, features));
    const grouped = parts.length === 1 ? (parts[0] as Tensor3D) : tf.concat(parts, 0); // group order
    const order = this.groups.flatMap((g) => g.lanes);
    const position = new Int32Array(order.length);
    order.forEach((laneIdx, i) => (position[laneIdx] = i));
    const yHat = order.every((l, i) => l === i) ? grouped : tf.gather(grouped, position); // plan order
    const inv = tf.tensor3d(Float32Array.from(this.yScale, (s) => 1 / s), [this.laneCount, 1, 1]);
    return tf.mul(yHat, inv) as Tensor3D;
  }

  private trainStep(): void {
    const c = this.config;
    const B = c.batch;
    const T = c.tau;
    const xData = sampleInputs(this.batches, B, T);
    const order = this.groups.flatMap((g) => g.lanes);
    const yData = laneTargets(this.plan, order, this.yScale, xData, B); // [L, B, T] in group order
    const featureData = this.needsFeatures() ? fixedFeatures(c, xData, B) : null;
    const lr = learningRate(c.schedule, c.lr, this.stepCount, c.steps, c.warmup);
    const laneMse = tf.tidy(() => {
      const x = tf.tensor2d(xData, [B, T]);
      const y = tf.tensor3d(yData, [order.length, B, T]);
      const features = featureData ? tf.tensor2d(featureData, [B * T, featureData.length / (B * T)]) : null;
      // Leaf tensors to differentiate: each group's variables, per lane (split) or stacked (batched).
      const groupArgs = this.groups.map((g) => weightArgs(g.params, this.layout));
      const args = groupArgs.flatMap((w) => w.args);
      let mse: Tensor | null = null;
      const { grads } = tf.valueAndGrads((...a: Tensor[]) => {
        let offset = 0;
        const parts = this.groups.map((g, gi) => {
          const w = groupArgs[gi] as WeightArgs;
          const view = w.view(a.slice(offset, offset + w.args.length));
          offset += w.args.length;
          return g.forward(view, x, features);
        });
        const yHat = parts.length === 1 ? (parts[0] as Tensor3D) : tf.concat(parts, 0); // [L, B, T]
        const perLane = tf.mean(tf.squaredDifference(yHat, y), [1, 2]); // [L]
        mse = tf.keep(perLane);
        return tf.sum(perLane) as tf.Scalar;
      })(args);
      releaseBackwardTensors(); // none, unless an op's gradient was pruned
      this.adam.apply(grads, lr); // grads[i] belongs to variables()[i]
      if (!mse) throw new Error('loss not computed');
      return mse as Tensor;
    });
    this.diverged ??= this.divergence.afterStep(laneMse, this.stepCount + 1);
    const next = this.lossSum ? tf.add(this.lossSum, laneMse) : laneMse;
    if (this.lossSum) {
      this.lossSum.dispose();
      laneMse.dispose();
    }
    this.lossSum = next;
    this.lossSteps += 1;
    this.stepCount += 1;
  }

  /** The outcome of a divergence found by the per-step check (index in group order). */
  private divergedOutcome(d: Divergence): RunOutcome {
    const laneIdx = this.groups.flatMap((g) => g.lanes)[d.index] ?? d.index;
    const lane = this.plan.lanes[laneIdx];
    const scale = this.yScale[laneIdx] ?? 1;
    const loss = Number.isNaN(d.loss) ? 'a loss that is not finite or above 1e4 × Var(y)' : `loss ${d.loss / (scale * scale)}`;
    return {
      status: 'diverged',
      step: d.step,
      lane: laneIdx,
      message: `Training diverged at step ${d.step}: lane "${lane?.label ?? laneIdx}" has ${loss}. Try a smaller learning rate (lr) or logit scaling.`,
    };
  }

  private needsFeatures(): boolean {
    return this.config.fixedFeatures && this.config.target === 'coupling' && this.transformer !== null;
  }

  /** Mean loss since the last read, mapped back to plan order and the raw y scale. */
  private async readLoss(): Promise<TrainReport> {
    const sum = this.lossSum;
    const steps = this.lossSteps;
    this.lossSum = null;
    this.lossSteps = 0;
    const laneLoss = new Float64Array(this.laneCount);
    if (sum) {
      // The device-side divergence record (GPU backends) comes back in the same read as the loss.
      const pending = this.divergence.pending();
      const both = pending ? tf.concat([sum, pending]) : sum;
      const all = await both.data();
      if (pending) both.dispose();
      const data = all.subarray(0, this.laneCount);
      if (pending) this.diverged ??= this.divergence.fromRead(all.subarray(this.laneCount));
      sum.dispose();
      this.groups.flatMap((g) => g.lanes).forEach((laneIdx, i) => {
        const s = this.yScale[laneIdx] ?? 1;
        laneLoss[laneIdx] = (data[i] as number) / steps / (s * s);
      });
    }
    return { step: this.stepCount, laneLoss };
  }
}

function laneAt(lanes: readonly Lane[], i: number): Lane {
  const lane = lanes[i];
  if (!lane) throw new Error(`lane ${i} is not in the run's plan of ${lanes.length} lanes`);
  return lane;
}
