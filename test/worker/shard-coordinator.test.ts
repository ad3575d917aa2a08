import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../src/core/config';
import type { ExperimentConfig } from '../../src/core/config';
import { planGroups, planLanes, TrainingSession } from '../../src/core/train';
import { Controller } from '../../src/worker/controller';
import { PROTOCOL_VERSION } from '../../src/worker/protocol';
import type { Command, WorkerEvent } from '../../src/worker/protocol';
import { ShardCoordinator } from '../../src/worker/shard-coordinator';
import { backend } from '../helpers/tf-node';

const V = PROTOCOL_VERSION;
/** RNN and Transformer lanes (spectra come from some groups only), three targets. */
const link = 'kind=compare&target=memory&mh=2&steps=60&logev=5&evalev=20&lr=0.01&n=8&mff=16&mv=8&batch=8&evaln=32&tau=8&rnnh=16&swapk=2';

const config = (): ExperimentConfig => decodeConfig(link).config;
const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Page {
  events: WorkerEvent[];
  send: (cmd: Command) => Promise<void>;
}

/** One Controller, as the page sees a single worker. */
function single(): Page {
  const events: WorkerEvent[] = [];
  const c = new Controller((e) => events.push(e), 'split');
  return { events, send: (cmd) => c.handle(cmd) };
}

/** N Controllers behind a ShardCoordinator, as the page sees a sharded worker. */
function sharded(workers: number): Page & { coordinator: ShardCoordinator } {
  const events: WorkerEvent[] = [];
  const groups = planGroups(config(), planLanes(config()), workers);
  const pending: Promise<void>[] = [];
  let controllers: Controller[] = [];
  const coordinator = new ShardCoordinator(
    groups,
    (i, cmd) => void pending.push((controllers[i] as Controller).handle(cmd)),
    (e) => events.push(e),
  );
  controllers = groups.map((_, i) => new Controller((e) => coordinator.event(i, e), 'split'));
  return {
    events,
    coordinator,
    send: async (cmd) => {
      coordinator.command(cmd, cmd.type === 'load' ? planGroups(cmd.config, planLanes(cmd.config), workers) : undefined);
      if (cmd.type !== 'play') await Promise.all(pending.splice(0));
    },
  };
}

const last = <T extends WorkerEvent['type']>(events: WorkerEvent[], type: T): Extract<WorkerEvent, { type: T }> | undefined =>
  events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type).at(-1);
const of = <T extends WorkerEvent['type']>(events: WorkerEvent[], type: T): Extract<WorkerEvent, { type: T }>[] =>
  events.filter((e): e is Extract<WorkerEvent, { type: T }> => e.type === type);

async function until(page: Page, state: string): Promise<void> {
  for (let i = 0; i < 6000 && last(page.events, 'status')?.state !== state; i++) await wait(10);
  expect(last(page.events, 'status')?.state).toBe(state);
}

describe('ShardCoordinator: three workers look like one', () => {
  it('a run trained by 3 groups streams exactly the events of one worker, joined by lane', async () => {
    await backend('wasm');
    const one = single();
    const three = sharded(3);
    expect(three.coordinator.groupCount).toBe(3);
    for (const p of [one, three]) {
      await p.send({ v: V, type: 'load', config: config() });
      await p.send({ v: V, type: 'play' });
      await until(p, 'done');
    }
    expect(last(three.events, 'plan')?.lanes).toEqual(last(one.events, 'plan')?.lanes);
    const rows = (p: Page): number[][] => of(p.events, 'train').flatMap((t) => Array.from(t.steps, (s, k) => [s, ...t.loss.subarray(k * 6, (k + 1) * 6)]));
    expect(rows(three)).toEqual(rows(one));
    expect(rows(one)).toHaveLength(12);
    const evals = (p: Page): unknown[] => of(p.events, 'eval').map((e) => [e.step, Array.from(e.mse), Array.from(e.rel), Array.from(e.byT)]);
    expect(evals(three)).toEqual(evals(one));
    const spectra = (p: Page): unknown[] => of(p.events, 'spectra').map((e) => e.spectra);
    expect(spectra(three)).toEqual(spectra(one));
    expect(of(three.events, 'spectra').map((e) => e.spectra.lanes)).toEqual([[3, 4, 5], [3, 4, 5], [3, 4, 5]]);
    expect(of(three.events, 'target-spectra')).toHaveLength(1);
    // Checkpoints at the evaluations (20, 40), each the one-worker run's.
    const cps = (p: Page): unknown[] => of(p.events, 'checkpoint').map((e) => e.checkpoint);
    expect(of(three.events, 'checkpoint').map((e) => e.checkpoint.step)).toEqual([20, 40]);
    expect(cps(three)).toEqual(cps(one).filter((c) => [20, 40].includes((c as { step: number }).step)));
  });

  it('a pause brings every group to one step, with one checkpoint there; resume ends on the same numbers', async () => {
    await backend('wasm');
    const three = sharded(3);
    await three.send({ v: V, type: 'load', config: config() });
    await three.send({ v: V, type: 'speed', stepsPerSecond: 200 });
    await three.send({ v: V, type: 'play' });
    while ((last(three.events, 'status')?.step ?? 0) < 12) await wait(5);
    await three.send({ v: V, type: 'pause' });
    await until(three, 'paused');
    const step = last(three.events, 'status')?.step ?? -1;
    const cp = last(three.events, 'checkpoint')?.checkpoint;
    expect(cp?.step).toBe(step);
    // The joined checkpoint is the one-session checkpoint at that step.
    const whole = new TrainingSession(config(), 'split');
    await whole.run(step, {});
    expect(cp).toEqual(await whole.snapshot());
    await three.send({ v: V, type: 'speed', stepsPerSecond: 0 });
    await three.send({ v: V, type: 'play' });
    await until(three, 'done');
    await whole.run(60, {});
    expect(Array.from(last(three.events, 'eval')?.mse ?? [])).toEqual(Array.from((await whole.evaluate()).mse));
    // Restoring the joined checkpoint into a fresh 2-worker run also continues exactly.
    const two = sharded(2);
    await two.send({ v: V, type: 'load', config: config() });
    await two.send({ v: V, type: 'restore', checkpoint: cp as NonNullable<typeof cp> });
    await two.send({ v: V, type: 'play' });
    await until(two, 'done');
    expect(Array.from(last(two.events, 'eval')?.mse ?? [])).toEqual(Array.from(last(three.events, 'eval')?.mse ?? []));
    whole.dispose();
  });
});
