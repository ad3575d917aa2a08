import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../src/core/config';
import { Controller } from '../../src/worker/controller';
import { PROTOCOL_VERSION } from '../../src/worker/protocol';
import type { WorkerEvent } from '../../src/worker/protocol';
import { backend } from '../helpers/tf-node';

const V = PROTOCOL_VERSION;
const link = 'kind=sweep&mhs=1,2&steps=40&logev=5&evalev=20&n=8&mff=16&mv=8&batch=16&evaln=64&tau=8&modes=8';

function setup(): { c: Controller; events: WorkerEvent[] } {
  const events: WorkerEvent[] = [];
  return { c: new Controller((e) => events.push(e), 'split'), events };
}

const states = (events: WorkerEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'status' ? [e.state] : [])).filter((s, i, a) => s !== a[i - 1]);

describe('worker Controller', () => {
  it('load → play trains to the end, streaming batched train losses and evaluations', async () => {
    await backend('wasm');
    const { c, events } = setup();
    await c.handle({ v: V, type: 'load', config: decodeConfig(link).config });
    const plan = events.find((e) => e.type === 'plan');
    expect(plan?.type === 'plan' && plan.lanes.map((l) => l.label)).toEqual(['r full · m_h 1', 'r full · m_h 2']);
    await c.handle({ v: V, type: 'play' });
    while (!states(events).includes('done')) await new Promise((r) => setTimeout(r, 20));
    const steps = events.flatMap((e) => (e.type === 'train' ? Array.from(e.steps) : []));
    expect(steps).toEqual([5, 10, 15, 20, 25, 30, 35, 40]);
    const losses = events.flatMap((e) => (e.type === 'train' ? Array.from(e.loss) : []));
    expect(losses).toHaveLength(16);
    expect(losses.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    expect(events.filter((e) => e.type === 'eval').map((e) => (e.type === 'eval' ? e.step : -1))).toEqual([20, 40]);
    expect(states(events)).toEqual(['ready', 'running', 'done']);
    // Learned logit spectra after each evaluation, and the target's own spectra once per plan.
    const spectra = events.flatMap((e) => (e.type === 'spectra' ? [e.spectra] : []));
    expect(spectra.map((s) => s.step)).toEqual([20, 40]);
    const last = spectra[1];
    expect(last?.lanes).toEqual([0, 1]);
    expect(last?.raw.length).toBe(2 * (last?.count ?? 0) * 8);
    // m_h = 1: rank-1 logits, so every sequence has one non-zero singular value (÷τ) in the raw view.
    for (let q = 0; q < (last?.count ?? 0); q++) {
      const row = last?.raw.subarray(q * 8, q * 8 + 8) ?? new Float32Array();
      expect(row[1] as number).toBeLessThan(1e-5 * Math.max(row[0] as number, 1e-3));
    }
    const target = events.find((e) => e.type === 'target-spectra');
    const t0 = target?.type === 'target-spectra' ? target.targets[0] : null;
    expect(t0?.exact).toHaveLength(8);
    expect(t0?.exact[0]).toBeCloseTo(1, 12);
    expect(t0?.exact[1]).toBeCloseTo(0.5, 12);
    c.dispose();
  });

  it('step, pause and reset', async () => {
    await backend('wasm');
    const { c, events } = setup();
    await c.handle({ v: V, type: 'load', config: decodeConfig(link).config });
    await c.handle({ v: V, type: 'step', steps: 3 });
    const last = events.filter((e) => e.type === 'status').at(-1);
    expect(last?.type === 'status' && [last.state, last.step]).toEqual(['paused', 3]);
    await c.handle({ v: V, type: 'speed', stepsPerSecond: 50 });
    await c.handle({ v: V, type: 'play' });
    await new Promise((r) => setTimeout(r, 150));
    await c.handle({ v: V, type: 'pause' });
    const paused = events.filter((e) => e.type === 'status').at(-1);
    expect(paused?.type === 'status' && paused.state).toBe('paused');
    const at = paused?.type === 'status' ? paused.step : -1;
    expect(at).toBeGreaterThan(3);
    expect(at).toBeLessThan(40);
    await new Promise((r) => setTimeout(r, 100));
    const still = events.filter((e) => e.type === 'status').at(-1);
    expect(still?.type === 'status' && still.step).toBe(at);
    await c.handle({ v: V, type: 'reset' });
    const reset = events.filter((e) => e.type === 'status').at(-1);
    expect(reset?.type === 'status' && [reset.state, reset.step]).toEqual(['ready', 0]);
    c.dispose();
  });

  it('a pause takes effect within a step or two even when losses are read rarely', async () => {
    await backend('wasm');
    const { c, events } = setup();
    await c.handle({ v: V, type: 'load', config: decodeConfig(link.replace('steps=40&logev=5&evalev=20', 'steps=5000&logev=1000&evalev=5000')).config });
    await c.handle({ v: V, type: 'play' });
    await new Promise((r) => setTimeout(r, 300));
    const t0 = performance.now();
    await c.handle({ v: V, type: 'pause' });
    expect(performance.now() - t0).toBeLessThan(500);
    const st = events.filter((e) => e.type === 'status').at(-1);
    expect(st?.type === 'status' && st.state).toBe('paused');
    expect(st?.type === 'status' && st.step).toBeGreaterThan(0);
    expect(st?.type === 'status' && st.step).toBeLessThan(1000);
    c.dispose();
  });

  it('a diverging run ends in the "diverged" state with its message', async () => {
    await backend('wasm');
    const { c, events } = setup();
    await c.handle({ v: V, type: 'load', config: decodeConfig('kind=single&target=memory&model=rnn&rnnh=16&lr=1&sched=constant&steps=200&logev=1&evalev=200').config });
    await c.handle({ v: V, type: 'play' });
    while (!states(events).includes('diverged')) await new Promise((r) => setTimeout(r, 20));
    const st = events.filter((e) => e.type === 'status').at(-1);
    expect(st?.type === 'status' && st.message).toMatch(/diverged at step/);
    c.dispose();
  });
});
