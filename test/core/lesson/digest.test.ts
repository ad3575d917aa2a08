import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../../src/core/config';
import {
  DIGEST_TOLERANCE,
  checkDigest,
  configFingerprint,
  formatDigest,
  formatMse,
  makeDigest,
  parseDigest,
} from '../../../src/core/lesson';

const RUN = { backend: 'wasm', config: { ...DEFAULTS, mH: 2 }, mse: Float64Array.of(0.00123456789123, 4.5e-7) };

describe('configFingerprint', () => {
  it('is 8 hex digits, changes with the experiment and ignores the view-only centre field', () => {
    const a = configFingerprint(RUN.config);
    expect(a).toMatch(/^[0-9a-f]{8}$/);
    expect(configFingerprint({ ...RUN.config })).toBe(a);
    expect(configFingerprint({ ...RUN.config, centre: true })).toBe(a);
    expect(configFingerprint({ ...RUN.config, seed: 1 })).not.toBe(a);
  });
});

describe('formatMse', () => {
  it('writes 9 significant digits without trailing zeros', () => {
    expect(formatMse(0.00123456789123)).toBe('1.23456789e-3');
    expect(formatMse(1.5e-7)).toBe('1.5e-7');
    expect(formatMse(2)).toBe('2e0');
    expect(formatMse(0)).toBe('0e0');
  });
});

describe('digest', () => {
  it('round-trips through its text', () => {
    const d = makeDigest(RUN.backend, RUN.config, RUN.mse);
    const text = formatDigest(d);
    expect(text).toBe(`wasm:${configFingerprint(RUN.config)}:1.23456789e-3,4.5e-7`);
    expect(parseDigest(text)).toEqual({ ok: true, value: d });
  });

  it('the same numbers reproduce: only the 9-digit rounding differs, far inside the tolerance', () => {
    const check = checkDigest(makeDigest(RUN.backend, RUN.config, RUN.mse), RUN);
    expect(check.verdict).toBe('reproduced');
    expect(check.maxRelDiff).toBeGreaterThan(0);
    expect(check.maxRelDiff).toBeLessThan(1e-8);
    expect(check).toMatchObject({ backendDiffers: false, configDiffers: false, laneCounts: null });
  });

  it('a difference just past 1e-6 relative differs and names the worst lane', () => {
    const d = makeDigest('wasm', RUN.config, [1e-3, 4.5e-7]);
    expect(checkDigest(d, { ...RUN, mse: [1e-3 * (1 + 0.9 * DIGEST_TOLERANCE), 4.5e-7] }).verdict).toBe('reproduced');
    const off = checkDigest(d, { ...RUN, mse: [1e-3, 4.5e-7 * (1 + 2e-6)] });
    expect(off.verdict).toBe('differs');
    expect(off.worstLane).toBe(1);
    expect(off.maxRelDiff).toBeCloseTo(2e-6, 9);
  });

  it('notes another backend, other settings, and another lane count (which always differs)', () => {
    const d = makeDigest('webgpu', { ...RUN.config, seed: 4 }, RUN.mse);
    const check = checkDigest(d, RUN);
    expect(check).toMatchObject({ verdict: 'reproduced', backendDiffers: true, configDiffers: true });
    const fewer = checkDigest(makeDigest('wasm', RUN.config, [0.00123456789123]), RUN);
    expect(fewer).toMatchObject({ verdict: 'differs', laneCounts: { run: 2, digest: 1 }, maxRelDiff: expect.any(Number) as number });
  });
});
