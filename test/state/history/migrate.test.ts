/**
 * Records made before byT and the mean attention were kept are read in once with those fields filled
 * "not recorded" (empty), through every read: a notebook, the IndexedDB list, the run store's
 * loadRecord. A record of today comes out of each unchanged.
 */
import { describe, expect, it } from 'vitest';
import { readRecords } from '../../../src/state/history/db';
import { migrateMetrics } from '../../../src/state/history/migrate';
import type { StoredMetrics } from '../../../src/state/history/migrate';
import { notebookText, parseNotebook } from '../../../src/state/history/notebook';
import type { RunRecord } from '../../../src/state/history/record';
import { createRunStore } from '../../../src/state/run-store';
import { edit, record } from './fixture';

/** The fixture with every evaluation's byT and every snapshot's mean attention recorded: a record of today. */
const today: RunRecord = {
  ...record,
  metrics: {
    ...record.metrics,
    evals: record.metrics.evals.map((e, i) => ({ ...e, byT: Float64Array.from({ length: 8 }, (_, k) => (i + 1) / (k + 3)) })),
    spectra: record.metrics.spectra.map((s, i) => ({ ...s, attention: Float32Array.from({ length: 32 }, (_, k) => 1 / (i + k + 2)), attentionCount: 1 })),
  },
};

/** The same metrics as a record made before either field existed holds them. */
const oldMetrics: StoredMetrics = {
  ...today.metrics,
  evals: today.metrics.evals.map(({ step, mse, rel }) => ({ step, mse, rel })),
  spectra: today.metrics.spectra.map(({ step, lanes, count, keep, raw, centred }) => ({ step, lanes, count, keep, raw, centred })),
};
const old = { ...today, metrics: oldMetrics };

/** Every evaluation and snapshot has the fields, empty ("not recorded"), and all else as stored. */
function expectFilled(m: RunRecord['metrics']): void {
  expect(m.evals.map((e) => e.byT)).toStrictEqual([new Float64Array(0), new Float64Array(0)]);
  expect(m.spectra.map((s) => [s.attention, s.attentionCount])).toStrictEqual([
    [new Float32Array(0), 0],
    [new Float32Array(0), 0],
  ]);
  expect(m.evals.map((e) => [e.step, e.mse, e.rel])).toStrictEqual(today.metrics.evals.map((e) => [e.step, e.mse, e.rel]));
  expect(m.spectra.map((s) => [s.step, s.lanes, s.raw, s.centred])).toStrictEqual(today.metrics.spectra.map((s) => [s.step, s.lanes, s.raw, s.centred]));
  expect([m.trainSteps, m.trainLoss]).toStrictEqual([today.metrics.trainSteps, today.metrics.trainLoss]);
}

const recordedRun = (metrics: StoredMetrics) => ({ lanes: today.lanes, totalSteps: today.totalSteps, targetVariance: today.targetVariance, targetSpectra: today.targetSpectra, metrics });

describe('old records are migrated once, at load', () => {
  it('a notebook written before the fields existed is read with them empty; one of today is unchanged', () => {
    const oldText = edit((nb) => {
      const m = nb.metrics as { evals: Record<string, unknown>[]; spectra: Record<string, unknown>[] };
      m.evals.forEach((e) => delete e.byT);
      m.spectra.forEach((s) => {
        delete s.attention;
        delete s.attentionCount;
      });
    });
    expect(oldText).not.toContain('"byT"');
    expect(oldText).not.toContain('"attention');
    expectFilled(parseNotebook(oldText).metrics);

    const back = parseNotebook(notebookText(today, new Date(0)));
    expect(back.metrics).toStrictEqual(today.metrics);
  });

  it('a notebook of a migrated record is written in the old shape, and reads back the same', () => {
    const migrated = { ...old, metrics: migrateMetrics(oldMetrics) };
    const text = notebookText(migrated, new Date(0));
    expect(text).not.toContain('"byT"');
    expect(text).not.toContain('"attention');
    expect(parseNotebook(text).metrics).toStrictEqual(migrated.metrics);
  });

  it('the IndexedDB list fills old records, keeps today’s, skips damaged entries, newest first', () => {
    // structuredClone: what IndexedDB stores and gives back.
    const stored = [structuredClone({ ...old, id: 'old', seq: 1 }), { id: 'damaged' }, structuredClone({ ...today, id: 'new', seq: 2 })];
    const read = readRecords(stored);
    expect(read.map((r) => r.id)).toEqual(['new', 'old']);
    expect(read[0]).toStrictEqual({ ...today, id: 'new', seq: 2 });
    const first = read[1];
    if (!first) throw new Error('the old record was skipped');
    expectFilled(first.metrics);
    expect({ ...first, metrics: null }).toStrictEqual({ ...old, id: 'old', seq: 1, metrics: null });
  });

  it('the run store’s loadRecord fills an old record’s metrics and shows a new one as it is', () => {
    const run = createRunStore();
    run.getState().loadRecord(recordedRun(oldMetrics));
    expectFilled(run.getState().metrics);
    run.getState().loadRecord(recordedRun(today.metrics));
    expect(run.getState().metrics).toStrictEqual(today.metrics);
  });

  it('is idempotent: migrating migrated metrics changes nothing', () => {
    const once = migrateMetrics(oldMetrics);
    expect(migrateMetrics(once)).toStrictEqual(once);
    expect(migrateMetrics(today.metrics)).toStrictEqual(today.metrics);
  });
});
