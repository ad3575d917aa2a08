/**
 * The page's training client (src/state/worker-client.ts) driving real Controllers on wasm (see
 * test/helpers/controller-port.ts): restarts after a crash, a hang and failed starts, resuming from a
 * checkpoint, showing a kept run after the next plan, and a run split over two workers.
 */
import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../src/core/config';
import type { ExperimentConfig } from '../../src/core/config';
import { createRunStore } from '../../src/state/run-store';
import type { RunStore, RunStoreState } from '../../src/state/run-store';
import { MAX_RESTARTS } from '../../src/state/restart-policy';
import { createTrainingClient } from '../../src/state/worker-client';
import type { ClientOptions, TrainingClient } from '../../src/state/worker-client';
import { controllerWorkers } from '../helpers/controller-port';
import type { ControllerPort } from '../helpers/controller-port';
import { backend } from '../helpers/tf-node';

/** RNN and Transformer lanes on three targets (the ordering swaps the first and last 2 of τ = 8). */
const LINK = 'kind=compare&target=memory&mh=2&steps=60&logev=5&evalev=20&lr=0.01&n=8&mff=16&mv=8&batch=8&evaln=32&tau=8&rnnh=16&swapk=2';
const config = (extra = ''): ExperimentConfig => decodeConfig(LINK + extra).config;
/** A 2-core machine: auto gives one worker (the page keeps a core). */
const CORES = 2;

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(run: RunStore, what: string, ok: (s: RunStoreState) => boolean, timeoutMs = 60_000): Promise<void> {
  for (let t = 0; !ok(run.getState()); t += 10) {
    if (t > timeoutMs) throw new Error(`timed out waiting for ${what}; state ${run.getState().state} at step ${run.getState().step}`);
    await wait(10);
  }
}

interface Page {
  run: RunStore;
  client: TrainingClient;
  ports: ControllerPort[];
}

function page(options: ClientOptions = {}, crashingStarts = 0): Page {
  const run = createRunStore();
  const { make, ports } = controllerWorkers(crashingStarts);
  return { run, client: createTrainingClient(run, make, CORES, options), ports };
}

const finalMse = (run: RunStore): number[] => Array.from(run.getState().metrics.evals.at(-1)?.mse ?? []);

/** Load, play to the end: the final evaluation's MSE of every lane. */
async function trainToEnd(p: Page, c: ExperimentConfig): Promise<number[]> {
  p.client.load(c);
  await until(p.run, 'ready', (s) => s.state === 'ready');
  p.client.play();
  await until(p.run, 'done', (s) => s.state === 'done');
  return finalMse(p.run);
}

describe('the training client', () => {
  it('streams the worker’s plan, curves and evaluations into the run store', async () => {
    await backend('wasm');
    const p = page();
    const mse = await trainToEnd(p, config());
    const s = p.run.getState();
    expect(s.lanes.map((l) => l.label)).toEqual(['RNN · none', 'RNN · order', 'RNN · mix', 'Transformer · none', 'Transformer · order', 'Transformer · mix']);
    expect(s.targets).toEqual([
      { rank: 'full', alteration: 'none', moved: [] },
      { rank: 'full', alteration: 'order', moved: [0, 1, 6, 7] },
      { rank: 'full', alteration: 'mix', moved: [] },
    ]);
    expect(s.workerGroups).toEqual([[0, 1, 2, 3, 4, 5]]);
    expect(s.totalSteps).toBe(60);
    expect(s.metrics.trainSteps).toEqual(Array.from({ length: 12 }, (_, i) => 5 * (i + 1)));
    expect(s.metrics.evals.map((e) => e.step)).toEqual([20, 40, 60]);
    expect(mse).toHaveLength(6);
    expect(mse.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    expect(p.ports).toHaveLength(1);
    p.client.terminate();
  });

  it('replaces a crashed worker after the back-off; the curves stay until training starts again, and the run gives the same numbers', async () => {
    await backend('wasm');
    const reference = page();
    const expected = await trainToEnd(reference, config());
    reference.client.terminate();

    const p = page();
    p.client.load(config());
    await until(p.run, 'ready', (s) => s.state === 'ready');
    p.client.speed(300);
    p.client.play();
    await until(p.run, 'a few reports', (s) => s.metrics.trainSteps.length >= 3);
    p.client.simulateCrash('throw');
    await until(p.run, 'a fresh worker', (s) => s.state === 'ready' && p.ports.length === 2);
    const s = p.run.getState();
    expect(p.ports[0]?.terminated).toBe(true);
    expect(s.interrupted).toBe(true);
    expect(s.notices).toEqual([
      'The training worker crashed (simulated worker crash). A fresh worker was started (restart 1 of at most 4 in a row); the curves so far are kept, and the run history offers its last checkpoint.',
    ]);
    // The fresh worker planned the same run: the curves drawn so far are kept.
    expect(s.metrics.trainSteps.length).toBeGreaterThanOrEqual(3);
    // The speed limit was sent to the fresh worker too.
    expect(p.ports[1]?.received.map((c) => c.type)).toEqual(['load', 'speed']);
    p.client.speed(0);
    p.client.play();
    await until(p.run, 'the old curves to go', (s2) => s2.metrics.trainSteps.length === 0 || s2.metrics.trainSteps[0] === 5);
    await until(p.run, 'done', (s2) => s2.state === 'done');
    expect(p.run.getState().interrupted).toBe(false);
    expect(p.run.getState().metrics.trainSteps).toHaveLength(12);
    expect(finalMse(p.run)).toEqual(expected);
    p.client.terminate();
  });

  it('resumes from the last checkpoint on a fresh worker and ends on the uninterrupted run’s numbers', async () => {
    await backend('wasm');
    const reference = page();
    const expected = await trainToEnd(reference, config());
    reference.client.terminate();

    const p = page();
    p.client.load(config());
    await until(p.run, 'ready', (s) => s.state === 'ready');
    p.client.play();
    await until(p.run, 'the checkpoint at step 20', (s) => (s.checkpoint?.step ?? 0) >= 20);
    const checkpoint = p.run.getState().checkpoint;
    if (!checkpoint) throw new Error('no checkpoint');
    p.client.simulateCrash('throw');
    await until(p.run, 'a fresh worker', (s) => s.state === 'ready' && p.ports.length === 2);
    p.client.restore(checkpoint);
    await until(p.run, 'the restored step', (s) => s.state === 'paused' && s.step === checkpoint.step);
    p.client.play();
    await until(p.run, 'done', (s) => s.state === 'done');
    expect(finalMse(p.run)).toEqual(expected);
    p.client.terminate();
  });

  it('notices a worker that hangs while running and replaces it', async () => {
    await backend('wasm');
    const p = page({ hangMs: 600 });
    p.client.load(config('&steps=2000&evalev=1000'));
    await until(p.run, 'ready', (s) => s.state === 'ready');
    p.client.speed(50);
    p.client.play();
    await until(p.run, 'running', (s) => s.state === 'running' && s.step > 0);
    p.client.simulateCrash('hang');
    await until(p.run, 'a fresh worker', (s) => s.state === 'ready' && p.ports.length === 2);
    expect(p.run.getState().notices[0]).toMatch(/^The training worker made no progress for \d+ s while running\. A fresh worker was started \(restart 1 of at most 4 in a row\)/);
    expect(p.ports[0]?.terminated).toBe(true);
    p.client.terminate();
  });

  it(`stops after ${MAX_RESTARTS} restarts of workers that fail as they start, with one message; loading again starts afresh`, async () => {
    await backend('wasm');
    const p = page({}, MAX_RESTARTS + 1);
    p.client.load(config());
    await until(p.run, 'the page to give up', (s) => s.state === 'error', 30_000);
    const s = p.run.getState();
    expect(p.ports).toHaveLength(MAX_RESTARTS + 1);
    expect(p.ports.every((x) => x.terminated)).toBe(true);
    expect(s.notices).toHaveLength(1);
    expect(s.notices[0]).toBe(
      `The training worker crashed (simulated worker crash). The training worker failed ${MAX_RESTARTS + 1} times in a row, so no new one was started. Change the experiment, or reload the page, to try again.`,
    );
    expect(s.message).toBe(s.notices[0]);
    // No further restart is scheduled.
    await wait(500);
    expect(p.ports).toHaveLength(MAX_RESTARTS + 1);
    // The user asks again: a fresh worker (this one starts) and a fresh count.
    p.client.load(config());
    await until(p.run, 'ready', (s2) => s2.state === 'ready');
    expect(p.ports).toHaveLength(MAX_RESTARTS + 2);
    p.client.terminate();
  });

  it('shows a kept run once the worker has planned it, until training starts again', async () => {
    await backend('wasm');
    const p = page();
    p.client.load(config());
    await until(p.run, 'ready', (s) => s.state === 'ready');
    const shown: number[] = [];
    p.client.reset();
    p.client.showAfterPlan(() => {
      shown.push(p.run.getState().lanes.length);
      p.run.getState().loadRecord({ ...p.run.getState(), metrics: { trainSteps: [7], trainLoss: p.run.getState().lanes.map(() => [0.5]), evals: [], spectra: [] } });
    });
    await until(p.run, 'the kept run', (s) => s.metrics.trainSteps[0] === 7);
    expect(shown).toEqual([6]);
    // Pausing or stepping nothing keeps it; training again replaces it.
    p.client.pause();
    await wait(50);
    expect(p.run.getState().metrics.trainSteps).toEqual([7]);
    p.client.step(5);
    await until(p.run, 'the new curve', (s) => s.metrics.trainSteps[0] === 5);
    expect(shown).toEqual([6]);
    p.client.terminate();
  });

  it('trains a run split over two workers (workers=2) to the numbers of one', async () => {
    await backend('wasm');
    const one = page();
    const expected = await trainToEnd(one, config());
    one.client.terminate();
    const two = page();
    expect(await trainToEnd(two, config('&workers=2'))).toEqual(expected);
    expect(two.run.getState().workerGroups).toHaveLength(2);
    expect(two.ports).toHaveLength(2);
    // Back to one worker: both are ended and one fresh worker trains.
    two.client.load(config());
    await until(two.run, 'ready', (s) => s.state === 'ready' && two.ports.length === 3);
    expect(two.ports.slice(0, 2).every((x) => x.terminated)).toBe(true);
    two.client.terminate();
  });
});
