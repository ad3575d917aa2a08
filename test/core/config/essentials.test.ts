import { describe, expect, it } from 'vitest';
import { DEFAULTS, FIELDS, PRESET_IDS, essentialFields, presetConfig } from '../../../src/core/config';
import type { ExperimentConfig } from '../../../src/core/config';

const of = (over: Partial<ExperimentConfig>): readonly string[] => essentialFields({ ...DEFAULTS, ...over });

describe('essentialFields: what defines an experiment, per kind', () => {
  it('a single Transformer on the power-law coupling: kind, model, target, α, ranks, β, m_h, steps, seeds', () => {
    expect(of({ kind: 'single' })).toEqual([
      'kind', 'target', 'tau', 'spectrum', 'alpha', 'ranks', 'beta', 'alteration', 'model', 'mH', 'fixedFeatures', 'steps', 'seed', 'seeds',
    ]);
  });

  it('a single RNN shows its hidden width instead of m_h', () => {
    const f = of({ kind: 'single', model: 'rnn' });
    expect(f).toContain('rnnHidden');
    expect(f).not.toContain('mH');
    expect(f).not.toContain('fixedFeatures');
  });

  it('the Fig. 5 sweep: head sizes and fixed features, not the single-run m_h or model', () => {
    expect(essentialFields(presetConfig('fig5-alpha1'))).toEqual([
      'kind', 'target', 'tau', 'spectrum', 'alpha', 'ranks', 'beta', 'alteration', 'mHs', 'fixedFeatures', 'steps', 'seed', 'seeds',
    ]);
  });

  it('the Table 2 comparison: the memory kernel and its decay, the swap and the filter, m_h', () => {
    expect(essentialFields(presetConfig('table2'))).toEqual([
      'kind', 'target', 'tau', 'kernel', 'decay', 'order', 'swapK', 'mixLen', 'mH', 'steps', 'seed', 'seeds',
    ]);
  });

  it('the exact spectra: the coupling only, no training fields', () => {
    expect(essentialFields(presetConfig('mixing-rank'))).toEqual(['kind', 'spectrum', 'sigmas', 'ranks', 'basis', 'beta', 'rho0']);
  });

  it('follows the family: λ for an exponential spectrum, nothing for a flat one, p for a power kernel, nothing for a random one', () => {
    expect(of({ spectrum: 'exp' })).toContain('lambda');
    expect(of({ spectrum: 'exp' })).not.toContain('alpha');
    expect(of({ spectrum: 'flat' }).filter((f) => ['alpha', 'lambda', 'sigmas'].includes(f))).toEqual([]);
    expect(of({ target: 'memory', kernel: 'power' })).toContain('p');
    expect(of({ target: 'memory', kernel: 'random' }).filter((f) => f === 'p' || f === 'decay')).toEqual([]);
    expect(of({ target: 'memory' })).not.toContain('ranks');
  });

  it('follows the alteration: its size appears only with it', () => {
    expect(of({ alteration: 'order', order: 'rotate' })).toEqual(expect.arrayContaining(['alteration', 'order', 'rotateK']));
    expect(of({ alteration: 'order', order: 'rotate' })).not.toContain('swapK');
    expect(of({ alteration: 'mix' })).toContain('mixLen');
    expect(of({ alteration: 'none' })).not.toContain('mixLen');
  });

  it.each(PRESET_IDS)('%s: a short list of real fields, never the link version, in schema order', (id) => {
    const f = essentialFields(presetConfig(id));
    const order = FIELDS.map((r) => r.field);
    expect(f.length).toBeGreaterThan(5);
    expect(f.length).toBeLessThanOrEqual(16);
    expect(f).not.toContain('v');
    expect([...f].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(f);
  });
});
