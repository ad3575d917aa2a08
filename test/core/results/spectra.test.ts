import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../../src/core/config/codec';
import { ATTENTION_SEQUENCES, logitSpectra } from '../../../src/core/results';
import { TrainingSession } from '../../../src/core/train/session';
import { backend } from '../../helpers/tf-node';

describe('logitSpectra: mean attention', () => {
  it('is, per Transformer lane, tf.softmax of the logits averaged over the first sequences', async () => {
    await backend('wasm');
    const { config, problems } = decodeConfig('kind=compare&target=memory&tau=6&swapk=2&rnnh=4&steps=20&logev=10&evalev=20&mh=2&n=8&mff=16&mv=8&evaln=100');
    expect(problems).toEqual([]);
    const session = new TrainingSession(config, 'split');
    await session.run(20, {});
    const T = 6;
    const spectra = await logitSpectra(session);
    if (!spectra?.attention) throw new Error('no mean attention');
    const { lanes, attention, attentionCount } = spectra;
    expect(lanes.length).toBe(3);
    expect(attentionCount).toBe(ATTENTION_SEQUENCES);
    expect(attention.length).toBe(3 * T * T);
    // Independently: tfjs's softmax on the same logits, mean over the sequence axis.
    const S = await session.logits(ATTENTION_SEQUENCES);
    const logits = tf.tensor4d(S.data, [lanes.length, S.count, T, T]); // [Lt, n, T, T]
    const mean = tf.mean(tf.softmax(logits), 1); // [Lt, T, T]
    const want = await mean.data();
    tf.dispose([logits, mean]);
    want.forEach((v, i) => expect(attention[i]).toBeCloseTo(v, 5));
    for (let r = 0; r < lanes.length * T; r++) {
      const row = Array.from(attention.subarray(r * T, (r + 1) * T));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    session.dispose();
  });
});
