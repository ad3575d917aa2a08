import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../../src/core/config';
import { planExperiment, planInfo } from '../../../src/core/train';
import type { EvalPoint, RunStoreState } from '../../../src/state/app-state';
import { createRunStore } from '../../../src/state/app-state';
import { laneColor } from '../../../src/ui/scene/theme';
import { markNames } from '../../../src/ui/scene/scene';
import { lacksByT, newestEval, orderingMoved, positionData, positionTickStep, spans } from '../../../src/ui/views/position-data';
import { figureSvg } from '../../../src/ui/scene/svg';
import { byPositionScene, MOVED_LABEL, NO_BY_T, positionScene, worstPositions } from '../../../src/ui/views/position-scene';
import { THEME } from './fixtures';

const LINK = 'kind=compare&target=memory&tau=12&swapk=3';
const TAU = 12;
const plan = planInfo(planExperiment(decodeConfig(LINK).config));
const lanes = plan.lanes.map((l) => ({ label: l.label, model: l.model, mH: l.mH, target: l.target, seedIndex: l.seedIndex }));

/** byT[l·τ + t] = 10^−(l+1) · (1 + t/16), with lane 0's worst position at t = 4 (step-dependent). */
function byT(step: number): Float64Array {
  return Float64Array.from({ length: lanes.length * TAU }, (_, i) => {
    const l = Math.floor(i / TAU);
    const t = i % TAU;
    return 10 ** -(l + 1) * (1 + t / 16) * (l === 0 && t === 4 ? 50 : 1) * (step / 100);
  });
}

function runWith(evals: EvalPoint[]): Pick<RunStoreState, 'lanes' | 'metrics'> {
  return { lanes, metrics: { ...createRunStore().getState().metrics, trainLoss: lanes.map(() => []), evals } };
}

const point = (step: number, withByT = true): EvalPoint => ({
  step,
  mse: new Float64Array(lanes.length),
  rel: new Float64Array(lanes.length),
  byT: withByT ? byT(step) : new Float64Array(0),
});

describe('error-by-position data', () => {
  it('takes the moved positions from the plan’s ordering target: swap k = 3, τ = 12', () => {
    expect(orderingMoved(plan)).toEqual([0, 1, 2, 9, 10, 11]);
    expect(orderingMoved(planInfo(planExperiment(decodeConfig('kind=single&target=memory&tau=5&alt=order&order=reverse').config)))).toEqual([0, 1, 3, 4]);
    expect(orderingMoved(planInfo(planExperiment(decodeConfig('kind=single&target=memory&tau=12').config)))).toEqual([]);
    expect(orderingMoved(null)).toEqual([]);
  });

  it('splits the latest byT into one line per lane, τ points each, exactly the stored values', () => {
    const run = runWith([point(100), point(200)]);
    const d = positionData(run, orderingMoved(plan));
    expect(d?.step).toBe(200);
    expect(d?.tau).toBe(TAU);
    expect(d?.lines.map((l) => l.label)).toEqual(['RNN · none', 'RNN · order', 'RNN · mix', 'Transformer · none', 'Transformer · order', 'Transformer · mix']);
    expect(d?.lines.map((l) => l.color)).toEqual(lanes.map((_, i) => laneColor(i, 6)));
    expect(d?.lines.flatMap((l) => l.mse)).toEqual(Array.from(byT(200)));
    expect(d?.moved).toEqual([0, 1, 2, 9, 10, 11]);
  });

  it('uses the newest evaluation, and knows when its byT was not recorded (older records)', () => {
    expect(newestEval([point(100), point(200, false)])?.step).toBe(200);
    expect(lacksByT([point(100, false), point(200, false)])).toBe(true);
    expect(lacksByT([point(100), point(200, false)])).toBe(true);
    expect(lacksByT([point(100, false), point(200)])).toBe(false);
    expect(lacksByT([])).toBe(false);
    expect(positionData(runWith([point(100, false)]), [])).toBeNull();
    expect(positionData(runWith([point(100, false), point(200)]), [])?.step).toBe(200);
  });

  it('groups neighbouring positions into bands and thins the ticks of long sequences', () => {
    expect(spans([0, 1, 2, 9, 10, 11])).toEqual([[0, 2], [9, 11]]);
    expect(spans([3, 5])).toEqual([[3, 3], [5, 5]]);
    expect(spans([])).toEqual([]);
    expect([8, 12, 16, 32, 64, 256].map(positionTickStep)).toEqual([1, 1, 1, 2, 5, 20]);
  });
});

describe('positionScene', () => {
  const d = positionData(runWith([point(100), point(300)]), orderingMoved(plan));
  if (!d) throw new Error('no data');
  const s = positionScene(d, THEME);

  it('draws a log-y line per lane over integer t, and writes the drawn values for the tests', () => {
    expect(s.x.type).toBe('linear');
    expect(s.y.type).toBe('log');
    expect(s.x.range).toEqual([-0.5, 11.5]);
    expect(s.x.ticks.map((t) => t.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const lines = s.marks.filter((m) => m.kind === 'line');
    expect(lines).toHaveLength(6);
    expect(lines[1]?.kind === 'line' ? [lines[1].name, lines[1].y] : []).toEqual(['RNN · order', Array.from(byT(300).subarray(12, 24))]);
    expect(s.attrs).toMatchObject({ step: '300', lines: '6', points: '12,12,12,12,12,12', moved: '0,1,2,9,10,11' });
    expect(s.attrs.mse?.split(';').map((l) => l.split(',').map(Number))).toEqual(lanes.map((_, l) => Array.from(byT(300).subarray(l * 12, (l + 1) * 12))));
    // Every value sits inside the y range.
    const all = Array.from(byT(300));
    expect(s.y.range[0]).toBeLessThan(Math.min(...all));
    expect(s.y.range[1]).toBeGreaterThan(Math.max(...all));
  });

  it('shades each run of moved positions across the whole y range, under the lines', () => {
    const bands = s.marks.filter((m) => m.name === MOVED_LABEL);
    expect(bands.map((b) => (b.kind === 'area' ? b.x : []))).toEqual([
      [-0.5, 2.5, 2.5, -0.5],
      [8.5, 11.5, 11.5, 8.5],
    ]);
    expect(bands.every((b) => b.kind === 'area' && b.y[0] === s.y.range[0] && b.y[2] === s.y.range[1])).toBe(true);
    expect(s.marks.findIndex((m) => m.kind === 'line')).toBeGreaterThan(s.marks.findIndex((m) => m.name === MOVED_LABEL));
    expect(markNames(s)[0]).toBe(MOVED_LABEL);
    expect(s.legend.map((l) => l.label)).toContain(MOVED_LABEL);
  });

  it('finds each lane’s worst position and reads every lane at the hovered t', () => {
    expect(worstPositions(d)).toEqual([4, 11, 11, 11, 11, 11]);
    expect(s.attrs.worst).toBe('4,11,11,11,11,11');
    expect(s.hover).toBe('column');
    expect(s.targets).toHaveLength(12);
    const at4 = s.targets[4]?.lines() ?? [];
    expect(at4[0]).toBe('t = 4');
    expect(at4).toHaveLength(7);
    expect(s.targets[9]?.lines()[0]).toBe('t = 9, moved by the ordering');
  });

  it('shows a message before any evaluation and for records without byT', () => {
    expect(byPositionScene(runWith([]), [], THEME).empty).toMatch(/No evaluation yet/);
    expect(byPositionScene(runWith([point(100, false)]), [], THEME).empty).toBe(NO_BY_T);
    expect(byPositionScene({ lanes: [], metrics: runWith([]).metrics }, [], THEME).empty).toMatch(/Waiting/);
    expect(byPositionScene(runWith([point(100)]), [], THEME).empty).toBeNull();
  });
});

describe('the error by position as SVG (export)', () => {
  it('tags every lane and the moved bands as series, shades each run of moved positions once', () => {
    const d = positionData(runWith([point(100)]), orderingMoved(plan));
    if (!d) throw new Error('no data');
    const svg = figureSvg(positionScene(d, THEME), 900, 450, THEME, (text) => 6 * text.length);
    const series = [...svg.matchAll(/data-series="([^"]*)"/g)].map((m) => m[1]);
    expect([...new Set(series)]).toEqual([MOVED_LABEL, ...lanes.map((l) => l.label)]);
    // Two runs of moved positions (t = 0..2 and 9..11): two filled bands.
    expect(series.filter((n) => n === MOVED_LABEL)).toHaveLength(2);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="900" height="450"')).toBe(true);
    expect(svg).toContain('>output position t</text>');
  });
});
