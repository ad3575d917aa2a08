/** A small, valid notebook for the notebook tests: a two-lane sweep with awkward numbers. */
import { decodeConfig, encodeConfig } from '../../../src/core/config';
import { notebookText } from '../../../src/state/history/notebook';
import type { RunRecord } from '../../../src/state/history/record';

export const config = decodeConfig('kind=sweep&mhs=1,2&tau=4&seed=7&steps=100').config;

/** A small two-lane run with awkward numbers: float32 spectra, a NaN (diverged) loss, an RNN-free plan. */
export const record: RunRecord = {
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
      { step: 10, mse: Float64Array.of(0.5, 0.5), rel: Float64Array.of(5, 5), byT: new Float64Array(0) }, // recorded before per-position errors were kept
      { step: 20, mse: Float64Array.of(0.25, 1 / 3), rel: Float64Array.of(2.5, 10 / 3), byT: Float64Array.of(0.1, 0.2, 0.3, 0.4, 1 / 3, 1 / 7, 0.5, 0.6) },
    ],
    spectra: [
      // Recorded before the mean attention was kept.
      { step: 20, lanes: [0, 1], count: 1, keep: 4, raw: new Float32Array(8).fill(Math.PI), centred: new Float32Array(8).fill(Math.E), attention: new Float32Array(0), attentionCount: 0 },
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

export const text = notebookText(record, new Date('2025-02-03T05:00:00Z'));
export const edit = (change: (nb: Record<string, unknown>) => void): string => {
  const nb = JSON.parse(text) as Record<string, unknown>;
  change(nb);
  return JSON.stringify(nb);
};
