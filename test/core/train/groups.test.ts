import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../../src/core/config/codec';
import type { ExperimentConfig } from '../../../src/core/config/types';
import type { LaneLayout } from '../../../src/core/models/layout';
import { autoWorkers, laneCost, mergeShardCheckpoints, planGroups, planLanes, sliceCheckpoint, TrainingSession } from '../../../src/core/train';
import type { EvalResult, Lane, SessionCheckpoint, TrainReport } from '../../../src/core/train';
import { backend } from '../../helpers/tf-node';

function config(link: string): ExperimentConfig {
  const { config, problems } = decodeConfig(link);
  expect(problems).toEqual([]);
  return config;
}

const small = 'n=8&mff=16&mv=8&batch=8&evaln=32&tau=8&rnnh=16&swapk=2';
/** RNN and Transformer lanes on three targets, two seeds: 12 lanes with two architectures and m_h 3. */
const compare = `kind=compare&target=memory&mh=3&seeds=2&steps=24&logev=4&evalev=8&lr=0.01&${small}`;
/** A sweep whose lanes have different m_h: a group's largest m_h is not the run's. */
const sweep = `kind=sweep&mhs=1,2,5&steps=24&logev=4&evalev=8&lr=0.01&pe=learned&${small}`;

describe('planGroups', () => {
  it('puts every lane in exactly one non-empty group, in plan order, deterministically', () => {
    const c = config('kind=compare&target=memory&tau=32&seeds=3');
    const lanes = planLanes(c);
    for (const workers of [1, 2, 3, 4, 7, 18, 40]) {
      const groups = planGroups(c, lanes, workers);
      expect(groups.length).toBe(Math.min(workers, lanes.length));
      expect(groups.flat().sort((a, b) => a - b)).toEqual(lanes.map((_, i) => i));
      for (const g of groups) expect(g).toEqual([...g].sort((a, b) => a - b));
      expect(planGroups(c, lanes, workers)).toEqual(groups);
    }
    expect(planGroups(c, [], 3)).toEqual([]);
  });

  it('balances the estimated cost: no group above the largest lane plus the ideal share', () => {
    const c = config('kind=sweep&ranks=2,6,full');
    const lanes = planLanes(c);
    const cost = lanes.map((l) => laneCost(c, l));
    const total = cost.reduce((a, b) => a + b, 0);
    for (const workers of [2, 3, 4]) {
      const loads = planGroups(c, lanes, workers).map((g) => g.reduce((a, i) => a + (cost[i] as number), 0));
      expect(Math.max(...loads)).toBeLessThanOrEqual(total / workers + Math.max(...cost));
      expect(Math.max(...loads) / Math.min(...loads)).toBeLessThan(1.1);
    }
    // A bigger m_h costs more; a tanh RNN (τ sequential steps) more than the linear one (a convolution).
    const lane0 = lanes[0] as Lane;
    expect(laneCost(c, { ...lane0, mH: 16 })).toBeGreaterThan(laneCost(c, { ...lane0, mH: 1 }));
    const rnn = { ...lane0, model: 'rnn' as const, mH: 0 };
    expect(laneCost({ ...c, rnnAct: 'tanh' }, rnn)).toBeGreaterThan(laneCost(c, rnn));
  });

  it('auto uses the cores (less those reserved for the page), at least 1 and at most 4', () => {
    expect([undefined, 0, 1, 2, 3, 8, 64].map((n) => autoWorkers(n))).toEqual([1, 1, 1, 2, 3, 4, 4]);
    expect([undefined, 0, 1, 2, 3, 8, 64].map((n) => autoWorkers(n, 1))).toEqual([1, 1, 1, 1, 2, 4, 4]);
  });
});

interface Trace {
  train: TrainReport[];
  evals: EvalResult[];
  checkpoint: SessionCheckpoint;
  session: TrainingSession;
}

async function trace(c: ExperimentConfig, layout: LaneLayout, ids: readonly number[] | undefined, steps: number, from?: SessionCheckpoint): Promise<Trace> {
  const session = new TrainingSession(c, layout, ids);
  if (from) session.restore(from);
  const train: TrainReport[] = [];
  const evals: EvalResult[] = [];
  await session.run(steps, { onTrain: (r) => train.push(r), onEval: (e) => evals.push(e) });
  return { train, evals, checkpoint: await session.snapshot(), session };
}

/** Per run lane: its values from the group that trained it. */
function scatter(groups: readonly (readonly number[])[], parts: readonly ArrayLike<number>[], L: number): number[] {
  const out = new Array<number>(L).fill(NaN);
  groups.forEach((g, gi) => g.forEach((lane, k) => (out[lane] = parts[gi]?.[k] as number)));
  return out;
}

describe.each([
  ['wasm', 'split'],
  ['cpu', 'batched'],
] as const)('a run split into groups (%s, %s layout)', (name, layout) => {
  it.each([
    ['compare', compare, 3],
    ['sweep', sweep, 2],
  ])('%s: each lane trains to exactly the numbers of the unsplit run, and checkpoints merge and split', async (_, link, workers) => {
    await backend(name);
    const c = config(link);
    const whole = await trace(c, layout, undefined, 12);
    const L = whole.session.laneCount;
    const groups = planGroups(c, planLanes(c), workers);
    expect(groups.length).toBe(workers);
    const parts = await Promise.all(groups.map((g) => trace(c, layout, g, 12)));
    // Losses and evaluations, lane by lane: bit-identical (each lane's arithmetic is its own).
    whole.train.forEach((r, i) => expect(scatter(groups, parts.map((p) => p.train[i]?.laneLoss ?? []), L)).toEqual(Array.from(r.laneLoss)));
    whole.evals.forEach((e, i) => {
      expect(scatter(groups, parts.map((p) => p.evals[i]?.mse ?? []), L)).toEqual(Array.from(e.mse));
      expect(parts.every((p) => p.evals[i]?.step === e.step)).toBe(true);
    });
    // The groups' checkpoints join into the unsplit run's, value for value, and split back.
    const part = (gi: number): Trace => parts[gi] as Trace;
    const merged = mergeShardCheckpoints(whole.session.plan.lanes, groups.map((g, gi) => ({ lanes: g, paramModels: part(gi).session.paramModels, checkpoint: part(gi).checkpoint })));
    expect(merged).toEqual(whole.checkpoint);
    groups.forEach((g, gi) => expect(sliceCheckpoint(whole.checkpoint, whole.session.plan.lanes, g, part(gi).session.paramModels)).toEqual(part(gi).checkpoint));
    // Resumed from the whole run's checkpoint, each group goes on exactly as the unsplit run does.
    const wholeEnd = await trace(c, layout, undefined, 24, whole.checkpoint);
    const resumed = await Promise.all(groups.map((g) => trace(c, layout, g, 24, whole.checkpoint)));
    expect(scatter(groups, resumed.map((p) => p.evals.at(-1)?.mse ?? []), L)).toEqual(Array.from(wholeEnd.evals.at(-1)?.mse ?? []));
    for (const t of [whole, wholeEnd, ...parts, ...resumed]) t.session.dispose();
  });
});
