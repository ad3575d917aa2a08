import { describe, expect, it } from 'vitest';
import { MAX_RESTARTS, RESTART_DELAYS_MS, RestartPolicy } from '../../src/state/restart-policy';

describe('RestartPolicy', () => {
  it('backs off between restarts in a row and stops after MAX_RESTARTS', () => {
    const p = new RestartPolicy();
    const waits = Array.from({ length: MAX_RESTARTS + 2 }, () => p.failed());
    expect(waits).toEqual([...RESTART_DELAYS_MS, null, null]);
    expect(RESTART_DELAYS_MS.every((d, i) => i === 0 || d > (RESTART_DELAYS_MS[i - 1] as number))).toBe(true);
    expect(MAX_RESTARTS).toBeGreaterThanOrEqual(3);
  });

  it('a worker that loads clears the count', () => {
    const p = new RestartPolicy();
    p.failed();
    p.failed();
    p.succeeded();
    expect(p.inARow).toBe(0);
    expect(p.failed()).toBe(RESTART_DELAYS_MS[0]);
  });
});
