import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../../src/core/config';
import { studyTable } from '../../../src/core/results';
import type { StudyRun } from '../../../src/core/results';
import { planLanes } from '../../../src/core/train/plan';
import { markNames } from '../../../src/ui/scene/scene';
import { studyScene } from '../../../src/ui/history/study-scene';
import { THEME } from '../views/fixtures';

const SWEEP = 'kind=sweep&mhs=1,2,4&ranks=full&tau=8&modes=8&steps=100';

function sweepRun(link: string, slope: number): StudyRun {
  const config = decodeConfig(link).config;
  const mse = Float64Array.from(planLanes(config), (l) => 0.01 * l.mH ** slope);
  return { id: link, config, last: { step: 100, mse, rel: mse } };
}

const ALPHA_STUDY = [
  sweepRun(`${SWEEP}&alpha=0.55&seed=0`, -0.3),
  sweepRun(`${SWEEP}&alpha=0.55&seed=1`, -0.5),
  sweepRun(`${SWEEP}&alpha=1&seed=0`, -1.0),
  sweepRun(`${SWEEP}&alpha=1&seed=1`, -1.2),
];

describe('studyScene', () => {
  it('draws the exponent against α: one point per α, the seeds’ range, the theory and the tail slope', () => {
    const s = studyScene(studyTable(ALPHA_STUDY), THEME);
    expect(s.empty).toBeNull();
    expect(s.attrs).toMatchObject({ figure: 'exponent-alpha', x: 'alpha', axes: 'alpha,seed', metric: 'slope', runs: '4', series: '1', points: '2', alpha: '0.55,1', slopes: '-0.4000,-1.1000', min: '-0.500,-1.200', max: '-0.300,-1.000', seeds: '2,2', theory: '-0.1000,-1.0000', missing: '0' });
    expect(markNames(s)).toEqual(['seed range', 'theory −(2α−1)', 'tail slope', 'fitted slope', 'fitted slope points']);
    expect(s.x.type).toBe('linear');
    expect(s.x.ticks.map((t) => t.label)).toEqual(['0.55', '1']);
    // The y axis holds every value drawn: the seeds' range, the theory and the tail.
    expect(s.y.range[0]).toBeLessThan(-1.2);
    expect(s.y.range[1]).toBeGreaterThan(-0.1);
    const range = s.marks.find((m) => m.name === 'seed range');
    expect(range?.kind === 'line' ? range.y.map((v) => (Number.isNaN(v) ? 'gap' : Number(v.toFixed(9)))) : []).toEqual([-0.5, -0.3, 'gap', -1.2, -1, 'gap']);
    expect(s.targets.map((t) => t.lines()[1])).toEqual(['fitted slope -0.400 ± 0.141 (2 seeds: -0.500 … -0.300)', 'fitted slope -1.100 ± 0.141 (2 seeds: -1.200 … -1.000)']);
  });

  it('draws the final MSE on a log axis for runs that are not sweeps', () => {
    const run = (steps: number, mse: number): StudyRun => {
      const config = decodeConfig(`kind=single&steps=${steps}`).config;
      return { id: String(steps), config, last: { step: steps, mse: Float64Array.of(mse), rel: Float64Array.of(mse) } };
    };
    const s = studyScene(studyTable([run(100, 0.1), run(1000, 0.01), run(10000, 0.001)]), THEME);
    expect(s.attrs).toMatchObject({ figure: 'mse-steps', x: 'steps', points: '3', values: '1.0000e-1,1.0000e-2,1.0000e-3', alpha: '', slopes: '' });
    expect([s.x.type, s.y.type]).toEqual(['log', 'log']);
    expect(markNames(s)).toEqual(['eval MSE', 'eval MSE points']);
  });

  it('says why the runs form no study', () => {
    const s = studyScene(studyTable([ALPHA_STUDY[0] as StudyRun]), THEME);
    expect(s.empty).toBe('Not a study: a study needs at least two runs');
    expect(s.attrs.points).toBe('0');
    expect(studyScene(null, THEME).empty).toBe('Reading the study…');
  });
});
