import { describe, expect, it } from 'vitest';
import {
  DEFAULTS,
  PRESETS,
  PRESET_IDS,
  decodeConfig,
  encodeConfig,
  isPresetId,
  presetConfig,
  validateConfig,
} from '../../../src/core/config';

describe('presets', () => {
  it('include the required ids, each keyed by its own id', () => {
    for (const id of ['default', 'fig5-alpha1', 'fig5-alpha1-paper', 'fig5-alpha055', 'fig1', 'table2', 'table3', 'mixing-rank']) {
      expect(isPresetId(id)).toBe(true);
    }
    for (const id of PRESET_IDS) expect(PRESETS[id].id).toBe(id);
    expect(isPresetId('fig6')).toBe(false);
    expect(isPresetId('toString')).toBe(false);
  });

  it.each(PRESET_IDS)('%s: valid, round-trips through a link, and has a title and a question', (id) => {
    const c = presetConfig(id);
    expect(validateConfig(c)).toEqual([]);
    expect(decodeConfig(encodeConfig(c))).toEqual({ config: c, problems: [] });
    expect(PRESETS[id].title.length).toBeGreaterThan(5);
    expect(PRESETS[id].blurb).toContain('?');
  });

  it('default is a single Transformer on σ_k = 1/k', () => {
    expect(presetConfig('default')).toMatchObject({
      kind: 'single', model: 'transformer', target: 'coupling', spectrum: 'power', alpha: 1, ranks: ['full'],
    });
  });

  it('fig5 presets sweep m_h = 1..16 over ranks 2, 6 and full', () => {
    for (const id of ['fig5-alpha1', 'fig5-alpha1-paper', 'fig5-alpha055'] as const) {
      const c = presetConfig(id);
      expect([c.kind, c.target, c.tau, c.spectrum, c.ranks]).toEqual(['sweep', 'coupling', 16, 'power', [2, 6, 'full']]);
      expect(c.mHs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    }
    expect(presetConfig('fig5-alpha1').alpha).toBe(1);
    expect(presetConfig('fig5-alpha055').alpha).toBe(0.55);
    expect(presetConfig('fig5-alpha1-paper')).toMatchObject({ alpha: 1, beta: 1, scaleLogits: false, modes: 32 });
  });

  it('fig1 sweeps m_h = 1, 2, 4, 8, 16 on the full-rank α = 1 target', () => {
    expect(presetConfig('fig1')).toMatchObject({ kind: 'sweep', alpha: 1, ranks: ['full'], mHs: [1, 2, 4, 8, 16] });
  });

  it('table2 and table3 compare on memory targets with the paper’s alterations', () => {
    const shared = { kind: 'compare', target: 'memory', tau: 32, order: 'swap', swapK: 10, mixLen: 5, mixDir: 'causal' };
    expect(presetConfig('table2')).toMatchObject({ ...shared, kernel: 'exp', decay: 1 });
    // The recipe that revives dead keys (docs/reproduction.md): fast positions, small batches, long training.
    expect(presetConfig('table2')).toMatchObject({ pe: 'learned', peLr: 30, batch: 16, warmup: 500, steps: 12000, lr: 3e-3 });
    expect(presetConfig('table3')).toMatchObject({ ...shared, kernel: 'random' });
  });

  it('mixing-rank is the exact ρ = 1 + 2 sin(2πx₁) sin(2πx₂) example', () => {
    expect(presetConfig('mixing-rank')).toMatchObject({
      kind: 'exact', target: 'coupling', spectrum: 'list', sigmas: [1], ranks: ['full'], rho0: 1, beta: 1, basis: 'sym',
    });
  });

  it('applies the recipe after the overrides and leaves DEFAULTS untouched', () => {
    const c = presetConfig('fig5-alpha1');
    expect(c).toMatchObject(PRESETS['fig5-alpha1'].recipe);
    expect(c).toMatchObject({ steps: 1500, lr: 0.01, schedule: 'cosine', fixedFeatures: true, beta: 0.25 });
    expect(DEFAULTS.kind).toBe('single');
    expect(presetConfig('fig5-alpha1')).not.toBe(c);
  });
});
