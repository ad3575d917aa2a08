import { describe, expect, it } from 'vitest';
import { DEFAULTS, decodeConfig, laneCount, MAX_LANES, type ExperimentConfig } from '../../../src/core/config';
import { planLanes } from '../../../src/core/train';
import { formatDigest, parseDigest } from '../../../src/core/lesson';

const cfg = (o: Partial<ExperimentConfig>): ExperimentConfig => ({ ...DEFAULTS, ...o });

describe('laneCount and the lane cap', () => {
  it('counts the lanes planLanes lists, for every kind', () => {
    const configs = [
      cfg({}),
      cfg({ seeds: 3 }),
      cfg({ model: 'rnn', seeds: 2 }),
      cfg({ kind: 'sweep', ranks: [2, 6, 'full'], mHs: [1, 2, 4, 8], seeds: 2 }),
      cfg({ kind: 'compare', seeds: 5 }),
      cfg({ kind: 'exact' }),
    ];
    for (const c of configs) expect(laneCount(c)).toBe(planLanes(c).length);
  });

  it('refuses the 2,048-lane sweep of issue 13 with a message naming the count and the cap', () => {
    const mhs = Array.from({ length: 32 }, (_, i) => i + 1).join(',');
    const { problems } = decodeConfig(`?v=1&kind=sweep&seeds=8&ranks=1,2,3,4,5,6,7,full&mhs=${mhs}`);
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.key).toBe('mhs');
    expect(errors[0]?.message).toBe(
      `mhs: this experiment trains 8 ranks × 32 head sizes (mhs) × 8 seeds = 2048 lanes; at most ${MAX_LANES} lanes run in one experiment (use fewer seeds, head sizes or ranks)`,
    );
  });

  it('accepts exactly MAX_LANES lanes and refuses one list item more', () => {
    const at = cfg({ kind: 'sweep', ranks: [1, 2, 3, 4, 5, 6, 7, 'full'], mHs: Array.from({ length: 32 }, (_, i) => i + 1), seeds: 1 });
    expect(laneCount(at)).toBe(MAX_LANES);
    expect(decodeConfig(`v=1&kind=sweep&ranks=1,2,3,4,5,6,7,full&mhs=${at.mHs.join(',')}`).problems).toEqual([]);
    const over = decodeConfig(`v=1&kind=sweep&ranks=1,2,3,4,5,6,7,full&mhs=${at.mHs.join(',')}&seeds=2`).problems;
    expect(over.map((p) => p.key)).toEqual(['mhs']);
  });

  it('a digest holds a number for every lane the app allows, and no more', () => {
    const mse = Array.from({ length: MAX_LANES }, (_, i) => (i + 1) * 1e-4);
    const text = formatDigest({ backend: 'wasm', config: '0123abcd', mse });
    const parsed = parseDigest(text);
    expect(parsed.ok && parsed.value.mse.length).toBe(MAX_LANES);
    const tooMany = parseDigest(`${text},1e-3`);
    expect(tooMany.ok).toBe(false);
    expect(!tooMany.ok && tooMany.reason).toBe(`has ${MAX_LANES + 1} numbers; at most ${MAX_LANES} lanes are allowed`);
  });
});
