import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import type { ExperimentConfig, ModelKind } from '../config/types';
import { Adam } from '../models/adam';
import type { LaneLayout } from '../models/layout';
import { releaseBackwardTensors } from '../models/ops';
import { assignAll, currentView, paramLrScales, paramVariables, weightArgs } from '../models/params';
import type { LaneParam, WeightArgs } from '../models/params';
import { stackedSize, stackValues, unstackValues } from '../models/stacked';
import type { TransformerLanes } from '../models/transformer';
import { streamRng } from '../rng';
import type { Rng } from '../rng';
import { laneTargets, sampleInputs } from './data';
import type { SessionCheckpoint } from './checkpoint';
import { LossSum } from './loss-sum';
import { sliceCheckpoint } from './shards';
import { EvalSet } from './eval-set';
import type { EvalResult } from './eval-set';
import { fixedFeatureDim, fixedFeatures, fixedFeaturesApply } from './features';
import { perLaneMse } from './lane-mse';
import { copiesOnWrite, StepBuffers } from './step-buffers';
import { buildModels } from './models';
import type { Group } from './models';
import { groupPlan, planExperiment } from './plan';
import type { Plan } from './plan';
import { learningRate } from './schedule';
import { now, tick, YIELD_MS } from './yield';
import { DIVERGED, DivergenceCheck } from './divergence';
import type { Divergence } from './divergence';
import type { RunOutcome, TrainEvents, TrainReport } from './events';

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
  private readonly groups: readonly Group[];
  /** This session's lane indices in group order (./models.ts): row i of every stacked per-lane tensor is lane order[i]. */
  private readonly order: readonly number[];
  /** The architecture of each parameter of a checkpoint (its `params` order). */
  readonly paramModels: readonly ModelKind[];
  private readonly adam: Adam;
  private readonly batches: Rng;
  /** Per lane, the factor applied to y for training (1 / std(y) when normalising). */
  private readonly yScale: Float64Array;
  private readonly transformer: TransformerLanes | null;
  private stepCount = 0;
  private readonly loss = new LossSum();
  /** A step's inputs, targets and features in host memory (reused on wasm: ./step-buffers.ts). */
  private readonly buffers = new StepBuffers(copiesOnWrite(tf.getBackend()));
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
    this.laneIds = laneIds ? [...laneIds] : this.runPlan.lanes.map((_, i) => i);
    this.plan = laneIds ? groupPlan(this.runPlan, this.laneIds) : this.runPlan;
    this.batches = streamRng(c.seed, 'batches');
    this.evalSet = new EvalSet(c, this.plan);
    this.yScale = Float64Array.from(this.plan.lanes, (l) =>
      c.normalizeY ? 1 / Math.sqrt(this.evalSet.targetVariance[l.target] || 1) : 1,
    );
    const models = buildModels(c, layout, this.runPlan, this.plan);
    this.groups = models.groups;
    this.transformer = models.transformer;
    this.order = models.order;
    this.paramModels = models.paramModels;
    const cpuMemory = tf.getBackend() === 'wasm' || tf.getBackend() === 'cpu';
    this.divergence = new DivergenceCheck(this.order.map((l) => DIVERGED * this.refVariance(l)), cpuMemory);
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
        if (bad >= 0) return this.divergedAt(s, bad, `loss ${report.laneLoss[bad]}`);
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
    const lanes = this.groups.find((g) => g.model === 'transformer')?.lanes ?? [];
    return { lanes: lanes.map((i) => this.laneIds[i] ?? i), data, count: n }; // run plan indices
  }

  /** The whole training state at the current step (see SessionCheckpoint), parameters stacked per lane. */
  async snapshot(): Promise<SessionCheckpoint> {
    const params = this.params();
    const values = await Promise.all(this.variables().map(async (v) => Float32Array.from(await v.data())));
    const loss = await this.loss.save();
    const adam = await this.adam.snapshot();
    return {
      step: this.stepCount,
      params: stackValues(params, values),
      adam: { t: adam.t, m: stackValues(params, adam.m), v: stackValues(params, adam.v) },
      batches: this.batches.getState(),
      ...loss,
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
    this.loss.restore(cp.lossSum, cp.lossSteps);
    this.stepCount = cp.step;
  }

  dispose(): void {
    this.divergence.dispose();
    for (const g of this.groups) g.dispose();
    this.adam.dispose();
    this.loss.dispose();
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
    const position = new Int32Array(this.order.length);
    this.order.forEach((laneIdx, i) => (position[laneIdx] = i));
    const yHat = this.order.every((l, i) => l === i) ? grouped : tf.gather(grouped, position); // plan order
    const inv = tf.tensor3d(Float32Array.from(this.yScale, (s) => 1 / s), [this.laneCount, 1, 1]);
    return tf.mul(yHat, inv) as Tensor3D;
  }

  private trainStep(): void {
    const c = this.config;
    const B = c.batch;
    const T = c.tau;
    const L = this.order.length;
    const xData = sampleInputs(this.batches, B, T, this.buffers.get('x', B * T));
    const yData = laneTargets(this.plan, this.order, this.yScale, xData, B, this.buffers.get('y', L * B * T)); // [L, B, T] in group order
    // The fixed features are the Transformer's input, shared by its lanes: [B·T, F]
    const featureData = fixedFeaturesApply(c) && this.transformer ? fixedFeatures(c, xData, B, this.buffers.get('features', B * T * fixedFeatureDim(c))) : null;
    const lr = learningRate(c.schedule, c.lr, this.stepCount, c.steps, c.warmup);
    const laneMse = tf.tidy(() => {
      const x = tf.tensor2d(xData, [B, T]);
      const y = tf.tensor3d(yData, [L, B, T]);
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
        const perLane = perLaneMse(yHat, y); // [L]
        mse = tf.keep(perLane);
        return tf.sum(perLane) as tf.Scalar;
      })(args);
      releaseBackwardTensors(); // none, unless an op's gradient was pruned
      this.adam.apply(grads, lr); // grads[i] belongs to variables()[i]
      if (!mse) throw new Error('loss not computed');
      return mse as Tensor;
    });
    this.diverged ??= this.divergence.afterStep(laneMse, this.stepCount + 1);
    this.loss.add(laneMse);
    this.stepCount += 1;
  }

  /** The outcome of a divergence found by the per-step check (index in group order). */
  private divergedOutcome(d: Divergence): RunOutcome {
    const lane = this.order[d.index] ?? d.index;
    const scale = this.yScale[lane] ?? 1;
    return this.divergedAt(d.step, lane, Number.isNaN(d.loss) ? 'a loss that is not finite or above 1e4 × Var(y)' : `loss ${d.loss / (scale * scale)}`);
  }

  /** Lane `lane` (plan index) diverged at `step`; `loss` says how, in words. */
  private divergedAt(step: number, lane: number, loss: string): RunOutcome {
    const label = this.plan.lanes[lane]?.label ?? lane;
    return { status: 'diverged', step, lane, message: `Training diverged at step ${step}: lane "${label}" has ${loss}. Try a smaller learning rate (lr) or logit scaling.` };
  }

  /** Mean loss since the last read, mapped back to plan order and the raw y scale. */
  private async readLoss(): Promise<TrainReport> {
    const { sum, steps } = this.loss.take();
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
      this.order.forEach((laneIdx, i) => {
        const s = this.yScale[laneIdx] ?? 1;
        laneLoss[laneIdx] = (data[i] as number) / steps / (s * s);
      });
    }
    return { step: this.stepCount, laneLoss };
  }
}
