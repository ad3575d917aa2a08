import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../../src/core/config/codec';
import type { ExperimentConfig } from '../../../src/core/config/types';
import { TrainingSession } from '../../../src/core/train/session';
import type { EvalResult, TrainReport } from '../../../src/core/train';
import { Rng } from '../../../src/core/rng';
import { backend } from '../../helpers/tf-node';

function config(link: string): ExperimentConfig {
  const { config, problems } = decodeConfig(link);
  expect(problems).toEqual([]);
  return config;
}

interface Log {
  train: TrainReport[];
  evals: EvalResult[];
}

async function runTo(session: TrainingSession, step: number, log: Log = { train: [], evals: [] }): Promise<Log> {
  await session.run(step, { onTrain: (r) => log.train.push(r), onEval: (e) => log.evals.push(e) });
  return log;
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)) / Math.abs(a[i] as number));
  return worst;
}

// A sweep of three lanes, a cosine schedule (the lr depends on the step), and a checkpoint at step 25:
// between two loss reports (logEvery 10), so the partial loss sum must be carried over too.
const LINK = 'kind=sweep&mhs=1,2,4&n=8&mff=16&mv=8&batch=16&evaln=64&tau=8&modes=8&steps=60&logev=10&evalev=20&sched=cosine&seed=5';
const K = 25;

describe('TrainingSession checkpoints', () => {
  it('a run restored at step k from a checkpoint reaches the same numbers as one never interrupted', async () => {
    const tf = await backend('wasm');
    const c = config(LINK);
    expect(c.schedule).toBe('cosine');
    const whole = new TrainingSession(c, 'split');
    const ref = await runTo(whole, c.steps);

    const first = new TrainingSession(c, 'split');
    await runTo(first, K);
    // What IndexedDB stores is a structured clone: the restored copy must not share memory with the session.
    const saved = structuredClone(await first.snapshot());
    expect(saved.step).toBe(K);
    expect(saved.lossSteps).toBe(5);
    expect(saved.lossSum?.length).toBe(3);
    first.dispose();

    const before = tf.memory().numTensors;
    const resumed = new TrainingSession(c, 'split');
    const created = tf.memory().numTensors;
    resumed.restore(saved);
    expect(resumed.step).toBe(K);
    expect(tf.memory().numTensors).toBe(created + 1); // only the carried loss sum is new
    const tail = await runTo(resumed, c.steps);

    // Reports after k: the first one (step 30) averages 5 steps before and 5 after the checkpoint.
    const refTail = ref.train.filter((r) => r.step > K);
    expect(tail.train.map((r) => r.step)).toEqual(refTail.map((r) => r.step));
    tail.train.forEach((r, i) => expect(maxRelDiff(refTail[i]?.laneLoss ?? [], r.laneLoss)).toBeLessThan(1e-6));
    const refEvals = ref.evals.filter((e) => e.step > K);
    expect(tail.evals.map((e) => e.step)).toEqual([40, 60]);
    tail.evals.forEach((e, i) => expect(maxRelDiff(refEvals[i]?.mse ?? [], e.mse)).toBeLessThan(1e-6));
    // And the final weights agree.
    const a = await whole.snapshot();
    const b = await resumed.snapshot();
    a.params.forEach((p, i) => expect(maxRelDiff(p, b.params[i] ?? new Float32Array())).toBeLessThan(1e-5));
    expect(b.adam.t).toBe(60);
    resumed.dispose();
    expect(tf.memory().numTensors).toBe(before);
    whole.dispose();
  });

  it('restoring rewinds a session that trained on, and a checkpoint of another experiment is refused untouched', async () => {
    await backend('wasm');
    const c = config(LINK);
    const s = new TrainingSession(c, 'split');
    await runTo(s, 20);
    const at20 = await s.snapshot();
    const on = await runTo(s, 40);
    s.restore(at20);
    const again = await runTo(s, 40);
    expect(again.evals.map((e) => Array.from(e.mse))).toEqual(on.evals.map((e) => Array.from(e.mse)));

    const other = new TrainingSession(config(LINK.replace('mhs=1,2,4', 'mhs=1,2')), 'split');
    const foreign = await other.snapshot();
    other.dispose();
    const mid = await s.snapshot();
    expect(() => s.restore(foreign)).toThrow(/does not fit this experiment/);
    expect(() => s.restore({ ...mid, step: 999 })).toThrow(/outside 0…60/);
    const after = await s.snapshot();
    expect(after.step).toBe(mid.step);
    expect(after.params.map((p) => Array.from(p))).toEqual(mid.params.map((p) => Array.from(p)));
    s.dispose();
  });

  it('a checkpoint holds each parameter stacked [L, rows, cols] whatever the layout: split and batched sessions trade checkpoints', async () => {
    await backend('cpu');
    const c = config(LINK);
    const split = new TrainingSession(c, 'split');
    const batched = new TrainingSession(c, 'batched');
    const s0 = await split.snapshot();
    const b0 = await batched.snapshot();
    // Same initial weights, in the same stacked form (3 lanes per parameter).
    expect(s0.params.map((p) => Array.from(p))).toEqual(b0.params.map((p) => Array.from(p)));
    expect(s0.params.length).toBe(b0.params.length);
    await runTo(batched, 5);
    const b5 = await batched.snapshot();
    split.restore(b5);
    const back = await split.snapshot();
    expect(back.params.map((p) => Array.from(p))).toEqual(b5.params.map((p) => Array.from(p)));
    expect(back.adam.m.map((p) => Array.from(p))).toEqual(b5.adam.m.map((p) => Array.from(p)));
    expect(back.adam.v.map((p) => Array.from(p))).toEqual(b5.adam.v.map((p) => Array.from(p)));
    expect(back.adam.t).toBe(5);
    split.dispose();
    batched.dispose();
  });

  it('an Rng given another one’s state draws the same numbers, the cached normal included', () => {
    const a = new Rng(42);
    for (let i = 0; i < 7; i++) a.nextU32();
    a.normal(); // leaves a spare normal cached
    const b = new Rng(1);
    b.setState(structuredClone(a.getState()));
    expect([b.normal(), b.next(), b.nextU32()]).toEqual([a.normal(), a.next(), a.nextU32()]);
    const s = a.getState();
    expect([s.a, s.b, s.c, s.d].every((w) => w >= 0 && w <= 0xffffffff)).toBe(true);
    expect(() => b.setState({ a: 0, b: 0, c: 0, d: 0, spare: null })).toThrow(/not all zero/);
    expect(() => b.setState({ ...s, a: -1 })).toThrow(/32-bit unsigned/);
  });
});
