/**
 * The cost model's memory against independent counts on real backends: its parameter count against
 * the real session's trainable variables, and its transient parts against tf.profile's peakBytes over
 * a real training step, a real evaluation and a real logit read (wasm and cpu in Node).
 */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../../src/core/config';
import { estimateMemory } from '../../../src/core/cost';
import type { KernelFamily } from '../../../src/core/cost';
import { TrainingSession } from '../../../src/core/train';
import { backend } from '../../helpers/tf-node';

/** No loss read or evaluation inside the measured step. */
const QUIET = 'steps=1000&logev=1000&evalev=1000&evaln=256';

/** Configs across the model's sizes: hidden-layer-bound, attention-bound, several lanes of both kinds, large heads. */
const CONFIGS = [
  'v=1',
  'v=1&mff=256&depth=4&batch=16',
  'v=1&tau=128&batch=16&mff=8&n=8&mv=8&depth=2&mh=8',
  'v=1&kind=compare&target=memory&tau=32&batch=16',
  'v=1&kind=sweep&mhs=1,8,32&ranks=2,full&pe=learned&act=tanh&batch=16',
  'v=1&fixed=1&mh=16&basis=sincos',
  'v=1&kind=sweep&fixed=1&mhs=1,2,4,8,16&ranks=2,full&beta=0.25', // the Fig. 5 presets' lanes share one feature tensor
];

/**
 * Every part's estimate is at least LOW and at most HIGH[backend] times what was measured (the cpu
 * backend's Adam and dense layers keep a varying number of temporaries; the model takes the most).
 */
const LOW = 0.9;
const HIGH = { wasm: 1.8, cpu: 2.5 };

async function measure(link: string, name: 'wasm' | 'cpu') {
  await backend(name);
  const { config, problems } = decodeConfig(`${link}&${QUIET}`);
  expect(problems).toEqual([]);
  const before = tf.memory().numBytes;
  const session = new TrainingSession(config, 'split');
  const built = tf.memory().numBytes - before;
  const trainable = tf.engine().state.registeredVariables;
  const variables = Object.values(trainable).filter((v) => v.trainable);
  const paramCount = variables.reduce((n, v) => n + v.size, 0);
  await session.run(1, {}); // first step: one-off allocations out of the way
  const base = tf.memory().numBytes;
  const peak = async (f: () => Promise<unknown>): Promise<number> => (await tf.profile(async () => void (await f()))).peakBytes - base;
  const step = await peak(() => session.run(2, {}));
  const evaluation = await peak(() => session.evaluate());
  const logits = await peak(() => session.logits(128));
  const estimate = estimateMemory(config, session.runPlan.lanes, session.plan.lanes, (name === 'wasm' ? 'wasm' : 'tfjs') as KernelFamily);
  session.dispose();
  return { built, paramCount, step, evaluation, logits, estimate };
}

describe('cost model: memory', () => {
  // The cpu backend is slow: three of the configs there.
  const cases = { wasm: CONFIGS, cpu: [CONFIGS[0], CONFIGS[2], CONFIGS[5]] as string[] };
  for (const name of ['wasm', 'cpu'] as const) {
    it.each(cases[name])(`${name}: %s`, async (link) => {
      const m = await measure(link, name);
      // Parameters: the model's trainable values, exactly; persistent = weights + Adam's two moments.
      expect(m.estimate.params / 4).toBe(m.paramCount);
      expect(m.estimate.persistent).toBe(12 * m.paramCount);
      expect(Math.abs(m.built - m.estimate.persistent)).toBeLessThan(0.01 * m.estimate.persistent + 4096); // + small constants (head scale)
      for (const part of ['step', 'evaluation', 'logits'] as const) {
        if (m[part] <= 0) continue; // no Transformer lane: no logits read
        const ratio = m.estimate[part] / m[part];
        expect(ratio, `${part}: estimate ${m.estimate[part]} vs measured ${m[part]}`).toBeGreaterThanOrEqual(LOW);
        expect(ratio, `${part}: estimate ${m.estimate[part]} vs measured ${m[part]}`).toBeLessThanOrEqual(HIGH[name]);
      }
      const measuredPeak = m.estimate.persistent + Math.max(m.step, m.evaluation, m.logits);
      expect(m.estimate.peak).toBeGreaterThanOrEqual(measuredPeak);
      expect(m.estimate.peak).toBeLessThanOrEqual(HIGH[name] * measuredPeak);
    }, 60_000);
  }
});
