import { describe, expect, it } from 'vitest';
import { decodeConfig } from '../../../src/core/config';
import { fnv1a } from '../../../src/core/lesson';
import { exportFileName, runId, slug } from '../../../src/ui/export/names';

describe('export file names', () => {
  const sweep = decodeConfig('kind=sweep&mhs=1,2,4&steps=1500').config;

  it('say what, which kind of run, which run and which step', () => {
    const name = exportFileName({ what: 'rate', config: sweep, step: 1500 }, 'csv');
    expect(name).toBe(`rankscope-rate-sweep-${runId(sweep)}-step1500.csv`);
    expect(name).toMatch(/^rankscope-rate-sweep-[0-9a-f]{6}-step1500\.csv$/);
    expect(exportFileName({ what: 'spectrum', config: sweep, step: 300, detail: 'm_h 4 centred' }, 'png')).toBe(
      `rankscope-spectrum-sweep-${runId(sweep)}-m-h-4-centred-step300.png`,
    );
    expect(exportFileName({ what: 'exact-spectra-grid120', config: sweep, step: null }, 'svg')).toBe(
      `rankscope-exact-spectra-grid120-sweep-${runId(sweep)}.svg`,
    );
  });

  it('give the same run the same id whatever the view shows, and another run another id', () => {
    expect(runId({ ...sweep, centre: true })).toBe(runId(sweep));
    expect(runId({ ...sweep, seed: sweep.seed + 1 })).not.toBe(runId(sweep));
    expect(runId(decodeConfig('kind=sweep&mhs=1,2,4&steps=1500').config)).toBe(runId(sweep));
  });

  it('hash with 32-bit FNV-1a and keep only safe characters', () => {
    expect(fnv1a('')).toBe('811c9dc5');
    expect(fnv1a('a')).toBe('e40c292c');
    expect(slug(' Train loss: m_h 2, seed 1 ')).toBe('train-loss-m-h-2-seed-1');
  });
});
