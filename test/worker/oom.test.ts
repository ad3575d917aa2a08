/**
 * A real out-of-memory in tfjs-wasm (the 'oom' fault injection allocates until the 4 GB heap is
 * exhausted) is reported as fatal, and the damaged worker does nothing more: the page replaces it.
 * Its own file: the wasm backend of this process is broken afterwards.
 */
import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../src/core/config';
import { Controller } from '../../src/worker/controller';
import { PROTOCOL_VERSION } from '../../src/worker/protocol';
import type { WorkerEvent } from '../../src/worker/protocol';
import { backend } from '../helpers/tf-node';

const V = PROTOCOL_VERSION;

describe('worker Controller: out of memory', () => {
  it('reports a wasm out-of-memory as fatal and ignores later commands', async () => {
    await backend('wasm');
    const events: WorkerEvent[] = [];
    const c = new Controller((e) => events.push(e), 'split');
    await c.handle({ v: V, type: 'load', config: decodeConfig('v=1&steps=20&logev=5&evalev=10').config });
    await c.handle({ v: V, type: 'crash', mode: 'oom' });
    const fatal = events.filter((e) => e.type === 'fatal');
    expect(fatal).toHaveLength(1);
    expect(fatal[0]?.type === 'fatal' && fatal[0].message).toMatch(/^Training failed at step 0: RuntimeError: (Aborted|memory access out of bounds).* \(the backend ran out of memory\)$/);
    const count = events.length;
    await c.handle({ v: V, type: 'play' });
    await c.handle({ v: V, type: 'load', config: decodeConfig('v=1').config });
    expect(events.length).toBe(count);
  }, 300_000); // filling 4 GB takes minutes on a busy machine
});
