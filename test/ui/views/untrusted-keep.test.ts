/**
 * Issue 13: an imported notebook's spectra with `count: 0, keep: 1e9` made the mean-spectrum view
 * build a 1e9-long array. The spectrum views size everything by the values a record holds.
 */
import { describe, expect, it } from 'vitest';
import type { LogitSpectra, TargetSpectra } from '../../../src/core/results';
import { meanScene } from '../../../src/ui/views/mean-scene';
import { heldKeep, meanSpectrum, targetBlock } from '../../../src/ui/views/spectrum-data';
import { violinScene } from '../../../src/ui/views/violin-scene';
import { K, runState, snapshot, THEME } from './fixtures';

const hollow: LogitSpectra = { step: 10, lanes: [0, 1], count: 0, keep: 1e9, raw: new Float32Array(0), centred: new Float32Array(0), attention: new Float32Array(0), attentionCount: 0 };
const hollowTarget: TargetSpectra = { exact: [0.5, 0.25], count: 0, keep: 1e9, raw: new Float32Array(0), centred: new Float32Array(0) };

describe('spectra with an untrusted keep', () => {
  it('heldKeep is never more than the values held, and 0 for a keep that is not a positive integer', () => {
    expect(heldKeep(hollow)).toBe(0);
    expect(heldKeep({ keep: 6, raw: new Float32Array(240) })).toBe(6);
    expect(heldKeep({ keep: 1e9, raw: new Float32Array(12) })).toBe(12);
    expect(heldKeep({ keep: Number.NaN, raw: new Float32Array(12) })).toBe(0);
    expect(heldKeep({ keep: -3, raw: new Float32Array(12) })).toBe(0);
    expect(heldKeep({ keep: 2.5, raw: new Float32Array(12) })).toBe(0);
    expect(heldKeep(null)).toBeUndefined();
    const block = targetBlock(hollowTarget, false);
    expect(block?.keep).toBe(0);
    expect(block && meanSpectrum(block)).toEqual([]);
  });

  it('the mean-spectrum and violin views of such a snapshot are empty, not a 1e9-long array', () => {
    const run = { ...runState([hollow]), targetSpectra: [hollowTarget] };
    const mean = meanScene(run, { lane: 1, snapshot: null, centre: false }, THEME);
    expect(mean.empty).toBe('No spectra yet');
    expect(mean.targets).toEqual([]);
    const violins = violinScene(run, { lane: 1, snapshot: null, centre: false }, THEME);
    expect(violins.empty).toMatch(/^No spectra yet/);
    expect(violins.targets).toEqual([]);
  });

  it('a sound snapshot still draws every index k', () => {
    const mean = meanScene(runState([snapshot(10, 1)]), { lane: 1, snapshot: null, centre: false }, THEME);
    expect(mean.empty).toBeNull();
    expect(mean.targets).toHaveLength(K);
  });
});
