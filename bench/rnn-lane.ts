/**
 * One linear RNN lane at the table2 preset's shape (batch, τ and hidden size from
 * presetConfig('table2')), by the recurrence (forwardRecurrentWith) and by the convolution form
 * (forwardWith: src/core/models/rnn-conv.ts), on the current backend: ms of a training step's
 * forward + backward (the MSE's gradients w.r.t. the lane's weights; no optimiser, no batch
 * drawing) and of the forward alone (evaluation), in the backend's layout. Median of the timed calls
 * after a warm-up; every call reads its result back (asynchronously: webgpu in Node has no
 * synchronous read), so the work is done when the timer stops.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Scalar, Tensor, Tensor2D, Tensor3D } from '@tensorflow/tfjs-core';
import { presetConfig } from '../src/core/config/presets';
import { layoutForBackend } from '../src/core/models/layout';
import { releaseBackwardTensors } from '../src/core/models/ops';
import { currentView, weightArgs } from '../src/core/models/params';
import { RnnLanes } from '../src/core/models/rnn';
import { Rng } from '../src/core/rng';
import type { TimingPlan } from './measure';
import { renderTable } from './table';
import { median } from './stats';

export type RnnForm = 'recurrent' | 'convolution';

export interface RnnLaneResult {
  readonly backend: string;
  readonly form: RnnForm;
  readonly batch: number;
  readonly tau: number;
  readonly hidden: number;
  /** Median ms of forward + backward, and of the forward alone; timed calls of each. */
  readonly stepMs: number;
  readonly stepMinMs: number;
  readonly forwardMs: number;
  readonly timedSteps: number;
  /** Tensors before and after all timed calls (must be equal). */
  readonly tensorsBefore: number;
  readonly tensorsAfter: number;
}

/** Time `call` with the plan's warm-up and a budget of `budgetMs`: every call's ms. */
async function timeCalls(call: () => Promise<void>, plan: TimingPlan, budgetMs: number): Promise<number[]> {
  let warm = 0;
  let last = 0;
  const start = performance.now();
  while (warm < plan.maxWarmup && (warm < plan.minWarmup || performance.now() - start < plan.minWarmupMs)) {
    const t = performance.now();
    await call();
    last = performance.now() - t;
    warm += 1;
  }
  // These calls are short: up to 4× the session cases' cap, so a millisecond call still fills its budget.
  const n = Math.max(plan.minSteps, Math.min(plan.maxSteps * 4, Math.round(budgetMs / Math.max(last, 1e-3))));
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await call();
    times.push(performance.now() - t);
  }
  return times;
}

/** Both forms of one lane on the current backend; `budgetMs` is shared by the four timings. */
export async function measureRnnLane(plan: TimingPlan, budgetMs: number, log: (line: string) => void): Promise<RnnLaneResult[]> {
  const c = presetConfig('table2');
  const [B, T, H] = [c.batch, c.tau, c.rnnHidden];
  const layout = layoutForBackend(tf.getBackend());
  const model = new RnnLanes({ tau: T, hidden: H, act: 'linear', layout, seeds: [c.seed] });
  const rng = new Rng(1);
  const x = tf.tensor2d(Float32Array.from({ length: B * T }, () => rng.normal()), [B, T]) as Tensor2D;
  const y = tf.tensor3d(Float32Array.from({ length: B * T }, () => rng.normal()), [1, B, T]) as Tensor3D;
  const w = weightArgs(model.params, layout);
  const results: RnnLaneResult[] = [];
  try {
    for (const form of ['recurrent', 'convolution'] as const) {
      const run = (view: ReturnType<typeof w.view>): Tensor3D =>
        form === 'recurrent' ? model.forwardRecurrentWith(view, x) : model.forwardWith(view, x); // [1, B, T]
      const step = async (): Promise<void> => {
        const out = tf.tidy(() => {
          const loss = (...a: Tensor[]): Scalar => tf.mean(tf.squaredDifference(run(w.view(a)), y));
          const { value, grads } = tf.valueAndGrads(loss)(w.args);
          return [value, ...grads];
        });
        await Promise.all(out.map((t) => t.data()));
        tf.dispose(out);
      };
      const forward = async (): Promise<void> => {
        const out = tf.tidy(() => run(currentView(model.params, layout)));
        await out.data();
        out.dispose();
      };
      const tensorsBefore = tf.memory().numTensors;
      const steps = await timeCalls(step, plan, budgetMs / 4);
      const forwards = await timeCalls(forward, plan, budgetMs / 4);
      const tensorsAfter = tf.memory().numTensors;
      releaseBackwardTensors(); // none are left (the ops drop theirs); a leak shows in tensorsAfter
      const r: RnnLaneResult = {
        backend: tf.getBackend(),
        form,
        batch: B,
        tau: T,
        hidden: H,
        stepMs: median(steps),
        stepMinMs: Math.min(...steps),
        forwardMs: median(forwards),
        timedSteps: steps.length,
        tensorsBefore,
        tensorsAfter,
      };
      log(`  RNN lane, ${form}: ${r.stepMs.toFixed(2)} ms forward + backward (${steps.length} calls), ${r.forwardMs.toFixed(2)} ms forward`);
      results.push(r);
    }
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
  return results;
}

export function rnnLaneTable(results: readonly RnnLaneResult[]): string {
  const header = ['backend', 'form', 'B·τ·H', 'calls', 'fwd+bwd ms', 'min', 'forward ms', 'fwd+bwd speed-up', 'tensors flat'];
  const rows = results.map((r) => {
    const rec = results.find((q) => q.backend === r.backend && q.form === 'recurrent');
    return [
      r.backend,
      r.form,
      `${r.batch}·${r.tau}·${r.hidden}`,
      String(r.timedSteps),
      r.stepMs.toFixed(2),
      r.stepMinMs.toFixed(2),
      r.forwardMs.toFixed(2),
      rec ? `${(rec.stepMs / r.stepMs).toFixed(1)}×` : '–',
      r.tensorsBefore === r.tensorsAfter ? 'yes' : 'NO',
    ];
  });
  return renderTable(header, rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'l']);
}
