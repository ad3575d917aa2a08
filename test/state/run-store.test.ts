/** The run store: what each worker event does to the page's state of a run. */
import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../src/core/config';
import { planExperiment, planInfo } from '../../src/core/train';
import { createRunStore } from '../../src/state/run-store';
import { PROTOCOL_VERSION } from '../../src/worker/protocol';
import type { WorkerEvent } from '../../src/worker/protocol';

const V = PROTOCOL_VERSION;
const plan = planInfo(planExperiment(decodeConfig('kind=compare&target=memory&tau=8&swapk=2').config));

const planEvent = (groups?: number[][]): WorkerEvent => ({
  v: V,
  type: 'plan',
  ...plan,
  steps: 100,
  targetVariance: [1, 2, 0.5],
  ...(groups ? { groups } : {}),
});

const status = (state: 'running' | 'paused' | 'done' | 'diverged', step: number, message: string | null = null): WorkerEvent => ({
  v: V,
  type: 'status',
  state,
  step,
  stepsPerSecond: 10,
  tensors: 40,
  message,
});

describe('the run store', () => {
  it('takes the worker’s plan: lanes, targets, groups, steps, and empty metrics for its lanes', () => {
    const run = createRunStore();
    expect(run.getState().state).toBe('idle');
    run.getState().apply(planEvent());
    const s = run.getState();
    expect(s.lanes).toBe(plan.lanes);
    expect(s.targets.map((t) => [t.alteration, t.moved])).toEqual([
      ['none', []],
      ['order', [0, 1, 6, 7]],
      ['mix', []],
    ]);
    expect(s.workerGroups).toEqual([[0, 1, 2, 3, 4, 5]]);
    expect(s.totalSteps).toBe(100);
    expect(s.targetVariance).toEqual([1, 2, 0.5]);
    expect(s.metrics.trainLoss).toEqual([[], [], [], [], [], []]);
    run.getState().apply(planEvent([[0, 3], [1, 2, 4, 5]]));
    expect(run.getState().workerGroups).toEqual([[0, 3], [1, 2, 4, 5]]);
  });

  it('appends batched train reports lane by lane and evaluations in order, counting revisions', () => {
    const run = createRunStore();
    run.getState().apply(planEvent());
    const r0 = run.getState().revision;
    const loss = Float32Array.from({ length: 12 }, (_, i) => i / 8);
    run.getState().apply({ v: V, type: 'train', steps: Int32Array.from([5, 10]), loss });
    const m = run.getState().metrics;
    expect(m.trainSteps).toEqual([5, 10]);
    expect(m.trainLoss).toEqual([0, 1, 2, 3, 4, 5].map((l) => [l / 8, (6 + l) / 8]));
    const mse = Float64Array.from([1, 2, 3, 4, 5, 6]);
    run.getState().apply({ v: V, type: 'eval', step: 10, mse, rel: mse, byT: new Float64Array(48) });
    expect(run.getState().metrics.evals.map((e) => [e.step, e.mse])).toEqual([[10, mse]]);
    expect(run.getState().revision).toBe(r0 + 2);
    // The arrays grow in place: a plot holding the metrics sees the new points.
    expect(run.getState().metrics).toBe(m);
  });

  it('keeps the last message while running, and sets it with every other state', () => {
    const run = createRunStore();
    run.getState().apply(status('paused', 5, 'Cannot resume: no experiment is loaded.'));
    expect(run.getState().message).toBe('Cannot resume: no experiment is loaded.');
    run.getState().apply(status('running', 6));
    expect(run.getState().message).toBe('Cannot resume: no experiment is loaded.');
    run.getState().apply(status('done', 100));
    expect(run.getState()).toMatchObject({ state: 'done', step: 100, stepsPerSecond: 10, tensors: 40, message: null });
    run.getState().apply({ v: V, type: 'fatal', message: 'WebGPU device lost' });
    expect(run.getState()).toMatchObject({ state: 'error', message: 'WebGPU device lost' });
  });

  it('marks a run interrupted until it trains again', () => {
    const run = createRunStore();
    run.getState().markInterrupted();
    run.getState().apply(status('paused', 5));
    expect(run.getState().interrupted).toBe(true);
    run.getState().apply(status('running', 6));
    expect(run.getState().interrupted).toBe(false);
  });

  it('shows a kept run, and clears its metrics to the lanes’ empty curves', () => {
    const run = createRunStore();
    run.getState().apply(planEvent());
    const metrics = { trainSteps: [5], trainLoss: plan.lanes.map(() => [0.5]), evals: [], spectra: [] };
    run.getState().loadRecord({ lanes: plan.lanes.slice(0, 6), totalSteps: 50, targetVariance: [3, 3, 3], targetSpectra: [null, null, null], metrics });
    expect(run.getState()).toMatchObject({ totalSteps: 50, targetVariance: [3, 3, 3], metrics });
    // The targets stay the worker's plan's.
    expect(run.getState().targets).toHaveLength(3);
    run.getState().clearMetrics();
    expect(run.getState().metrics).toEqual({ trainSteps: [], trainLoss: [[], [], [], [], [], []], evals: [], spectra: [] });
  });

  it('keeps notices in order: added, replaced in place of an earlier one, dismissed', () => {
    const run = createRunStore();
    run.getState().notify('a');
    run.getState().notify('b');
    run.getState().replaceNotice('a', 'c');
    run.getState().replaceNotice('gone', 'd');
    expect(run.getState().notices).toEqual(['b', 'c', 'd']);
    run.getState().dismissNotice(1);
    expect(run.getState().notices).toEqual(['b', 'd']);
  });
});
