import { describe, expect, it } from 'vitest';
import { settleShapeFeedback } from '../../src/platform/shape-feedback';

describe('settleShapeFeedback', () => {
  it('only computes sizes: 1,000 rounds of 6 + 7.5 + 6 + 7.5 + 6 + 2', () => {
    expect(settleShapeFeedback()).toBe(1000 * (6 + 7.5 + 6 + 7.5 + 6 + 2));
  });
});
