import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../../../src/state/history/notebook';
import { edit, record, text } from './fixture';

describe('JSON lab notebook', () => {
  it('round-trips every number bit for bit (float32 spectra, float64 evaluations, NaN losses)', () => {
    const back = parseNotebook(text);
    const kept = Object.fromEntries(Object.entries(record).filter(([k]) => !['id', 'seq', 'imported', 'checkpointStep'].includes(k)));
    expect({ ...back, updatedAt: 0 }).toEqual({ ...kept, updatedAt: 0 });
    expect(back.metrics.spectra[0]?.raw).toBeInstanceOf(Float32Array);
    expect(back.metrics.evals[1]?.mse[1]).toBe(1 / 3);
    expect(back.metrics.evals[1]?.byT[5]).toBe(1 / 7);
    expect(back.metrics.evals[0]?.byT).toEqual(new Float64Array(0));
    expect(back.metrics.spectra[0]?.attention).toEqual(new Float32Array(0));
    expect(back.metrics.spectra[1]?.attention).toBeInstanceOf(Float32Array);
    expect(Number.isNaN(back.metrics.trainLoss[1]?.[1])).toBe(true);
    const nb = JSON.parse(text) as { format: string; formatVersion: number; seeds: unknown; exportedAt: string };
    expect([nb.format, nb.formatVersion, nb.exportedAt]).toEqual(['rankscope-notebook', 1, '2025-02-03T05:00:00.000Z']);
    expect(nb.seeds).toEqual({ seed: 7, laneSeedIndex: [0, 0] });
  });

  it.each([
    ['not JSON', 'nope', /^the file is not JSON/],
    ['an array', '[1, 2]', /^the file: expected a JSON object, found an array/],
    ['a foreign file', '{"name": "package"}', /not a Rankscope lab notebook: its "format" is missing/],
    ['a newer format', edit((nb) => (nb.formatVersion = 2)), /formatVersion 2 was written by a newer Rankscope/],
    ['a bad link', edit((nb) => (nb.link = 'kind=sweep&tau=99999')), /^link: tau/],
    ['a config that is not the link’s', edit((nb) => ((nb.config as Record<string, unknown>).tau = 5)), /^config\.tau \(5\) does not match the link \(4\)/],
    ['a lane of an unknown model', edit((nb) => ((nb.lanes as Record<string, unknown>[])[1] = { label: 'x', model: 'lstm', mH: 1, target: 0, seedIndex: 0 })), /^lanes\[1\]\.model: expected one of transformer, rnn, found string "lstm"/],
    ['a short loss curve', edit((nb) => ((nb.metrics as { trainLoss: number[][] }).trainLoss[0] = [1])), /^metrics\.trainLoss\[0\]: expected 2 entries, found 1/],
    ['a short mean attention', edit((nb) => ((nb.metrics as { spectra: { attention: number[] }[] }).spectra[1] as { attention: number[] }).attention.pop()), /^metrics\.spectra\[1\]\.attention: expected 32 entries, found 31/],
    ['a text where a number goes', edit((nb) => ((nb.metrics as { evals: { mse: unknown[] }[] }).evals[0] as { mse: unknown[] }).mse[0] = '0.2'), /^metrics\.evals\[0\]\.mse\[0\]: expected a finite number, found string "0.2"/],
    ['a short per-position error', edit((nb) => ((nb.metrics as { evals: { byT: number[] }[] }).evals[1] as { byT: number[] }).byT.pop()), /^metrics\.evals\[1\]\.byT: expected 8 entries, found 7/],
    ['spectra of a lane that does not exist', edit((nb) => ((nb.metrics as { spectra: { lanes: number[] }[] }).spectra[0] as { lanes: number[] }).lanes = [0, 5]), /^metrics\.spectra\[0\]\.lanes\[1\]: lane 5 does not exist/],
    ['a truncated spectrum', edit((nb) => ((nb.targetSpectra as { raw: number[] }[])[0] as { raw: number[] }).raw.pop()), /^targetSpectra\[0\]\.raw: expected 4 entries, found 3/],
    ['an unknown state', edit((nb) => (nb.state = 'sleeping')), /^state: expected one of running, paused, done/],
  ])('refuses %s, naming the problem', (_what, bad, message) => {
    expect(() => parseNotebook(bad)).toThrow(message);
  });
});
