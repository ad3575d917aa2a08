import { describe, expect, it } from 'vitest';
import { isDegenerate } from '../../../src/ui/views/spectrum-data';

describe('isDegenerate', () => {
  it('is true for fewer than 3 distinct values (to 6 decimals) and false from 3 on', () => {
    expect(isDegenerate([])).toBe(true);
    expect(isDegenerate([-4, -4, -4, -4])).toBe(true);
    expect(isDegenerate([-4, -1, -4, -1])).toBe(true);
    expect(isDegenerate([-4, -1, -4, -1.0000001, -1])).toBe(true);
    expect(isDegenerate([-4, -1, -4, -1.00001])).toBe(false);
    expect(isDegenerate([1, 2, 3])).toBe(false);
  });
});
