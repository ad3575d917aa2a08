import { describe, expect, it } from 'vitest';
import { learningRate } from '../../../src/core/train/schedule';

describe('learningRate', () => {
  it('constant stays at lr; cosine falls from lr through lr/2 at half-way towards 0', () => {
    expect(learningRate('constant', 0.01, 0, 100)).toBe(0.01);
    expect(learningRate('constant', 0.01, 99, 100)).toBe(0.01);
    expect(learningRate('cosine', 0.01, 0, 100)).toBe(0.01);
    expect(learningRate('cosine', 0.01, 50, 100)).toBeCloseTo(0.005, 15);
    expect(learningRate('cosine', 0.01, 99, 100)).toBeCloseTo(0.005 * (1 + Math.cos((Math.PI * 99) / 100)), 15);
  });

  it('warm-up ramps linearly, (step + 1) / warmup, then leaves the schedule exactly as without it', () => {
    expect(learningRate('constant', 0.02, 0, 1000, 10)).toBeCloseTo(0.002, 15);
    expect(learningRate('constant', 0.02, 4, 1000, 10)).toBeCloseTo(0.01, 15);
    expect(learningRate('constant', 0.02, 9, 1000, 10)).toBe(0.02);
    // Cosine with warm-up = the cosine value times the ramp, the cosine counted from step 0.
    expect(learningRate('cosine', 0.02, 4, 1000, 10)).toBeCloseTo(learningRate('cosine', 0.02, 4, 1000) * 0.5, 15);
    for (const step of [10, 11, 500, 999]) {
      expect(learningRate('cosine', 0.02, step, 1000, 10)).toBe(learningRate('cosine', 0.02, step, 1000));
    }
    // No warm-up is the same number, bit for bit, as the schedule alone.
    expect(learningRate('cosine', 0.003, 123, 3000, 0)).toBe(learningRate('cosine', 0.003, 123, 3000));
  });
});
