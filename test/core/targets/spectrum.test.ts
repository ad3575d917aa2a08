import { describe, expect, it } from 'vitest';
import { couplingSigmas, theoryExponent } from '../../../src/core/targets';
import { config } from './reference';

const close = (got: Float64Array, want: readonly number[]): void => {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, 14));
};

describe('couplingSigmas', () => {
  it('power: σ_k = k^(−α), r finite or all K modes for full', () => {
    const c = config('spec=power&alpha=0.55');
    close(couplingSigmas(c, 2), [1, 2 ** -0.55]);
    close(couplingSigmas(c, 6), [1, 2, 3, 4, 5, 6].map((k) => k ** -0.55));
    const full = couplingSigmas(c, 'full');
    expect(full.length).toBe(32); // K = 32 default
    expect(full[31]).toBeCloseTo(32 ** -0.55, 14);
    close(couplingSigmas(config('spec=power&alpha=1&modes=8'), 'full'), [1, 1 / 2, 1 / 3, 1 / 4, 1 / 5, 1 / 6, 1 / 7, 1 / 8]);
  });

  it('exp: σ_k = e^(−λ(k−1))', () => {
    close(couplingSigmas(config('spec=exp&lambda=0.5'), 4), [1, Math.exp(-0.5), Math.exp(-1), Math.exp(-1.5)]);
    const full = couplingSigmas(config('spec=exp&lambda=2&modes=5'), 'full');
    close(full, [0, 1, 2, 3, 4].map((j) => Math.exp(-2 * j)));
  });

  it('flat: σ_k = 1', () => {
    close(couplingSigmas(config('spec=flat'), 2), [1, 1]);
    close(couplingSigmas(config('spec=flat&modes=3'), 'full'), [1, 1, 1]);
  });

  it('list: the typed values, truncated to r, all of them for full', () => {
    const c = config('spec=list&sigmas=3,0.5,0.25,0.1');
    close(couplingSigmas(c, 2), [3, 0.5]);
    close(couplingSigmas(c, 'full'), [3, 0.5, 0.25, 0.1]);
    close(couplingSigmas(c, 10), [3, 0.5, 0.25, 0.1]); // a rank beyond the list is clamped, not zero-padded
  });

  it('clamps a finite rank to the K modes available', () => {
    expect(couplingSigmas(config('spec=flat&modes=4'), 9).length).toBe(4);
  });

  it('returns σ before β (β is applied by the target, not the spectrum)', () => {
    close(couplingSigmas(config('spec=flat&beta=7'), 2), [1, 1]);
  });
});

describe('theoryExponent', () => {
  it('is 2α − 1: 1 for α = 1, 0.1 for α = 0.55 (docs/model.md §5.3)', () => {
    expect(theoryExponent(1)).toBe(1);
    expect(theoryExponent(0.55)).toBeCloseTo(0.1, 14);
  });
});
