import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../../src/core/config/codec';
import { TrainingSession } from '../../../src/core/train/session';
import { DivergenceCheck } from '../../../src/core/train/divergence';
import type { TrainReport } from '../../../src/core/train';
import { backend } from '../../helpers/tf-node';

/** An RNN at lr = 1 that diverges within tens of steps. */
const DIVERGING = 'kind=single&target=memory&tau=16&model=rnn&rnnh=16&lr=1&sched=constant&steps=2000&evalev=2000';

describe('divergence is checked every step', () => {
  it('with losses read only every 300 steps, a diverging run stops on the very step it diverged (wasm)', async () => {
    await backend('wasm');
    // Where it diverges: with a read every step (the old check's best case).
    const every = new TrainingSession(decodeConfig(`${DIVERGING}&logev=1`).config, 'split');
    const first = await every.run(2000, {});
    every.dispose();
    expect(first.status).toBe('diverged');
    expect(first.step).toBeLessThan(300);
    // The same run read every 300 steps stops at the same step, not at 300.
    const rare = new TrainingSession(decodeConfig(`${DIVERGING}&logev=300`).config, 'split');
    const reports: TrainReport[] = [];
    const outcome = await rare.run(2000, { onTrain: (r) => reports.push(r) });
    expect(outcome).toEqual(first);
    expect(rare.step).toBe(first.step);
    expect(reports).toEqual([]);
    rare.dispose();
  });

  it('the device-side record (GPU backends) finds the first bad step of each lane, read once', async () => {
    await backend('cpu');
    const check = new DivergenceCheck([10, 10, 10], false);
    const steps = [
      [1, 2, 3],
      [1, Number.NaN, 3],
      [1, 2, 50],
      [1, 2, Number.POSITIVE_INFINITY],
    ];
    const before = tf.memory().numTensors;
    steps.forEach((v, i) => {
      const mse = tf.tensor1d(v);
      expect(check.afterStep(mse, i + 1)).toBeNull();
      mse.dispose();
    });
    expect(tf.memory().numTensors).toBe(before + 1); // one small record kept between reads
    const record = check.pending();
    expect(record).not.toBeNull();
    expect(Array.from(await (record as tf.Tensor).data())).toEqual([Infinity, 2, 3]);
    expect(check.fromRead(await (record as tf.Tensor).data())).toEqual({ index: 1, step: 2, loss: Number.NaN });
    expect(tf.memory().numTensors).toBe(before);
    expect(check.pending()).toBeNull();
  });

  it('the in-memory check (wasm, cpu) returns the first bad lane at once', async () => {
    await backend('cpu');
    const check = new DivergenceCheck([10, 10], true);
    const ok = tf.tensor1d([1, 2]);
    const bad = tf.tensor1d([11, Number.NaN]);
    expect(check.afterStep(ok, 1)).toBeNull();
    expect(check.afterStep(bad, 2)).toEqual({ index: 0, step: 2, loss: 11 });
    tf.dispose([ok, bad]);
    expect(check.pending()).toBeNull();
  });
});
