import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../../src/core/config';
import { studyTable } from '../../../src/core/results';
import type { StudyRun, StudyTable } from '../../../src/core/results';
import { planLanes } from '../../../src/core/train/plan';
import { studyCsv } from '../../../src/ui/history/StudyExport';

const SWEEP = 'kind=sweep&mhs=1,2,4&ranks=full&tau=8&modes=8&steps=100';

/** A sweep whose final MSE is exactly 0.01 · m_h^slope, so its fitted slope is `slope`. */
function sweepRun(link: string, slope: number): StudyRun {
  const config = decodeConfig(link).config;
  const mse = Float64Array.from(planLanes(config), (l) => 0.01 * l.mH ** slope);
  return { id: link, config, last: { step: 100, mse, rel: mse } };
}

describe('studyCsv', () => {
  it('writes one row per α with the seeds’ mean, sd, min, max, counts, and the theory', () => {
    const table = studyTable([
      sweepRun(`${SWEEP}&alpha=0.55&seed=0`, -0.3),
      sweepRun(`${SWEEP}&alpha=0.55&seed=1`, -0.5),
      sweepRun(`${SWEEP}&alpha=1&seed=0`, -1.0),
      sweepRun(`${SWEEP}&alpha=1&seed=1`, -1.2),
    ]);
    expect('error' in table).toBe(false);
    const lines = studyCsv(table as StudyTable).trim().split('\n');
    expect(lines[0]).toBe('series,alpha,slope_rank_full_mean,slope_rank_full_sd,slope_rank_full_min,slope_rank_full_max,values,runs,theory_slope,tail_slope');
    expect(lines).toHaveLength(3);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => r[1])).toEqual(['0.55', '1']);
    expect(rows.map((r) => Number(r[2]))).toEqual([expect.closeTo(-0.4, 9), expect.closeTo(-1.1, 9)]);
    expect(rows.map((r) => Number(r[3]))).toEqual([expect.closeTo(Math.SQRT2 / 10, 9), expect.closeTo(Math.SQRT2 / 10, 9)]);
    expect(rows.map((r) => [Number(r[4]), Number(r[5])])).toEqual([
      [expect.closeTo(-0.5, 9), expect.closeTo(-0.3, 9)],
      [expect.closeTo(-1.2, 9), expect.closeTo(-1.0, 9)],
    ]);
    expect(rows.map((r) => r.slice(6, 8))).toEqual([['2', '2'], ['2', '2']]);
    expect(rows.map((r) => Number(r[8]))).toEqual([expect.closeTo(-0.1, 9), -1]);
  });
});
