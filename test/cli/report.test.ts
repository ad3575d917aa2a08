import { describe, expect, it } from 'vitest';
import { positionDigits, positionReport, sweepReport } from '../../src/cli/report';
import { decodeConfig } from '../../src/core/config/codec';
import { rateSummary, summariseSweep } from '../../src/core/results';
import { planExperiment } from '../../src/core/train/plan';

describe('error by position', () => {
  it('gives one digit per position: d means 10^-(d+1) <= MSE < 10^-d, clamped to 0..9', () => {
    expect(positionDigits([0.5, 0.05, 2e-4, 1e-3, 1e-12, Number.NaN])).toBe('01329!');
  });

  it('names each lane, its digits and its worst position', () => {
    const { config } = decodeConfig('kind=compare&target=memory&tau=4');
    const plan = planExperiment(config);
    const L = plan.lanes.length;
    const byT = new Float64Array(L * 4).fill(1e-5);
    byT[1 * 4 + 2] = 0.2; // lane 1 (RNN · order) fails at t = 2
    const text = positionReport(plan, { step: 1, mse: new Float64Array(L), rel: new Float64Array(L), byT }, 4);
    const row = text.split('\n').find((line) => line.includes('RNN · order')) ?? '';
    expect(row).toMatch(/4404\s+t = 2\s+2\.00e-1/);
    expect(text.split('\n').filter((line) => /\s4444\s+t = 0/.test(line))).toHaveLength(L - 1);
  });
});

describe('the sweep report', () => {
  it('adds the rate view’s fit over every m_h, floor included, when fewer than two points lie below r', () => {
    const { config } = decodeConfig('kind=sweep&mhs=1,2,4,8&ranks=2,full');
    const plan = planExperiment(config);
    // MSE = m_h^-1 on both ranks: rank 2 has one point below r (m_h = 1), so no rate there.
    const mse = Float64Array.from(plan.lanes, (l) => 1 / l.mH);
    const result = { step: 100, mse, rel: mse };
    const text = sweepReport(summariseSweep(config, plan, result), config, rateSummary(config, plan, result));
    const fits = text.split('\n').filter((line) => line.startsWith('fit') || line.startsWith('fitted'));
    expect(fits).toHaveLength(2);
    expect(fits[0]).toMatch(/^fit: .+; over every m_h, floor included: slope -1\.000 ± 0\.000 \(not a rate\)$/);
    expect(fits[1]).toMatch(/^fitted slope -1\.000 ± 0\.000 over 4 points/);
    // Without the rate summary, the failed fit is reported alone.
    expect(sweepReport(summariseSweep(config, plan, result), config).split('\n').find((line) => line.startsWith('fit:'))).toBe(fits[0]?.split(';')[0]);
  });
});
