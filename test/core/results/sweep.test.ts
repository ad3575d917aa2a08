import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../../src/core/config';
import { summariseSweep, tailSlope } from '../../../src/core/results';
import { planExperiment } from '../../../src/core/train';

const config = (link: string) => decodeConfig(link).config;

describe('sweep summary', () => {
  it('the tail slope of σ_k = 1/k over m_h = 1..16 is −1.10 with K = 32 modes and tends to −(2α−1) as K grows', () => {
    const mHs = [1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16];
    expect(tailSlope(config('modes=32'), 'full', mHs)).toBeCloseTo(-1.095, 2);
    expect(tailSlope(config('modes=128&alpha=0.55'), 'full', mHs)).toBeCloseTo(-0.328, 2);
    // An independent sum: K = 2 and m = 1 leaves only σ_2² = 1/4; m = 2 leaves nothing (excluded).
    expect(tailSlope(config('modes=2'), 'full', [1, 2])).toBeNull();
  });

  it('groups lanes by rank, averages seeds, fits the power law and measures the drop at m_h = r', () => {
    const c = config('kind=sweep&ranks=2,full&mhs=1,2,4&seeds=2&modes=8');
    const plan = planExperiment(c);
    // err = 0.01 · m_h^-1 for full rank, seeds ±10 %; rank 2 collapses 100× at m_h = 2.
    const mse = Float64Array.from(plan.lanes, (l) => {
      const base = plan.targets[l.target]?.rank === 'full' ? 0.01 / l.mH : l.mH >= 2 ? 1e-6 : 1e-4;
      return base * (l.seedIndex === 0 ? 0.9 : 1.1);
    });
    const s = summariseSweep(c, plan, { step: 1, mse, rel: mse });
    const [r2, full] = s.rows;
    expect(r2?.dropAtRank).toBeCloseTo(100, 8);
    expect(full?.points.map((p) => p.mse)).toEqual([0.01, 0.005, 0.0025].map((v) => expect.closeTo(v, 12) as unknown as number));
    expect(full?.points[0]?.mseSd).toBeCloseTo(Math.sqrt(2) * 0.001, 10);
    if (!full || 'error' in full.fit) throw new Error('no fit');
    expect(full.fit.slope).toBeCloseTo(-1, 10);
    expect(s.theorySlope).toBe(-1);
  });
});
