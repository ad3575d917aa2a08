import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../src/core/config';
import type { SessionCheckpoint } from '../../src/core/train';
import { Controller } from '../../src/worker/controller';
import { PROTOCOL_VERSION } from '../../src/worker/protocol';
import type { WorkerEvent } from '../../src/worker/protocol';
import { backend } from '../helpers/tf-node';

const V = PROTOCOL_VERSION;
const link = 'kind=sweep&mhs=1,2&steps=40&logev=5&evalev=20&n=8&mff=16&mv=8&batch=16&evaln=64&tau=8&modes=8';

async function until(events: WorkerEvent[], state: string): Promise<void> {
  while (!events.some((e) => e.type === 'status' && e.state === state)) await new Promise((r) => setTimeout(r, 20));
}

const checkpoints = (events: WorkerEvent[]): SessionCheckpoint[] => events.flatMap((e) => (e.type === 'checkpoint' ? [e.checkpoint] : []));
const evals = (events: WorkerEvent[]): [number, number[]][] =>
  events.flatMap((e) => (e.type === 'eval' ? [[e.step, Array.from(e.mse)] as [number, number[]]] : []));

describe('worker Controller checkpoints', () => {
  it('sends a checkpoint after each evaluation before the end, after the reports it covers; restore resumes to the same numbers', async () => {
    await backend('wasm');
    const config = decodeConfig(link).config;
    const events: WorkerEvent[] = [];
    const a = new Controller((e) => events.push(e), 'split');
    await a.handle({ v: V, type: 'load', config });
    await a.handle({ v: V, type: 'play' });
    await until(events, 'done');
    a.dispose();
    const cps = checkpoints(events);
    expect(cps.map((c) => c.step)).toEqual([20]); // none for the finished run
    const at = events.findIndex((e) => e.type === 'checkpoint');
    const trainBefore = events.slice(0, at).flatMap((e) => (e.type === 'train' ? Array.from(e.steps) : []));
    expect(trainBefore).toEqual([5, 10, 15, 20]);

    const resumed: WorkerEvent[] = [];
    const b = new Controller((e) => resumed.push(e), 'split');
    await b.handle({ v: V, type: 'load', config });
    await b.handle({ v: V, type: 'restore', checkpoint: structuredClone(cps[0] as SessionCheckpoint) });
    const status = resumed.filter((e) => e.type === 'status').at(-1);
    expect(status?.type === 'status' && [status.state, status.step]).toEqual(['paused', 20]);
    await b.handle({ v: V, type: 'play' });
    await until(resumed, 'done');
    expect(evals(resumed)).toEqual(evals(events).filter(([s]) => s > 20));
    b.dispose();
  });

  it('pausing sends a checkpoint; a checkpoint of another experiment is refused with a message', async () => {
    await backend('wasm');
    const events: WorkerEvent[] = [];
    const c = new Controller((e) => events.push(e), 'split');
    await c.handle({ v: V, type: 'load', config: decodeConfig(link).config });
    await c.handle({ v: V, type: 'step', steps: 7 });
    expect(checkpoints(events).map((x) => x.step)).toEqual([7]);
    await c.handle({ v: V, type: 'load', config: decodeConfig(link.replace('mhs=1,2', 'mhs=1,2,3')).config });
    await c.handle({ v: V, type: 'restore', checkpoint: checkpoints(events)[0] as SessionCheckpoint });
    const last = events.filter((e) => e.type === 'status').at(-1);
    expect(last?.type === 'status' && [last.state, last.step]).toEqual(['ready', 0]);
    expect(last?.type === 'status' && last.message).toMatch(/Cannot resume: The checkpoint does not fit/);
    c.dispose();
  });
});

describe('worker Controller: a step that arrives while a pause is still stopping the loop', () => {
  it('runs after the pause, and no status says paused before the step has ended and checkpointed', async () => {
    await backend('wasm');
    const events: WorkerEvent[] = [];
    let stepped: Promise<void> | null = null;
    let armed = false;
    // As the shard coordinator may: send a step from inside the "paused" event, before the pause handler returns.
    const c: Controller = new Controller((e) => {
      events.push(e);
      if (armed && !stepped && e.type === 'status' && e.state === 'paused') stepped = c.handle({ v: V, type: 'step', steps: 3 });
    }, 'split');
    await c.handle({ v: V, type: 'load', config: decodeConfig(link).config });
    await c.handle({ v: V, type: 'speed', stepsPerSecond: 200 });
    await c.handle({ v: V, type: 'play' });
    while (!events.some((e) => e.type === 'train')) await new Promise((r) => setTimeout(r, 5));
    const seen = events.length;
    armed = true;
    await c.handle({ v: V, type: 'pause' });
    while (!stepped) await new Promise((r) => setTimeout(r, 5));
    await stepped;
    const after = events.slice(seen);
    const firstPaused = after.findIndex((e) => e.type === 'status' && e.state === 'paused');
    const pausedAt = (after[firstPaused] as Extract<WorkerEvent, { type: 'status' }>).step;
    const rest = after.slice(firstPaused + 1);
    // After the first "paused" the step runs: the next "paused" is at the step's end, after its checkpoint.
    const end = pausedAt + 3;
    const cpAt = rest.findIndex((e) => e.type === 'checkpoint' && e.checkpoint.step === end);
    expect(cpAt).toBeGreaterThanOrEqual(0);
    expect(rest.slice(0, cpAt).filter((e) => e.type === 'status' && e.state === 'paused')).toEqual([]);
    const last = rest.filter((e) => e.type === 'status').at(-1);
    expect(last?.type === 'status' && [last.state, last.step]).toEqual(['paused', end]);
    c.dispose();
  });
});
