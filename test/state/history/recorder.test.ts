/**
 * The run history's pure parts: the recorder that turns the run store's changes into records, and
 * the record helpers. IndexedDB itself is left to test/e2e/history.spec.ts (a real browser's).
 */
import { describe, expect, it } from 'vitest';
import { decodeConfig, encodeConfig } from '../../../src/core/config';
import type { SessionCheckpoint } from '../../../src/core/train';
import { createConfigStore } from '../../../src/state/config-store';
import { resumableRun } from '../../../src/state/history/store';
import { copyMetrics, metricsUpTo } from '../../../src/state/history/record';
import type { RunRecord, StoredCheckpoint } from '../../../src/state/history/record';
import { recordRuns } from '../../../src/state/history/recorder';
import { createRunStore } from '../../../src/state/run-store';
import { PROTOCOL_VERSION } from '../../../src/worker/protocol';
import type { RunState, WorkerEvent } from '../../../src/worker/protocol';

const V = PROTOCOL_VERSION;
const LINK = 'v=1&mh=2&steps=100&evalev=50';

const status = (state: RunState, step: number, message: string | null = null): WorkerEvent => ({ v: V, type: 'status', state, step, stepsPerSecond: 0, tensors: 0, message });

/** A checkpoint of a model without parameters: the recorder reads only its step. */
function checkpointAt(step: number): SessionCheckpoint {
  return { step, params: [], adam: { t: step, m: [], v: [] }, batches: { a: 1, b: 2, c: 3, d: 4, spare: null }, lossSum: null, lossSteps: 0 };
}

function setUp() {
  const run = createRunStore();
  const config = createConfigStore(`?${LINK}`);
  const commits: { record: RunRecord; checkpoint?: StoredCheckpoint }[] = [];
  let seq = 0;
  const recorder = recordRuns({
    run,
    config,
    appVersion: 'test',
    nextSeq: () => ++seq,
    commit: (record, checkpoint) => commits.push(checkpoint ? { record, checkpoint } : { record }),
  });
  run.getState().apply({ v: V, type: 'plan', lanes: [{ label: 'm_h 2', model: 'transformer', mH: 2, target: 0, seedIndex: 0 }], targets: [{ rank: 'full', alteration: 'none', moved: [] }], steps: 100, targetVariance: [1] });
  run.getState().apply(status('ready', 0));
  return { run, recorder, commits, states: () => commits.map((c) => [c.record.seq, c.record.state, c.record.step]) };
}

describe('the run recorder', () => {
  it('records a run from its first step to its end, saving it at every checkpoint and pause', () => {
    const t = setUp();
    t.run.getState().apply(status('running', 1));
    expect(t.recorder.liveId()).toBe(t.commits[0]?.record.id);
    t.run.getState().apply({ v: V, type: 'checkpoint', checkpoint: checkpointAt(50) });
    t.run.getState().apply(status('paused', 50));
    t.run.getState().apply(status('running', 51));
    t.run.getState().apply(status('done', 100));
    expect(t.states()).toEqual([
      [1, 'running', 1],
      [1, 'running', 50],
      [1, 'paused', 50],
      [1, 'running', 51],
      [1, 'done', 100],
    ]);
    expect(t.commits[1]?.checkpoint?.checkpoint.step).toBe(50);
    const last = t.commits.at(-1)?.record;
    expect(last).toMatchObject({ link: encodeConfig(decodeConfig(LINK).config), appVersion: 'test', checkpointStep: 50, totalSteps: 100, imported: false });
    expect(last?.lanes.map((l) => l.label)).toEqual(['m_h 2']);
    expect(t.recorder.liveId()).toBeNull();
    t.recorder.dispose();
  });

  it('ends a run as stopped when its metrics are replaced, and starts the next one with the next number', () => {
    const t = setUp();
    t.run.getState().apply(status('running', 1));
    t.run.getState().apply(status('paused', 10));
    t.run.getState().clearMetrics();
    t.run.getState().apply(status('ready', 0));
    t.run.getState().apply(status('running', 1));
    expect(t.states()).toEqual([
      [1, 'running', 1],
      [1, 'paused', 10],
      [1, 'stopped', 10],
      [2, 'running', 1],
    ]);
    t.recorder.dispose();
  });

  it('keeps a run whose worker failed resumable from its checkpoint (paused, not ended as an error)', () => {
    const t = setUp();
    t.run.getState().apply(status('running', 1));
    t.run.getState().apply({ v: V, type: 'checkpoint', checkpoint: checkpointAt(50) });
    t.run.getState().markInterrupted();
    t.run.getState().apply({ v: V, type: 'fatal', message: 'worker lost' });
    const last = t.commits.at(-1)?.record;
    expect([last?.state, last?.checkpointStep, last?.message]).toEqual(['paused', 50, 'worker lost']);
    expect(t.recorder.liveId()).toBeNull();
    t.recorder.dispose();
  });

  it('goes on recording an adopted run, and forgets a deleted one', () => {
    const t = setUp();
    t.run.getState().apply(status('running', 1));
    const first = t.commits[0]?.record as RunRecord;
    t.recorder.forget(first.id);
    expect(t.recorder.liveId()).toBeNull();
    t.recorder.adopt({ ...first, step: 50, checkpointStep: 50 });
    expect(t.commits.at(-1)?.record).toMatchObject({ id: first.id, state: 'paused', step: 50 });
    t.run.getState().apply(status('done', 100));
    expect(t.commits.at(-1)?.record).toMatchObject({ id: first.id, state: 'done', step: 100 });
    t.recorder.dispose();
  });
});

describe('kept runs', () => {
  const metrics = {
    trainSteps: [10, 20, 30],
    trainLoss: [[3, 2, 1]],
    evals: [20, 40].map((step) => ({ step, mse: new Float64Array([step]), rel: new Float64Array([step]), byT: new Float64Array([step, step]) })),
    spectra: [],
  };

  it('cut their metrics to a checkpoint’s step, and copy them so the run store can grow them', () => {
    expect(metricsUpTo(metrics, 20)).toEqual({ trainSteps: [10, 20], trainLoss: [[3, 2]], evals: [metrics.evals[0]], spectra: [] });
    const copy = copyMetrics(metrics);
    copy.trainSteps.push(40);
    copy.trainLoss[0]?.push(0);
    expect(metrics.trainSteps).toEqual([10, 20, 30]);
    expect(metrics.trainLoss).toEqual([[3, 2, 1]]);
  });

  it('offer to resume the unfinished run of this link with a checkpoint, only before training starts', () => {
    const r = (id: string, state: RunRecord['state'], checkpointStep: number | null, link = LINK): RunRecord => ({ id, state, checkpointStep, link }) as RunRecord;
    const runs = [r('done', 'done', null), r('other-link', 'paused', 50, 'v=1&mh=4'), r('live', 'running', 50), r('kept', 'paused', 50)];
    expect(resumableRun({ runs, liveId: 'live' }, LINK, { state: 'ready', step: 0 })?.id).toBe('kept');
    expect(resumableRun({ runs, liveId: 'kept' }, LINK, { state: 'ready', step: 0 })?.id).toBe('live');
    expect(resumableRun({ runs, liveId: 'live' }, LINK, { state: 'running', step: 3 })).toBeNull();
    expect(resumableRun({ runs: runs.slice(0, 3), liveId: 'live' }, LINK, { state: 'ready', step: 0 })).toBeNull();
  });
});
