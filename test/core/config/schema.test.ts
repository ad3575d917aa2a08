import { describe, expect, it } from 'vitest';
import {
  CODEC_VERSION,
  DEFAULTS,
  FIELDS,
  FIELD_BY_KEY,
  SCHEMA,
  formatField,
  parseField,
  type AnyFieldRow,
} from '../../../src/core/config';

/** The defaults of codec version 1, written out: if this test fails, a default changed and CODEC_VERSION must be bumped. */
const V1_DEFAULTS = {
  v: 1, kind: 'single',
  target: 'coupling', tau: 16, spectrum: 'power', alpha: 1, lambda: 0.5, sigmas: [1, 0.5, 0.25], ranks: ['full'],
  modes: 32, basis: 'sym', beta: 1, rho0: 0, kernel: 'exp', p: 1, decay: 1,
  alteration: 'none', order: 'swap', swapK: 10, rotateK: 1, mixLen: 5, mixDir: 'causal',
  model: 'transformer', n: 32, mH: 4, mHs: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], mV: 32, mFF: 128,
  depth: 3, act: 'relu', pe: 'auto', peLr: 1, scaleLogits: false, fixedFeatures: false, rnnHidden: 128, rnnAct: 'linear',
  lr: 1e-3, schedule: 'cosine', warmup: 0, batch: 64, steps: 2000, adamEps: 1e-7, normalizeY: false, seed: 0, seeds: 1,
  logEvery: 10, evalEvery: 100, evalSize: 1024, centre: false, backend: 'auto', workers: 0,
};

const GROUPS = ['experiment', 'target', 'alteration', 'transformer', 'rnn', 'training', 'analysis', 'runtime'];

/** Why a row's own default breaks its own bounds, or undefined. */
function defaultViolation(row: AnyFieldRow): string | undefined {
  const inRange = (x: number): boolean => 'min' in row && x >= row.min && x <= row.max;
  switch (row.type) {
    case 'int':
      return Number.isInteger(row.default) && inRange(row.default) ? undefined : `${row.default}`;
    case 'float':
      return inRange(row.default) ? undefined : `${row.default}`;
    case 'bool':
      return typeof row.default === 'boolean' ? undefined : 'not boolean';
    case 'enum':
      return row.options.includes(row.default) ? undefined : `${row.default} not an option`;
    case 'intList':
    case 'floatList':
    case 'rankList': {
      const items: readonly (number | 'full')[] = row.default;
      if (items.length < row.minLength || items.length > row.maxLength) return `length ${items.length}`;
      const bad = items.find((x) => x !== 'full' && (!inRange(x) || (row.type !== 'floatList' && !Number.isInteger(x))));
      return bad === undefined ? undefined : `item ${bad}`;
    }
  }
}

describe('schema table', () => {
  it('has one row per config field, in the order of the frozen v1 defaults', () => {
    expect(FIELDS.map((r) => r.field)).toEqual(Object.keys(V1_DEFAULTS));
    for (const row of FIELDS) expect(SCHEMA[row.field]).toBe(row);
  });

  it('derives DEFAULTS equal to the frozen v1 defaults (a changed default needs a version bump)', () => {
    expect(CODEC_VERSION).toBe(1);
    expect(DEFAULTS).toEqual(V1_DEFAULTS);
    expect(Object.isFrozen(DEFAULTS)).toBe(true);
    expect(Object.isFrozen(DEFAULTS.mHs)).toBe(true);
  });

  it.each(FIELDS.map((r) => [r.key, r] as const))('row %s: default lies within its own bounds', (_key, row) => {
    expect(defaultViolation(row)).toBeUndefined();
  });

  it.each(FIELDS.map((r) => [r.key, r] as const))('row %s: default survives format → parse', (_key, row) => {
    const parsed = parseField(row.field, formatField(row.field, DEFAULTS[row.field]));
    expect(parsed).toEqual({ ok: true, value: row.default });
  });

  it('uses short, unique, lower-case URL keys that map back to their fields', () => {
    const keys = FIELDS.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const row of FIELDS) {
      expect(row.key).toMatch(/^[a-z][a-z0-9]{0,7}$/);
      expect(FIELD_BY_KEY.get(row.key)).toBe(row.field);
    }
  });

  it('gives every row a hint and a known group, and every enum option a hint', () => {
    for (const row of FIELDS) {
      expect(row.hint.length).toBeGreaterThan(10);
      expect(GROUPS).toContain(row.group);
      if (row.type === 'enum') expect(Object.keys(row.optionHints)).toEqual(row.options);
    }
  });

  it('states the bounds the brief asks for', () => {
    expect([SCHEMA.tau.min, SCHEMA.tau.max]).toEqual([2, 256]);
    expect([SCHEMA.mH.min, SCHEMA.mH.max]).toEqual([1, 64]);
    expect([SCHEMA.depth.min, SCHEMA.depth.max]).toEqual([1, 6]);
    expect([SCHEMA.steps.min, SCHEMA.steps.max]).toEqual([1, 1_000_000]);
    expect([SCHEMA.lr.min, SCHEMA.lr.max]).toEqual([1e-6, 1]);
    expect(SCHEMA.mHs.maxLength).toBe(32);
    expect([SCHEMA.seeds.min, SCHEMA.seeds.max]).toEqual([1, 8]);
    expect([SCHEMA.evalSize.min, SCHEMA.evalSize.max]).toEqual([16, 8192]);
    expect(SCHEMA.kind.options).toEqual(['single', 'sweep', 'compare', 'exact']);
    expect(SCHEMA.ranks.type).toBe('rankList');
  });
});
