import { describe, expect, it } from 'vitest';
import type { LogitSpectra } from '../../../src/core/results';
import { viridis } from '../../../src/ui/scene/colormap';
import { markNames } from '../../../src/ui/scene/scene';
import { attentionMap, deadKeys, keyTotals, lacksAttention, newestSpectra, transformerLanes } from '../../../src/ui/views/attention-data';
import { attentionScene, byLaneAttentionScene, NO_ATTENTION } from '../../../src/ui/views/attention-scene';
import { runState, snapshot } from './fixtures';

const T = 6;

/** Lane i's map: a causal band (A[t, s] ∝ 2^−(t−s) for s ≤ t, rows normalised) with key `dead` given nothing. */
function band(dead: number | null): number[] {
  const out: number[] = [];
  for (let t = 0; t < T; t++) {
    const row = Array.from({ length: T }, (_, s): number => (s <= t && s !== dead ? 2 ** -(t - s) : 0));
    if (Math.max(...row) === 0) row[t === 0 ? 1 : 0] = 1;
    const z = row.reduce((a, b) => a + b, 0);
    out.push(...row.map((v) => v / z));
  }
  return out;
}

function withAttention(step: number, dead: number | null): LogitSpectra {
  return { ...snapshot(step, 1), keep: T, attention: Float32Array.from([...band(null), ...band(dead)]), attentionCount: 64 };
}

describe('mean attention: data', () => {
  it('reads the newest snapshot, exactly, per lane; one without attention is an older record', () => {
    const old = snapshot(100, 1);
    const run = runState([withAttention(200, 3), withAttention(300, 2)]);
    expect(newestSpectra(run.metrics.spectra)?.step).toBe(300);
    expect(lacksAttention(run.metrics.spectra)).toBe(false);
    expect(lacksAttention([old])).toBe(true);
    expect(lacksAttention([withAttention(200, 3), old])).toBe(true);
    expect(lacksAttention([])).toBe(false);
    expect(attentionMap(runState([old]), 0)).toBeNull();
    expect(transformerLanes(run)).toEqual([0, 1]);
    const m = attentionMap(run, 1);
    expect(m).not.toBeNull();
    if (!m) return;
    expect(m).toMatchObject({ step: 300, lane: 1, label: 'm_h 4', lanes: 2, tau: T, count: 64 });
    expect(m.values).toEqual(Array.from(Float32Array.from(band(2))));
    expect(attentionMap(run, 5)).toBeNull();
  });

  it('finds dead keys as columns receiving almost no attention; totals sum to τ', () => {
    const run = runState([withAttention(300, 2)]);
    const alive = attentionMap(run, 0);
    const dead = attentionMap(run, 1);
    if (!alive || !dead) throw new Error('no map');
    expect(keyTotals(alive).reduce((a, b) => a + b, 0)).toBeCloseTo(T, 5);
    expect(deadKeys(alive)).toEqual([]);
    expect(deadKeys(dead)).toEqual([2]);
  });
});

describe('mean attention: scene', () => {
  it('draws τ × τ viridis cells scaled to the max, with the values and dead keys in its attributes', () => {
    const run = runState([withAttention(300, 2)]);
    const scene = byLaneAttentionScene(run, 1);
    expect(scene.empty).toBeNull();
    expect(markNames(scene)).toEqual(['mean attention']);
    const cells = scene.marks[0];
    if (cells?.kind !== 'cells') throw new Error('no cells');
    expect([cells.cols, cells.rows, cells.colors.length]).toEqual([T, T, T * T]);
    const values = scene.attrs.values?.split(',').map(Number) ?? [];
    expect(values).toEqual(Array.from(Float32Array.from(band(2))));
    const max = Math.max(...values);
    expect(Number(scene.attrs.max)).toBe(max);
    expect(cells.colors[0]).toBe(viridis(1)); // A[0, 0] = 1 is the max
    expect(cells.colors[2]).toBe(viridis(0));
    for (let t = 0; t < T; t++) expect(values.slice(t * T, (t + 1) * T).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(scene.attrs).toMatchObject({ step: '300', lanes: '2', lane: '1', label: 'm_h 4', tau: String(T), dead: '2' });
    // Query t = 0 at the top: the y range runs from τ − ½ (bottom) to −½ (top).
    expect(scene.y.range).toEqual([T - 0.5, -0.5]);
    expect(scene.hover).toBe('cell');
    expect(scene.targets).toHaveLength(T * T);
    expect(scene.targets[1 * T + 0]?.lines()).toEqual(['t = 1, s = 0', `A = ${(values[T] ?? 0).toPrecision(3)}`, expect.stringContaining('key 0 receives')]);
    expect(scene.legend.map((l) => l.color)).toEqual([0, 0.25, 0.5, 0.75, 1].map(viridis));
  });

  it('says why there is no map', () => {
    expect(byLaneAttentionScene({ ...runState([]), lanes: [] }, 0).empty).toMatch(/Waiting/);
    expect(byLaneAttentionScene(runState([]), 0).empty).toMatch(/No evaluation yet/);
    expect(byLaneAttentionScene(runState([snapshot(100, 1)]), 0).empty).toBe(NO_ATTENTION);
    expect(attentionScene({ step: 1, lane: 0, label: 'x', lanes: 1, tau: 1, count: 1, values: [1] }).attrs.values).toBe('1');
  });

  it('viridis runs from dark purple to yellow and clamps', () => {
    expect(viridis(0)).toBe('rgb(68, 1, 84)');
    expect(viridis(1)).toBe('rgb(253, 231, 37)');
    expect(viridis(2)).toBe(viridis(1));
    expect(viridis(Number.NaN)).toBe(viridis(0));
    expect(viridis(0.0625)).toBe('rgb(70, 23, 104)');
  });
});
