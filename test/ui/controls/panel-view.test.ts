import { describe, expect, it } from 'vitest';
import { DEFAULTS, FIELDS, decodeConfig, presetConfig, validateConfig } from '../../../src/core/config';
import type { ExperimentConfig } from '../../../src/core/config';
import { NO_LESSON } from '../../../src/core/lesson';
import { essentialsView } from '../../../src/ui/controls/panel-view';

const ROWS = FIELDS.filter((r) => r.field !== 'v');
const view = (config: ExperimentConfig, extra: Partial<Parameters<typeof essentialsView>[0]> = {}) =>
  essentialsView({ rows: ROWS, config, lesson: NO_LESSON, problems: validateConfig(config), drafts: {}, ...extra });
const names = (rows: readonly { field: string }[]): string[] => rows.map((r) => r.field);

describe('the essentials view of the settings panel', () => {
  it('shows the essentials of the landing sweep and lists the recipe fields it leaves out', () => {
    const c = presetConfig('fig5-alpha1');
    const v = view(c);
    expect(names(v.shown)).toEqual(['kind', 'target', 'tau', 'spectrum', 'alpha', 'ranks', 'beta', 'alteration', 'mHs', 'fixedFeatures', 'steps', 'seed', 'seeds']);
    expect(v.hidden).toBe(ROWS.length - v.shown.length);
    // The preset's recipe sets these away from the defaults: listed, not hidden silently.
    expect(names(v.changed)).toEqual(['lr', 'logEvery', 'evalEvery', 'evalSize']);
  });

  it('the defaults leave nothing changed out of sight', () => {
    expect(view(DEFAULTS).changed).toEqual([]);
  });

  it('a field with a cross-field error is shown even when it is not essential', () => {
    const c = { ...DEFAULTS, logEvery: 5000 }; // loss read every 5000 steps of 2000: an error
    expect(validateConfig(c).some((p) => p.key === 'logev')).toBe(true);
    const v = view(c);
    expect(names(v.shown)).toContain('logEvery');
    expect(v.extra).toEqual(['logEvery']);
    expect(names(v.changed)).not.toContain('logEvery');
    // Fixed, it would drop out of sight; the panel keeps what it showed.
    const fixed = { ...c, logEvery: 20 };
    expect(names(view(fixed).shown)).not.toContain('logEvery');
    expect(names(view(fixed).changed)).toContain('logEvery');
    expect(names(view(fixed, { keep: new Set(['logEvery' as const]) }).shown)).toContain('logEvery');
  });

  it('a field whose link value was refused is shown, beside the essentials of a sweep', () => {
    const { config, problems } = decodeConfig('?kind=sweep&mh=999&bogus=1');
    expect(names(view(config).shown)).not.toContain('mH');
    expect(names(view(config, { problems }).shown)).toContain('mH');
  });

  it('a field holding unparsed text is shown', () => {
    expect(names(view(DEFAULTS, { drafts: { lr: { text: 'fast', reason: 'is not a number' } } }).shown)).toContain('lr');
  });

  it('a field a lesson locks is shown (disabled, with its note); a hidden one is not offered at all', () => {
    const lesson = { ...NO_LESSON, lock: ['lr' as const], hide: ['batch' as const] };
    const rows = ROWS.filter((r) => !lesson.hide.includes(r.field as 'batch'));
    const v = essentialsView({ rows, config: { ...DEFAULTS, batch: 16 }, lesson, problems: [], drafts: {} });
    expect(names(v.shown)).toContain('lr');
    expect(names(v.shown)).not.toContain('batch');
    expect(names(v.changed)).not.toContain('batch');
  });
});
