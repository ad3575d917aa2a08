/**
 * Issue 13, item 4: a lesson's locks held only in the controls; a preset, an import or a reopened run
 * replaced the whole config (state/history/store.ts), so `?kind=single&lock=kind,mh,mhs` could become
 * a sweep while the address still said `lock=`. The config store now refuses every such change.
 */
import { describe, expect, it } from 'vitest';
import { decodeConfig, presetConfig } from '../../src/core/config';
import { frozenFields, lockedChanges } from '../../src/core/lesson';
import { createConfigStore, createLessonStore } from '../../src/state/app-state';

const LINK = '?v=1&kind=single&lock=kind,mh,mhs&hide=lr';
const sweep = decodeConfig('kind=sweep&mhs=1,2&tau=4&seed=7&steps=100').config;

function storeOf(link: string) {
  return createConfigStore(link, frozenFields(createLessonStore(link).getState().lesson));
}

describe('lesson locks in the config store', () => {
  it('freezes the locked and hidden fields of the link', () => {
    expect(storeOf(LINK).getState().frozen).toEqual(['kind', 'mH', 'mHs', 'lr']);
  });

  it('refuses a whole config (an imported or reopened run) that moves a frozen field, and changes nothing', () => {
    const store = storeOf(LINK);
    const before = store.getState().config;
    expect(store.getState().lockedBy(sweep)).toEqual(['kind', 'mHs']);
    expect(store.getState().replaceConfig(sweep)).toEqual(['kind', 'mHs']);
    expect(store.getState().config).toBe(before);
    expect(store.getState().config.kind).toBe('single');
    // A run that agrees with every frozen field replaces the config as before.
    const sameLesson = { ...before, seed: 9, tau: 8 };
    expect(store.getState().replaceConfig(sameLesson)).toEqual([]);
    expect(store.getState().config).toBe(sameLesson);
  });

  it('refuses a preset that moves a frozen field (the menu disables it; the store refuses it too)', () => {
    const store = storeOf(LINK);
    const before = store.getState().config;
    expect(store.getState().applyPreset('fig5-alpha1')).toEqual(['kind', 'lr']);
    expect(store.getState().config).toBe(before);
    const free = storeOf('?v=1&lock=seed');
    expect(free.getState().applyPreset('fig5-alpha1')).toEqual([]);
    expect(free.getState().config).toEqual(presetConfig('fig5-alpha1'));
  });

  it('ignores an edit of a frozen field, and applies the others', () => {
    const store = storeOf(LINK);
    store.getState().setField('kind', 'sweep');
    store.getState().setFieldText('mH', '7');
    store.getState().setFieldText('lr', '0.5');
    store.getState().setFieldText('seed', '3');
    const c = store.getState().config;
    expect([c.kind, c.mH, c.lr, c.seed]).toEqual(['single', decodeConfig('').config.mH, decodeConfig('').config.lr, 3]);
  });

  it('lockedChanges compares as link text, in the order of the frozen list', () => {
    const a = decodeConfig('kind=sweep&mhs=1,2').config;
    expect(lockedChanges(['mHs', 'kind', 'beta'], a, { ...a, mHs: [1, 2], beta: 1 })).toEqual([]);
    expect(lockedChanges(['mHs', 'kind'], a, { ...a, kind: 'single', mHs: [2] })).toEqual(['mHs', 'kind']);
    expect(lockedChanges([], a, sweep)).toEqual([]);
  });
});
