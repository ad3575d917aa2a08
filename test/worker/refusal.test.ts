/** The worker refuses a run the cost model says cannot fit, before allocating anything. */
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../src/core/config';
import { Controller } from '../../src/worker/controller';
import { PROTOCOL_VERSION } from '../../src/worker/protocol';
import type { WorkerEvent } from '../../src/worker/protocol';
import { backend } from '../helpers/tf-node';

const V = PROTOCOL_VERSION;
/** Issue 13's link: ~11 GB for a step on wasm, where one worker can address 4 GB. */
const OOM_LINK = '?v=1&tau=256&batch=1024&mff=512&depth=4';

describe('worker Controller: the memory check', () => {
  it('refuses issue 13’s link at load with its estimate and the field to change, building nothing', async () => {
    await backend('wasm');
    const events: WorkerEvent[] = [];
    const c = new Controller((e) => events.push(e), 'split');
    const before = tf.memory().numTensors;
    await c.handle({ v: V, type: 'load', config: decodeConfig(OOM_LINK).config });
    expect(events.some((e) => e.type === 'plan')).toBe(false);
    const status = events.find((e) => e.type === 'status');
    expect(status?.type === 'status' && status.state).toBe('error');
    expect(status?.type === 'status' && status.message).toMatch(/^This run needs ~\d+ GB on wasm, over its limit of 3\.8 GB .*lower batch to \d+ or less \(now 1024\)\.$/);
    expect(tf.memory().numTensors).toBe(before);
    // Play does nothing without a session.
    await c.handle({ v: V, type: 'play' });
    expect(events.filter((e) => e.type === 'status' && e.state === 'running')).toEqual([]);
    // The same link with the suggested batch loads (a small evaluation set keeps the build quick).
    const batch = Number(/lower batch to (\d+)/.exec(status?.type === 'status' ? (status.message ?? '') : '')?.[1]);
    expect(batch).toBeGreaterThan(1);
    await c.handle({ v: V, type: 'load', config: { ...decodeConfig(OOM_LINK).config, batch, evalSize: 16 } });
    expect(events.at(-1)?.type === 'status' && (events.at(-1) as { state: string }).state).toBe('ready');
    c.dispose();
  });

  it('a load marked skipMemoryCheck (tests only) builds the run anyway', async () => {
    await backend('wasm');
    const events: WorkerEvent[] = [];
    const c = new Controller((e) => events.push(e), 'split');
    await c.handle({ v: V, type: 'load', config: decodeConfig(`${OOM_LINK}&evaln=16`).config, skipMemoryCheck: true });
    expect(events.some((e) => e.type === 'plan')).toBe(true);
    expect(events.at(-1)?.type === 'status' && (events.at(-1) as { state: string }).state).toBe('ready');
    c.dispose();
  });

  it('checks each worker’s share: the same run split over more workers may fit', async () => {
    await backend('wasm');
    const mhs = Array.from({ length: 32 }, (_, i) => i + 1).join(',');
    const config = decodeConfig(`v=1&kind=sweep&mhs=${mhs}&mff=1024&depth=6&batch=1&tau=2&evaln=16`).config;
    const one: WorkerEvent[] = [];
    const c1 = new Controller((e) => one.push(e), 'split');
    await c1.handle({ v: V, type: 'load', config, lanes: [0], workers: 1 });
    expect(one.at(-1)?.type === 'status' && (one.at(-1) as { message: string | null }).message).toMatch(/split it over workers=3 or more/);
    // With 3 workers each worker's group fits: the check passes (the lanes this test gives it are few, so the build is quick).
    const three: WorkerEvent[] = [];
    const c3 = new Controller((e) => three.push(e), 'split');
    await c3.handle({ v: V, type: 'load', config: { ...config, workers: 3 }, lanes: [0], workers: 3 });
    expect(three.at(-1)?.type === 'status' && (three.at(-1) as { state: string }).state).toBe('ready');
    c1.dispose();
    c3.dispose();
  }, 60_000);
});
