import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../../src/core/config/codec';
import type { ExperimentConfig } from '../../../src/core/config/types';
import { TrainingSession } from '../../../src/core/train/session';
import type { EvalResult, TrainReport } from '../../../src/core/train';
import { backend } from '../../helpers/tf-node';

function config(link: string): ExperimentConfig {
  const { config, problems } = decodeConfig(link);
  expect(problems).toEqual([]);
  return config;
}

async function train(link: string, steps?: number): Promise<{ train: TrainReport[]; evals: EvalResult[]; session: TrainingSession }> {
  const session = new TrainingSession(config(link), 'split');
  const train: TrainReport[] = [];
  const evals: EvalResult[] = [];
  const outcome = await session.run(steps ?? session.config.steps, { onTrain: (r) => train.push(r), onEval: (e) => evals.push(e) });
  expect(outcome.status).toBe('done');
  return { train, evals, session };
}

const small = 'n=8&mff=16&mv=8&batch=16&evaln=64&tau=8&modes=8';

describe('TrainingSession', () => {
  it('a lane of a sweep reproduces the same model trained alone (same seed)', async () => {
    await backend('wasm');
    const alone = await train(`kind=single&mh=2&steps=50&logev=10&evalev=50&seed=3&${small}`);
    const sweep = await train(`kind=sweep&mhs=1,2,4&steps=50&logev=10&evalev=50&seed=3&${small}`);
    expect(sweep.session.laneCount).toBe(3);
    const lane = sweep.session.plan.lanes.findIndex((l) => l.mH === 2);
    for (let i = 0; i < alone.train.length; i++) {
      const a = alone.train[i]?.laneLoss[0] as number;
      const b = sweep.train[i]?.laneLoss[lane] as number;
      expect(Math.abs(a - b) / a).toBeLessThan(1e-4);
    }
    const a = alone.evals.at(-1)?.mse[0] as number;
    const b = sweep.evals.at(-1)?.mse[lane] as number;
    expect(Math.abs(a - b) / a).toBeLessThan(1e-4);
    // The other lanes really are different models.
    expect(sweep.evals.at(-1)?.mse[0]).not.toBeCloseTo(b, 8);
    alone.session.dispose();
    sweep.session.dispose();
  });

  it('the same link gives the same numbers, and the tensor count stays flat', async () => {
    const tf = await backend('wasm');
    const before = tf.memory().numTensors;
    const link = `kind=sweep&mhs=1,3&steps=40&logev=5&evalev=20&seed=9&${small}`;
    const counts: number[] = [];
    const s1 = new TrainingSession(config(link), 'split');
    const losses1: number[] = [];
    await s1.run(40, {
      onTrain: (r) => {
        losses1.push(...r.laneLoss);
        counts.push(tf.memory().numTensors);
      },
    });
    expect(new Set(counts.slice(1)).size).toBe(1);
    s1.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const s2 = new TrainingSession(config(link), 'split');
    const losses2: number[] = [];
    await s2.run(40, { onTrain: (r) => losses2.push(...r.laneLoss) });
    s2.dispose();
    expect(losses2).toEqual(losses1);
    expect(losses1.length).toBe(16);
  });

  it('training lowers the error, and evaluation reports MSE and MSE / Var(y)', async () => {
    await backend('wasm');
    const session = new TrainingSession(config('kind=single&target=memory&tau=8&model=rnn&rnnh=16&steps=300&lr=0.01&logev=50&evalev=150&batch=32&evaln=128'), 'split');
    const first = await session.evaluate();
    expect(first.step).toBe(0);
    const evals: EvalResult[] = [];
    await session.run(300, { onEval: (e) => evals.push(e) });
    const last = evals.at(-1) as EvalResult;
    expect(last.mse[0]).toBeLessThan((first.mse[0] as number) / 10);
    const variance = session.evalSet.targetVariance[0] as number;
    expect(last.rel[0]).toBeCloseTo((last.mse[0] as number) / variance, 12);
    // Per-position MSE: [L × T], its mean over t is the MSE.
    expect(last.byT.length).toBe(8);
    expect(last.byT.reduce((a, b) => a + b, 0) / 8).toBeCloseTo(last.mse[0] as number, 12);
    session.dispose();
  });

  it('per-position MSE equals a direct computation from the evaluation set (ŷ = 0 gives the mean of y²)', async () => {
    await backend('wasm');
    const session = new TrainingSession(config('kind=compare&target=memory&tau=6&swapk=2&rnnh=4&steps=1&logev=1&evalev=1&mh=2&n=8&mff=16&mv=8&evaln=300'), 'split');
    const { evalSet, plan } = session;
    const L = plan.lanes.length;
    const T = 6;
    const r = await evalSet.evaluate(7, (x) => tf.zeros([L, x.shape[0], T]) as tf.Tensor3D);
    expect(r.step).toBe(7);
    plan.lanes.forEach((lane, l) => {
      const y = evalSet.y[lane.target] as Float32Array;
      for (let t = 0; t < T; t++) {
        let acc = 0;
        for (let i = 0; i < evalSet.size; i++) acc += (y[i * T + t] as number) ** 2;
        expect(r.byT[l * T + t]).toBeCloseTo(acc / evalSet.size, 10);
      }
    });
    // The ordered target's first positions read the swapped-in late inputs: a different y column.
    expect(r.byT[1 * T]).not.toBeCloseTo(r.byT[0] as number, 6);
    // ŷ = y, chunk by chunk (the evaluation runs in chunks of 256 sequences): zero everywhere.
    let start = 0;
    const exact = await evalSet.evaluate(0, (x) => {
      const n = x.shape[0];
      const yHat = tf.stack(plan.lanes.map((lane) => tf.tensor2d((evalSet.y[lane.target] as Float32Array).subarray(start * T, (start + n) * T), [n, T]))); // [L, n, T]
      start += n;
      return yHat as tf.Tensor3D;
    });
    expect(start).toBe(evalSet.size);
    expect(Array.from(exact.byT).every((v) => v === 0)).toBe(true);
    session.dispose();
  });

  it('a pause returns "stopped" and a later run continues from the same step', async () => {
    await backend('wasm');
    const link = `kind=single&mh=2&steps=30&logev=5&evalev=30&seed=4&${small}`;
    const whole = await train(link);
    const s = new TrainingSession(config(link), 'split');
    let calls = 0;
    const paused = await s.run(30, {}, () => ++calls > 12);
    expect(paused).toEqual({ status: 'stopped', step: 12 });
    const losses: number[] = [];
    const rest = await s.run(30, { onTrain: (r) => losses.push(r.laneLoss[0] as number) });
    expect(rest.status).toBe('done');
    // The step-15 report averages steps 13–15 only after a pause at 12, so compare the reports after it.
    const tail = whole.train.filter((r) => r.step > 15).map((r) => r.laneLoss[0]);
    expect(losses.slice(-tail.length)).toEqual(tail);
    s.dispose();
    whole.session.dispose();
  });

  it('a diverging run stops with a message naming the lane and the fix, keeping what was reported', async () => {
    await backend('wasm');
    const s = new TrainingSession(config('kind=single&target=memory&tau=16&model=rnn&rnnh=16&lr=1&sched=constant&steps=200&logev=1&evalev=200'), 'split');
    const reports: TrainReport[] = [];
    const outcome = await s.run(200, { onTrain: (r) => reports.push(r) });
    expect(outcome.status).toBe('diverged');
    if (outcome.status === 'diverged') {
      expect(outcome.message).toMatch(/diverged at step \d+/);
      expect(outcome.message).toMatch(/RNN/);
      expect(outcome.message).toMatch(/learning rate/);
      expect(reports.length).toBe(outcome.step - 1);
      expect(reports.every((r) => Number.isFinite(r.laneLoss[0]))).toBe(true);
    }
    s.dispose();
  });

  it('pelr multiplies the position embedding’s Adam step and no other', async () => {
    await backend('wasm');
    const link = `kind=single&target=memory&pe=learned&mh=2&steps=10&sched=constant&lr=0.001&logev=1&evalev=10&${small}`;
    const step = async (peLr: number): Promise<{ before: Float32Array[]; after: Float32Array[] }> => {
      const s = new TrainingSession(config(`${link}&pelr=${peLr}`), 'split');
      const before = (await s.snapshot()).params.map((p) => Float32Array.from(p));
      await s.run(1, {});
      const after = (await s.snapshot()).params.map((p) => Float32Array.from(p));
      s.dispose();
      return { before, after };
    };
    const one = await step(1);
    const fast = await step(30);
    const tauN = 8 * 8; // E is [τ, n]: the only parameter of that size in this model
    const eIdx = one.before.flatMap((p, i) => (p.length === tauN ? [i] : []));
    expect(eIdx).toHaveLength(1);
    one.before.forEach((p0, i) => {
      expect(fast.before[i]).toEqual(p0); // the same initial weights
      const d1 = Array.from(one.after[i] as Float32Array, (v, j) => v - (p0[j] as number));
      const d30 = Array.from(fast.after[i] as Float32Array, (v, j) => v - (p0[j] as number));
      if (i === eIdx[0]) {
        // Adam's first step is ≈ lr·sign(g) per entry: thirty times as far, entry by entry.
        expect(Math.max(...d1.map(Math.abs))).toBeGreaterThan(5e-4);
        d1.forEach((d, j) => expect(Math.abs((d30[j] as number) - 30 * d)).toBeLessThan(1e-5));
      } else {
        expect(d30).toEqual(d1);
      }
    });
  });

  it('a comparison trains RNNs and Transformers on the original, ordered and mixed targets', async () => {
    await backend('wasm');
    const { session, evals } = await train('kind=compare&target=memory&tau=12&swapk=3&rnnh=8&steps=20&logev=10&evalev=20&mh=2&' + 'n=8&mff=16&mv=8&batch=16&evaln=64');
    expect(session.plan.lanes.map((l) => l.label)).toEqual([
      'RNN · none',
      'RNN · order',
      'RNN · mix',
      'Transformer · none',
      'Transformer · order',
      'Transformer · mix',
    ]);
    const last = evals.at(-1) as EvalResult;
    expect(last.mse.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    session.dispose();
  });
});
