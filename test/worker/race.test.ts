import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../src/core/config';
import type { BackendName } from '../../src/worker/protocol';
import { raceBackends, raceKey } from '../../src/worker/race';
import { backend } from '../helpers/tf-node';

/** The Fig. 5 model at a small batch: the cpu backend is many times slower than wasm on it. */
const config = decodeConfig('kind=sweep&mhs=2,4&batch=16&evaln=64').config;

async function set(name: BackendName): Promise<string | null> {
  try {
    return (await tf.setBackend(name)) ? null : `setBackend('${name}') returned false`;
  } catch (err) {
    return String(err);
  }
}

describe('raceBackends (real backends)', () => {
  it('times each candidate on the experiment’s own step; the slower one loses, a missing one comes last', async () => {
    await backend('wasm');
    const before = tf.memory().numTensors;
    const entries = await raceBackends(['cpu', 'webgpu', 'wasm'], set, config, undefined, 150);
    expect(entries.map((e) => e.name)).toEqual(['wasm', 'cpu', 'webgpu']);
    const [wasm, cpu, gpu] = entries;
    expect(gpu?.msPerStep).toBe(Infinity); // not registered in Node
    expect(wasm?.steps).toBeGreaterThanOrEqual(2);
    expect(cpu?.steps).toBeGreaterThanOrEqual(2);
    // Dispatch and arithmetic on wasm (XNNPACK) vs plain JavaScript: measured ×10–30 here.
    expect((cpu?.msPerStep ?? 0) / (wasm?.msPerStep ?? 1)).toBeGreaterThan(2);
    await backend('wasm');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('caches by device and work size, not by seed or target', () => {
    const other = decodeConfig('kind=sweep&mhs=2,4&batch=16&evaln=64&seed=9&alpha=0.55').config;
    const bigger = decodeConfig('kind=sweep&mhs=2,4&batch=64&evaln=64').config;
    expect(raceKey('gpu A', other, undefined)).toBe(raceKey('gpu A', config, undefined));
    expect(raceKey('gpu A', bigger, undefined)).not.toBe(raceKey('gpu A', config, undefined));
    expect(raceKey('gpu B', config, undefined)).not.toBe(raceKey('gpu A', config, undefined));
    expect(raceKey('gpu A', config, [0])).not.toBe(raceKey('gpu A', config, [1]));
  });
});
