import { describe, expect, it } from 'vitest';
import { positionDigits, positionReport } from '../../src/cli/report';
import { decodeConfig } from '../../src/core/config/codec';
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
