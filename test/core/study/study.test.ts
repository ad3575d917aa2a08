import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../../src/core/config';
import { assignShards, expandStudy, parseStudy, planStudy, readManifest, StudyError } from '../../../src/core/study';
import { laneCost, planLanes } from '../../../src/core/train';

const BASE = 'kind=sweep&mhs=1,2,3,4&tau=8&n=8&mff=16&mv=8&depth=2&batch=8&evaln=32&steps=10&logev=5&evalev=5&lr=0.01';
const study = (axes: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown => ({ name: 't', base: BASE, axes, ...extra });

const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(StudyError);
    return (err as Error).message;
  }
  throw new Error('expected a StudyError');
};

describe('study files', () => {
  it('refuses bad files with a message naming the key', () => {
    expect(refusal(() => parseStudy(study({ spectrum: ['power'] })))).toBe('axes.spectrum: not a share-link key (its link key is "spec")');
    expect(refusal(() => parseStudy(study({ nosuch: [1] })))).toBe('axes.nosuch: not a share-link key');
    expect(refusal(() => parseStudy(study({ alpha: [] })))).toBe('axes.alpha: expected a non-empty list of values');
    expect(refusal(() => parseStudy(study({ alpha: [1, { x: 1 }] })))).toContain('axes.alpha[1]: expected a number');
    expect(refusal(() => parseStudy(study({ alpha: [1, 1] })))).toBe('axes.alpha: the value 1 is given twice');
    expect(refusal(() => parseStudy(study({ alpha: [1] }, { shards: 3 })))).toContain('shards: unknown key');
    expect(refusal(() => parseStudy({ axes: {} }))).toContain('base: expected a share link or a preset id');
    expect(refusal(() => parseStudy(study({}, { unitsPerExperiment: 0 })))).toContain('unitsPerExperiment: expected an integer');
  });

  it('refuses a grid point whose link has a problem, naming the experiment, key and value', () => {
    const msg = refusal(() => expandStudy(parseStudy(study({ seed: [0, 1], alpha: [0.5, 9] }))));
    expect(msg).toBe('experiment e001 (seed=0, alpha=9): alpha: "9" is out of range 0–5');
    expect(refusal(() => expandStudy(parseStudy({ base: 'kind=exact', axes: { seed: [0] } })))).toContain('kind=exact trains nothing');
    expect(refusal(() => expandStudy(parseStudy(study({ alpha: [1, '1.0'] }))))).toContain('is the same experiment as e000');
  });

  it('expands the grid deterministically, first axis outermost, each link decoding to its values', () => {
    const { experiments } = expandStudy(parseStudy(study({ alpha: [0.55, 1], seed: [0, 1, 2], mhs: [[1, 2], [1, 2, 4]] })));
    expect(experiments).toHaveLength(12);
    expect(experiments.slice(0, 3).map((e) => e.values)).toEqual([
      { alpha: '0.55', seed: '0', mhs: '1,2' },
      { alpha: '0.55', seed: '0', mhs: '1,2,4' },
      { alpha: '0.55', seed: '1', mhs: '1,2' },
    ]);
    const last = decodeConfig(experiments[11]?.link ?? '').config;
    expect([last.alpha, last.seed, last.mHs, last.steps]).toEqual([1, 2, [1, 2, 4], 10]);
    expect(experiments.map((e) => e.id)).toEqual(experiments.map((_, i) => `e${String(i).padStart(3, '0')}`));
  });

  it('plans units that hold every lane exactly once and shards balanced by estimated cost', () => {
    const s = parseStudy(study({ alpha: [0.6, 1], seed: [1, 2], mhs: [[1, 2, 3, 4], [8, 16]] }));
    const m = planStudy(s, 3, 'wasm');
    expect(m.experiments).toHaveLength(8);
    m.experiments.forEach((e) => {
      const lanes = m.units.filter((u) => u.experiment === e.index).flatMap((u) => u.lanes);
      expect(lanes.sort((a, b) => a - b)).toEqual(planLanes(decodeConfig(e.link).config).map((_, i) => i));
    });
    expect(m.shards.flat().sort()).toEqual(m.units.map((u) => u.id).sort());
    const load = m.shards.map((ids) => ids.reduce((n, id) => n + (m.units.find((u) => u.id === id)?.cost ?? 0), 0));
    const biggest = Math.max(...m.units.map((u) => u.cost));
    // Longest-first greedy: no shard exceeds another by more than one unit's cost.
    expect(Math.max(...load) - Math.min(...load)).toBeLessThanOrEqual(biggest);
    const c = decodeConfig(m.experiments[0]?.link ?? '').config;
    const u0 = m.units[0];
    expect(u0?.cost).toBe(c.steps * (u0?.lanes ?? []).reduce((n, i) => n + laneCost(c, planLanes(c)[i] as ReturnType<typeof planLanes>[number]), 0));
    expect(JSON.stringify(planStudy(s, 3, 'wasm'))).toBe(JSON.stringify(m));
    expect(readManifest(JSON.parse(JSON.stringify(m)))).toEqual(m);
    const edited = JSON.parse(JSON.stringify(m)) as { shards: string[][] };
    edited.shards[0]?.pop();
    expect(refusal(() => readManifest(edited))).toContain('does not match a fresh plan');
  });

  it('plans for any backend the Node runner has, webgpu included, and refuses another', () => {
    const s = parseStudy(study({ alpha: [0.6, 1] }));
    const m = planStudy(s, 2, 'webgpu');
    expect(m.backend).toBe('webgpu');
    expect(readManifest(JSON.parse(JSON.stringify(m)))).toEqual(m);
    const webgl = { ...(JSON.parse(JSON.stringify(m)) as object), backend: 'webgl' };
    expect(refusal(() => readManifest(webgl))).toBe('manifest.json: backend must be one of wasm, cpu, webgpu');
  });

  it('assigns units to shards costliest first onto the least loaded', () => {
    const u = (id: string, cost: number): { id: string; experiment: number; lanes: number[]; cost: number } => ({ id, experiment: 0, lanes: [0], cost });
    expect(assignShards([u('a', 5), u('b', 3), u('c', 3), u('d', 2)], 2)).toEqual([['a', 'd'], ['b', 'c']]);
    expect(assignShards([u('a', 1)], 3)).toEqual([['a'], [], []]);
  });
});
