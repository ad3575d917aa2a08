import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../../src/core/config';
import { configDiff, shortName } from '../../../src/ui/history/diff';

const c = (link: string) => decodeConfig(link).config;

describe('config diff label', () => {
  it('names changed fields by their paper symbol or URL key, in schema order', () => {
    expect(configDiff(c('mh=4&beta=1'), c('mh=8&beta=3'))).toBe('β 1→3, m_h 4→8');
    expect(configDiff(c('sched=cosine&lr=0.001'), c('sched=constant&lr=0.003'))).toBe('lr 0.001→0.003, sched cosine→constant');
    expect(configDiff(c('kind=sweep&mhs=1,2'), c('kind=sweep&mhs=1,2,4'))).toBe('m_h 1,2→1,2,4');
    expect(configDiff(c('seed=1'), c('seed=1'))).toBe('same config');
  });

  it('cuts a long list of changes', () => {
    expect(configDiff(c(''), c('tau=8&beta=2&mh=3&n=4&seed=5&steps=50'))).toMatch(/^τ 16→8, β 1→2, .*, \+2 more$/);
  });

  it('keys enums and switches, symbols numbers', () => {
    expect([shortName('tau'), shortName('modes'), shortName('schedule'), shortName('normalizeY'), shortName('steps')]).toEqual(['τ', 'K', 'sched', 'normy', 'steps']);
  });
});
