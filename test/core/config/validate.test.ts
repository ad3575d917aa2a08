import { describe, expect, it } from 'vitest';
import { DEFAULTS, decodeConfig, validateConfig, type ExperimentConfig } from '../../../src/core/config';

const check = (o: Partial<ExperimentConfig>) => validateConfig({ ...DEFAULTS, ...o });
const only = (o: Partial<ExperimentConfig>) => {
  const problems = check(o);
  expect(problems).toHaveLength(1);
  const [p] = problems;
  expect(p?.severity).toBe('error');
  return p;
};

describe('validateConfig', () => {
  it('passes the defaults', () => {
    expect(check({})).toEqual([]);
  });

  it('checks each field against its own row', () => {
    expect(check({ mH: 99, kind: 'nope' as ExperimentConfig['kind'] })).toEqual([
      { key: 'kind', field: 'kind', severity: 'error', message: 'kind: "nope" is not one of single, sweep, compare, exact' },
      { key: 'mh', field: 'mH', severity: 'error', message: 'mh: "99" is out of range 1–64' },
    ]);
    expect(check({ lr: Number.NaN })[0]?.message).toBe('lr: "NaN" is not a number');
  });

  it('refuses a config of another version', () => {
    expect(only({ v: 2 })?.message).toBe('v: 2 is not the config version this app reads (1)');
  });

  it('swap needs 2·swapk ≤ tau when ordering is in use', () => {
    expect(only({ alteration: 'order', tau: 16, swapK: 9 })).toEqual({
      key: 'swapk', field: 'swapK', severity: 'error',
      message: 'swapk: swapping the first and last 9 values needs 2·swapk ≤ tau, but 2·9 > 16',
    });
    expect(check({ alteration: 'order', tau: 16, swapK: 8 })).toEqual([]);
    expect(only({ kind: 'compare', tau: 12 })?.key).toBe('swapk'); // compare always runs the ordering
    expect(check({ alteration: 'none', tau: 12 })).toEqual([]); // swapK unused
    expect(check({ alteration: 'order', order: 'reverse', tau: 12 })).toEqual([]);
  });

  it('rotate needs rotk < tau', () => {
    expect(only({ alteration: 'order', order: 'rotate', rotateK: 16 })?.message).toBe(
      'rotk: rotating by 16 needs rotk < tau, but 16 ≥ 16',
    );
    expect(check({ alteration: 'order', order: 'rotate', rotateK: 15 })).toEqual([]);
  });

  it('mixing needs mixlen ≤ tau', () => {
    expect(only({ alteration: 'mix', tau: 4, mixLen: 5 })?.message).toBe(
      'mixlen: a mixing filter of length 5 needs mixlen ≤ tau, but 5 > 4',
    );
    expect(check({ alteration: 'mix', tau: 5, mixLen: 5 })).toEqual([]);
  });

  it('finite ranks must not exceed modes', () => {
    expect(only({ ranks: [2, 40, 'full'], modes: 32 })).toEqual({
      key: 'ranks', field: 'ranks', severity: 'error',
      message: 'ranks: rank 40 exceeds modes=32; finite ranks must be ≤ 32',
    });
    expect(check({ ranks: [32, 'full'], modes: 32 })).toEqual([]);
    expect(check({ target: 'memory', ranks: [40] })).toEqual([]); // ranks unused by a memory target
  });

  it('a list spectrum needs at least one value, no more than modes, and ranks within the list', () => {
    expect(only({ spectrum: 'list', sigmas: [] })?.message).toBe(
      'sigmas: the list spectrum (spec=list) needs at least one value in sigmas',
    );
    expect(only({ spectrum: 'list', sigmas: [1, 1, 1], modes: 2 })?.message).toBe(
      'sigmas: 3 values but only modes=2 are kept; raise modes or shorten sigmas',
    );
    expect(only({ spectrum: 'list', sigmas: [1, 0.5], ranks: [3] })?.message).toBe(
      'ranks: rank 3 exceeds the 2 values in sigmas (spec=list); finite ranks must be ≤ 2',
    );
    expect(check({ spectrum: 'power', sigmas: [] })).toEqual([]);
  });

  it('exact needs a coupling target; fixed features need one too', () => {
    expect(only({ kind: 'exact', target: 'memory' })?.message).toBe(
      'kind: kind=exact computes the SVD of a coupling ρ; it needs target=coupling, not target=memory',
    );
    expect(only({ fixedFeatures: true, target: 'memory' })?.key).toBe('fixed');
    expect(check({ fixedFeatures: true })).toEqual([]);
  });

  it('logev and evalev must not exceed steps (unless nothing trains)', () => {
    expect(only({ steps: 50, logEvery: 10, evalEvery: 60 })?.message).toBe(
      'evalev: 60 exceeds steps=50: no evaluation would fall inside the run',
    );
    expect(only({ steps: 5, logEvery: 6, evalEvery: 5 })?.message).toBe(
      'logev: 6 exceeds steps=5: the loss would never be read',
    );
    expect(check({ kind: 'exact', steps: 5 })).toEqual([]);
  });

  it('reports several problems at once, in rule order', () => {
    expect(check({ alteration: 'mix', tau: 4, steps: 50 }).map((p) => p.key)).toEqual(['mixlen', 'evalev']);
  });
});

describe('decodeConfig applies the cross-field rules', () => {
  it('keeps the values and reports the rule', () => {
    const { config, problems } = decodeConfig('alt=order&tau=8');
    expect([config.alteration, config.tau, config.swapK]).toEqual(['order', 8, 10]);
    expect(problems.map((p) => [p.key, p.severity])).toEqual([['swapk', 'error']]);
    expect(problems[0]?.message).toContain('2·swapk ≤ tau');
  });
});
