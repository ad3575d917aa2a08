/**
 * One merged experiment as the app's lab notebook (src/state/history/notebook.ts, the format the
 * history panel exports and imports), so a study's experiments open in the browser like runs
 * trained there. Spectra are not recorded by the runner: the notebook has none (the importer allows it).
 */
import { encodeConfig } from '../../core/config';
import { notebookText } from '../../state/history/notebook';
import type { RunRecord } from '../../state/history/record';
import type { BackendName } from '../../worker/protocol';
import type { MergedExperiment } from './assemble';

const BACKENDS: readonly BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];

export function experimentNotebook(x: MergedExperiment, appVersion: string, startedAt: Date): string {
  const record: RunRecord = {
    id: x.experiment.id,
    seq: x.experiment.index,
    startedAt: startedAt.getTime(),
    updatedAt: startedAt.getTime(),
    state: x.outcome.status === 'diverged' ? 'diverged' : x.outcome.status,
    message: x.outcome.status === 'diverged' ? x.outcome.message : null,
    config: x.config,
    link: encodeConfig(x.config),
    appVersion,
    backend: BACKENDS.find((b) => b === x.backend) ?? null,
    step: x.outcome.step,
    totalSteps: x.config.steps,
    lanes: x.lanes.map((l) => ({ label: l.label, model: l.model, mH: l.mH, target: l.target, seedIndex: l.seedIndex })),
    targetVariance: x.targetVariance,
    targetSpectra: x.targetVariance.map(() => null),
    metrics: { trainSteps: [...x.trainSteps], trainLoss: x.trainLoss, evals: [...x.evals], spectra: [] },
    checkpointStep: null,
    imported: false,
  };
  return notebookText(record, startedAt);
}
