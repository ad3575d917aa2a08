import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../../src/core/config';
import { summariseCompare } from '../../../src/core/results';
import { planExperiment } from '../../../src/core/train';

describe('compare summary', () => {
  it('gives MSE and relative-error ratios against each architecture’s original, averaging seeds', () => {
    const plan = planExperiment(decodeConfig('kind=compare&target=memory&tau=12&swapk=3&seeds=2').config);
    // Lanes: RNN × (none, order, mix) × 2 seeds, then Transformer × the same.
    const mse = Float64Array.from(plan.lanes, (l) => {
      const alt = plan.targets[l.target]?.alteration;
      const base = l.model === 'rnn' ? { none: 1e-6, order: 1e-1, mix: 1e-6 }[alt ?? 'none'] : { none: 1e-3, order: 1e-3, mix: 2e-3 }[alt ?? 'none'];
      return base * (l.seedIndex === 0 ? 0.5 : 1.5);
    });
    const variance = { none: 0.1, order: 0.1, mix: 0.025 };
    const rel = Float64Array.from(plan.lanes, (l, i) => (mse[i] as number) / variance[plan.targets[l.target]?.alteration ?? 'none']);
    const cells = summariseCompare(plan, { step: 1, mse, rel });
    const cell = (model: string, alteration: string) => cells.find((c) => c.model === model && c.alteration === alteration);
    expect(cells).toHaveLength(6);
    expect(cell('rnn', 'none')?.mse).toBeCloseTo(1e-6, 15);
    expect(cell('rnn', 'order')?.ratio).toBeCloseTo(1e5, 6);
    expect(cell('transformer', 'mix')?.ratio).toBeCloseTo(2, 10);
    expect(cell('transformer', 'mix')?.relRatio).toBeCloseTo(8, 10);
    expect(cell('transformer', 'none')?.relRatio).toBe(1);
  });
});
