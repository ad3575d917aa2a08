import { describe, expect, it } from 'vitest';
import { DEFAULTS, presetConfig } from '../../src/core/config';
import { createConfigStore, LANDING_PRESET } from '../../src/state/config-store';

describe('the landing experiment', () => {
  it('a bare address opens the landing preset (Fig. 5), with no problems', () => {
    for (const link of ['', '?', '#', '? ']) {
      const s = createConfigStore(link).getState();
      expect(s.config).toEqual(presetConfig(LANDING_PRESET));
      expect(s.linkProblems).toEqual([]);
    }
    expect(presetConfig(LANDING_PRESET).kind).toBe('sweep');
  });

  it('any link keeps meaning what it meant: the codec defaults fill what it leaves out', () => {
    expect(createConfigStore('?mh=2').getState().config).toEqual({ ...DEFAULTS, mH: 2 });
    expect(createConfigStore('?v=1').getState().config).toEqual(DEFAULTS);
  });
});
