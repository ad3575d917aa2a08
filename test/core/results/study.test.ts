import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../../src/core/config';
import { isStudyShape, studyShape, studyTable, studyTableSteps, summariseSweep, tailSlope } from '../../../src/core/results';
import type { StudyRun, StudyTable } from '../../../src/core/results';
import { planExperiment, planLanes } from '../../../src/core/train/plan';

const config = (link: string) => decodeConfig(link).config;
const SWEEP = 'kind=sweep&mhs=1,2,4&ranks=full&tau=8&modes=8&steps=100';
const mHs = [1, 2, 4];

/** A sweep run whose final MSE is exactly 0.01 · m_h^slope on every lane. */
function sweepRun(id: string, link: string, slope: number): StudyRun {
  const c = config(link);
  const mse = Float64Array.from(planLanes(c), (l) => 0.01 * l.mH ** slope);
  return { id, config: c, last: { step: c.steps, mse, rel: mse } };
}

function table(runs: readonly StudyRun[]): StudyTable {
  const t = studyTable(runs);
  if ('error' in t) throw new Error(t.error);
  return t;
}

describe('studyShape', () => {
  it('finds the fields that vary, draws α along x and spreads over the seed axis', () => {
    const s = studyShape([config(`${SWEEP}&alpha=0.55&seed=0`), config(`${SWEEP}&alpha=1&seed=0`), config(`${SWEEP}&alpha=0.55&seed=1&steps=200`)]);
    if (!isStudyShape(s)) throw new Error(s.error);
    expect(s).toEqual({ kind: 'sweep', axes: ['alpha', 'steps', 'seed'], x: 'alpha', spread: 'seed', seriesBy: ['steps'] });
  });

  it('ignores fields that do not change the numbers, and takes the first varying field when α does not vary', () => {
    const s = studyShape([config('kind=single&lr=0.01&workers=2&centre=1'), config('kind=single&lr=0.001')]);
    expect(s).toEqual({ kind: 'single', axes: ['lr'], x: 'lr', spread: null, seriesBy: [] });
    // Seeds alone: the seed is the x axis, with no spread.
    expect(studyShape([config('seed=1'), config('seed=2')])).toMatchObject({ axes: ['seed'], x: 'seed', spread: null });
  });

  it('says why runs form no study', () => {
    expect(studyShape([config('kind=sweep')])).toEqual({ error: 'a study needs at least two runs' });
    expect(studyShape([config('kind=sweep'), config('kind=compare'), config('kind=sweep&seed=2')])).toEqual({
      error: 'the runs are of different kinds (2 sweep, 1 compare): a study compares runs of one kind',
    });
    expect(studyShape([config('kind=sweep&workers=1'), config('kind=sweep&workers=3')])).toEqual({
      error: 'the 2 runs have the same settings: nothing varies between them, so there is no study to draw',
    });
    expect(studyShape([config('kind=exact'), config('kind=exact&alpha=2')])).toMatchObject({ error: expect.stringContaining('exact-spectra runs train nothing') as unknown as string });
  });
});

describe('studyTable', () => {
  it('puts the fitted full-rank slope of each sweep against α: mean, spread over seeds, theory and tail slope', () => {
    const runs = [
      sweepRun('a', `${SWEEP}&alpha=1&seed=1`, -1.2),
      sweepRun('b', `${SWEEP}&alpha=0.55&seed=0`, -0.3),
      sweepRun('c', `${SWEEP}&alpha=1&seed=0`, -1.0),
      sweepRun('d', `${SWEEP}&alpha=0.55&seed=1`, -0.5),
    ];
    const t = table(runs);
    expect([t.metric, t.rank, t.x, t.spread, t.numeric, t.runCount]).toEqual(['slope', 'full', 'alpha', 'seed', true, 4]);
    expect(t.series).toHaveLength(1);
    const points = t.series[0]?.points ?? [];
    expect(points.map((p) => [p.x, p.label, p.runs])).toEqual([
      [0.55, '0.55', 2],
      [1, '1', 2],
    ]);
    // Values in seed order; the fit of an exact power law returns its exponent.
    expect(points[0]?.values.map((v) => Number(v.toFixed(12)))).toEqual([-0.3, -0.5]);
    expect(points[1]?.values.map((v) => Number(v.toFixed(12)))).toEqual([-1, -1.2]);
    expect(points[0]?.mean).toBeCloseTo(-0.4, 12);
    expect(points[1]?.mean).toBeCloseTo(-1.1, 12);
    expect([points[1]?.min, points[1]?.max].map((v) => Number(v?.toFixed(12)))).toEqual([-1.2, -1]);
    expect(points[1]?.sd).toBeCloseTo(0.2 / Math.SQRT2, 12);
    expect(points[0]?.theory).toBeCloseTo(-0.1, 12);
    expect(points[1]?.theory).toBe(-1);
    // The tail slope is core's, for each α over the fitted m_h.
    expect(points[0]?.tail).toBeCloseTo(tailSlope(config(`${SWEEP}&alpha=0.55`), 'full', mHs) ?? NaN, 12);
    expect(points[1]?.tail).toBeCloseTo(tailSlope(config(`${SWEEP}&alpha=1`), 'full', mHs) ?? NaN, 12);
    expect(t.missing).toEqual([]);
  });

  it('gives the same slope as the runner’s sweep summary on the full plan', () => {
    const base = 'kind=sweep&mhs=1,2,4,8&ranks=2,full&seeds=2&tau=8&modes=8&steps=100';
    const run = sweepRun('a', `${base}&alpha=0.75`, -0.7);
    const other = sweepRun('b', `${base}&alpha=0.9`, -0.8);
    const c = run.config;
    const full = summariseSweep(c, planExperiment(c), run.last ?? { step: 0, mse: new Float64Array(0), rel: new Float64Array(0) }).rows.find((r) => r.rank === 'full');
    if (!full || 'error' in full.fit) throw new Error('no fit');
    expect(table([run, other]).series[0]?.points[0]?.mean).toBe(full.fit.slope);
  });

  it('splits the other axes into series and names runs without a value', () => {
    const failed = { ...sweepRun('z', `${SWEEP}&alpha=1&steps=200`, -1), last: null };
    const t = table([sweepRun('a', `${SWEEP}&alpha=0.55`, -0.4), sweepRun('b', `${SWEEP}&alpha=1`, -0.9), sweepRun('c', `${SWEEP}&alpha=0.55&steps=200`, -0.45), failed]);
    expect(t.series.map((s) => s.name)).toEqual(['steps=100', 'steps=200']);
    expect(t.series[1]?.points.map((p) => [p.label, p.runs, p.values.length])).toEqual([
      ['0.55', 1, 1],
      ['1', 1, 0],
    ]);
    expect(Number.isNaN(t.series[1]?.points[1]?.mean)).toBe(true);
    expect(t.missing).toEqual([{ id: 'z', why: 'no evaluation' }]);
  });

  it('draws the final MSE, mean over lanes, for runs that are not sweeps; a word field is a category axis', () => {
    const run = (id: string, link: string, mse: number[]): StudyRun => ({ id, config: config(link), last: { step: 100, mse: Float64Array.from(mse), rel: Float64Array.from(mse) } });
    const t = table([
      run('a', 'kind=compare&target=memory&kernel=random', [1, 2, 3, 4, 5, 6]),
      run('b', 'kind=compare&target=memory&kernel=exp', [0.5, 0.5, 0.5, 0.5, 0.5, NaN]),
    ]);
    expect([t.metric, t.rank, t.x, t.numeric, t.categories]).toEqual(['mse', null, 'kernel', false, ['exp', 'random']]);
    expect(t.series[0]?.points.map((p) => [p.x, p.label, p.mean])).toEqual([
      [0, 'exp', 0.5],
      [1, 'random', 3.5],
    ]);
  });

  it('refuses sweeps with no shared rank, and yields once per run', () => {
    const noFull = SWEEP.replace('&ranks=full', '');
    expect(studyTable([sweepRun('a', `${noFull}&ranks=2`, -1), sweepRun('b', `${noFull}&ranks=4`, -1)])).toEqual({
      error: 'the sweeps share no target rank, so their fitted slopes do not compare',
    });
    const steps = studyTableSteps([sweepRun('a', `${SWEEP}&alpha=0.6`, -1), sweepRun('b', `${SWEEP}&alpha=0.7`, -1), sweepRun('c', `${SWEEP}&alpha=0.8`, -1)]);
    let yields = 0;
    for (let r = steps.next(); !r.done; r = steps.next()) yields++;
    expect(yields).toBe(3);
  });
});
