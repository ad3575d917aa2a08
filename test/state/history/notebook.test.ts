import { describe, expect, it } from 'vitest';
import { decodeConfig, encodeConfig } from '../../../src/core/config';
import { notebookText, parseNotebook } from '../../../src/state/history/notebook';
import type { RunRecord } from '../../../src/state/history/record';

const config = decodeConfig('kind=sweep&mhs=1,2&tau=4&seed=7').config;

/** A small two-lane run with awkward numbers: float32 spectra, a NaN (diverged) loss, an RNN-free plan. */
const record: RunRecord = {
  id: 'x',
  seq: 3,
  startedAt: Date.parse('2025-02-03T04:05:06.000Z'),
  updatedAt: 0,
  state: 'diverged',
  message: 'Training diverged at step 20',
  config,
  link: encodeConfig(config),
  appVersion: '0.1.0',
  backend: 'wasm',
  step: 20,
  totalSteps: 100,
  lanes: [
    { label: 'm_h 1', model: 'transformer', mH: 1, target: 0, seedIndex: 0 },
    { label: 'm_h 2', model: 'transformer', mH: 2, target: 0, seedIndex: 0 },
  ],
  targetVariance: [0.123456789],
  targetSpectra: [{ exact: [1, 0.5], count: 1, keep: 4, raw: Float32Array.of(0.1, 0.2, 0.3, 0.4), centred: Float32Array.of(0.01, 0.02, 0.03, 0.04) }],
  metrics: {
    trainSteps: [10, 20],
    trainLoss: [
      [Math.fround(0.3), Math.fround(0.2)],
      [Math.fround(0.31), NaN],
    ],
    evals: [
      { step: 10, mse: Float64Array.of(0.5, 0.5), rel: Float64Array.of(5, 5) }, // recorded before per-position errors existed
      { step: 20, mse: Float64Array.of(0.25, 1 / 3), rel: Float64Array.of(2.5, 10 / 3), byT: Float64Array.of(0.1, 0.2, 0.3, 0.4, 1 / 3, 1 / 7, 0.5, 0.6) },
    ],
    spectra: [
      { step: 20, lanes: [0, 1], count: 1, keep: 4, raw: new Float32Array(8).fill(Math.PI), centred: new Float32Array(8).fill(Math.E) }, // before the mean attention existed
      {
        step: 30,
        lanes: [0, 1],
        count: 1,
        keep: 4,
        raw: new Float32Array(8).fill(Math.PI),
        centred: new Float32Array(8).fill(Math.E),
        attention: Float32Array.from({ length: 32 }, (_, i) => 1 / (3 + (i % 5))),
        attentionCount: 1,
      },
    ],
  },
  checkpointStep: 20,
  imported: false,
};

const text = notebookText(record, new Date('2025-02-03T05:00:00Z'));
const edit = (change: (nb: Record<string, unknown>) => void): string => {
  const nb = JSON.parse(text) as Record<string, unknown>;
  change(nb);
  return JSON.stringify(nb);
};

describe('JSON lab notebook', () => {
  it('round-trips every number bit for bit (float32 spectra, float64 evaluations, NaN losses)', () => {
    const back = parseNotebook(text);
    const kept = Object.fromEntries(Object.entries(record).filter(([k]) => !['id', 'seq', 'imported', 'checkpointStep'].includes(k)));
    expect({ ...back, updatedAt: 0 }).toEqual({ ...kept, updatedAt: 0 });
    expect(back.metrics.spectra[0]?.raw).toBeInstanceOf(Float32Array);
    expect(back.metrics.evals[1]?.mse[1]).toBe(1 / 3);
    expect(back.metrics.evals[1]?.byT?.[5]).toBe(1 / 7);
    expect(back.metrics.evals[0]?.byT).toBeUndefined();
    expect(back.metrics.spectra[0]?.attention).toBeUndefined();
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
