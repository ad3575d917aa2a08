/**
 * The JSON lab notebook of one run: the config and its link, seeds, versions, backend, lanes, every
 * metric and spectrum snapshot, under a format name and version. `parseNotebook` reads one back,
 * refusing anything malformed, foreign, oversized or inconsistent with its own config with a message
 * naming the problem (docs/robustness.md lists the checks). It is pure: the fuzz suite calls it in Node.
 */
import { clipText, decodeConfig, encodeConfig } from '../../core/config';
import type { TargetSpectra } from '../../core/results';
import type { BackendName, LaneInfo } from '../../worker/protocol';
import type { Metrics } from '../run-store';
import { arr, fail, int, nullable, nums, NotebookError, obj, oneOf, str } from './guards';
import type { Json } from './guards';
import { checkJsonBounds } from './json-bounds';
import { migrateMetrics } from './migrate';
import type { StoredEval, StoredSpectra } from './migrate';
import { checkAgainstPlan } from './notebook-plan';
import type { RecordState, RunRecord } from './record';

export const NOTEBOOK_FORMAT = 'rankscope-notebook';
export const NOTEBOOK_VERSION = 1;

/** A run read from a notebook: a record without the fields this browser assigns. */
export type NotebookRun = Omit<RunRecord, 'id' | 'seq' | 'imported' | 'checkpointStep'>;

const STATES: readonly RecordState[] = ['running', 'paused', 'done', 'stopped', 'diverged', 'error'];
const BACKENDS: readonly BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];

const list = (x: ArrayLike<number>): number[] => Array.from(x);
/** Lane labels are short ("r full · m_h 12 seed 3"); they go into legends and CSV headers. */
const MAX_LABEL = 200;
const ints = (x: Json, path: string): number[] => arr(x, path).map((v, i) => int(v, `${path}[${i}]`));

/** The notebook of a run, as a plain JSON-ready object. */
export function toNotebook(r: RunRecord, exportedAt: Date): Record<string, unknown> {
  return {
    format: NOTEBOOK_FORMAT,
    formatVersion: NOTEBOOK_VERSION,
    appVersion: r.appVersion,
    exportedAt: exportedAt.toISOString(),
    startedAt: new Date(r.startedAt).toISOString(),
    link: r.link,
    config: r.config,
    seeds: { seed: r.config.seed, laneSeedIndex: r.lanes.map((l) => l.seedIndex) },
    backend: r.backend,
    state: r.state,
    message: r.message,
    step: r.step,
    totalSteps: r.totalSteps,
    lanes: r.lanes,
    targetVariance: r.targetVariance,
    targetSpectra: r.targetSpectra.map((t) => t && { exact: t.exact, count: t.count, keep: t.keep, raw: list(t.raw), centred: list(t.centred) }),
    metrics: {
      trainSteps: r.metrics.trainSteps,
      trainLoss: r.metrics.trainLoss,
      // A field not recorded (empty) is left out, as the record that lacked it was written.
      evals: r.metrics.evals.map((e) => ({ step: e.step, mse: list(e.mse), rel: list(e.rel), ...(e.byT.length > 0 ? { byT: list(e.byT) } : {}) })),
      spectra: r.metrics.spectra.map((s) => ({
        step: s.step,
        lanes: s.lanes,
        count: s.count,
        keep: s.keep,
        raw: list(s.raw),
        centred: list(s.centred),
        ...(s.attention.length > 0 ? { attention: list(s.attention), attentionCount: s.attentionCount } : {}),
      })),
    },
  };
}

export function notebookText(r: RunRecord, exportedAt: Date): string {
  return JSON.stringify(toNotebook(r, exportedAt));
}

function lane(x: Json, path: string): LaneInfo {
  const o = obj(x, path);
  return {
    label: str(o.label, `${path}.label`, MAX_LABEL),
    model: oneOf(o.model, `${path}.model`, ['transformer', 'rnn'] as const),
    mH: int(o.mH, `${path}.mH`),
    target: int(o.target, `${path}.target`),
    seedIndex: int(o.seedIndex, `${path}.seedIndex`),
  };
}

function spectraBlock(o: Record<string, Json>, path: string, rows: number): { count: number; keep: number; raw: Float32Array; centred: Float32Array } {
  const count = int(o.count, `${path}.count`);
  const keep = int(o.keep, `${path}.keep`);
  const size = rows * count * keep;
  return {
    count,
    keep,
    raw: Float32Array.from(nums(o.raw, `${path}.raw`, size)),
    centred: Float32Array.from(nums(o.centred, `${path}.centred`, size)),
  };
}

function targetSpectrum(x: Json, path: string): TargetSpectra {
  const o = obj(x, path);
  return { exact: nums(o.exact, `${path}.exact`), ...spectraBlock(o, path, 1) };
}

function logitSpectrum(x: Json, path: string, laneCount: number): StoredSpectra {
  const o = obj(x, path);
  const lanes = arr(o.lanes, `${path}.lanes`).map((l, i) => {
    const v = int(l, `${path}.lanes[${i}]`);
    if (v >= laneCount) throw new NotebookError(`${path}.lanes[${i}]: lane ${v} does not exist (the run has ${laneCount})`);
    return v;
  });
  const block = spectraBlock(o, path, lanes.length);
  // The mean attention, [lanes, keep, keep] (absent in notebooks of runs recorded before it was kept).
  const attention =
    o.attention === undefined
      ? {}
      : {
          attention: Float32Array.from(nums(o.attention, `${path}.attention`, lanes.length * block.keep * block.keep)),
          attentionCount: int(o.attentionCount, `${path}.attentionCount`),
        };
  return { step: int(o.step, `${path}.step`), lanes, ...block, ...attention };
}

function metrics(x: Json, L: number, tau: number): Metrics {
  const o = obj(x, 'metrics');
  const trainSteps = ints(o.trainSteps, 'metrics.trainSteps');
  const trainLoss = arr(o.trainLoss, 'metrics.trainLoss', L).map((l, i) => nums(l, `metrics.trainLoss[${i}]`, trainSteps.length));
  const evals = arr(o.evals, 'metrics.evals').map((e, i): StoredEval => {
    const p = obj(e, `metrics.evals[${i}]`);
    return {
      step: int(p.step, `metrics.evals[${i}].step`),
      mse: Float64Array.from(nums(p.mse, `metrics.evals[${i}].mse`, L)),
      rel: Float64Array.from(nums(p.rel, `metrics.evals[${i}].rel`, L)),
      ...(p.byT === undefined ? {} : { byT: Float64Array.from(nums(p.byT, `metrics.evals[${i}].byT`, L * tau)) }),
    };
  });
  const spectra = arr(o.spectra, 'metrics.spectra').map((s, i) => logitSpectrum(s, `metrics.spectra[${i}]`, L));
  return migrateMetrics({ trainSteps, trainLoss, evals, spectra });
}

/** Read a notebook file's text; throws a NotebookError naming the first problem. */
export function parseNotebook(text: string): NotebookRun {
  checkJsonBounds(text);
  let data: Json;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new NotebookError(`the file is not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail('the file', 'a JSON object', data);
  const o = data as Record<string, Json>;
  if (o.format !== NOTEBOOK_FORMAT) {
    throw new NotebookError(`this is not a Rankscope lab notebook: its "format" is ${clipText(JSON.stringify(o.format) ?? 'missing', 60)}, expected "${NOTEBOOK_FORMAT}"`);
  }
  const version = int(o.formatVersion, 'formatVersion', 1);
  if (version > NOTEBOOK_VERSION) throw new NotebookError(`formatVersion ${version} was written by a newer Rankscope (this one reads ${NOTEBOOK_VERSION})`);
  const link = str(o.link, 'link');
  const decoded = decodeConfig(link);
  const bad = decoded.problems.filter((p) => p.severity !== 'info');
  if (bad.length > 0) throw new NotebookError(`link: ${clipText(bad.map((p) => p.message).join('; '), 300)}`);
  const config = decoded.config;
  const written = obj(o.config, 'config');
  for (const key of Object.keys(config) as (keyof typeof config)[]) {
    const found = JSON.stringify(written[key]);
    if (found !== JSON.stringify(config[key])) {
      throw new NotebookError(`config.${key} (${clipText(found ?? 'missing', 60)}) does not match the link (${clipText(JSON.stringify(config[key]), 60)})`);
    }
  }
  const lanes = arr(o.lanes, 'lanes').map((l, i) => lane(l, `lanes[${i}]`));
  if (lanes.length === 0) throw new NotebookError('lanes: the run has no lanes');
  const started = Date.parse(str(o.startedAt, 'startedAt'));
  if (!Number.isFinite(started)) fail('startedAt', 'an ISO date', o.startedAt);
  const targetVariance = nums(o.targetVariance, 'targetVariance');
  const run: NotebookRun = {
    startedAt: started,
    updatedAt: started,
    state: oneOf(o.state, 'state', STATES),
    message: nullable(o.message, (m) => str(m, 'message')),
    config,
    link: encodeConfig(config),
    appVersion: str(o.appVersion, 'appVersion'),
    backend: nullable(o.backend, (b) => oneOf(b, 'backend', BACKENDS)),
    step: int(o.step, 'step'),
    totalSteps: int(o.totalSteps, 'totalSteps'),
    lanes,
    targetVariance,
    targetSpectra: arr(o.targetSpectra, 'targetSpectra').map((t, i) => nullable(t, (v) => targetSpectrum(v, `targetSpectra[${i}]`))),
    metrics: metrics(o.metrics, lanes.length, config.tau),
  };
  checkAgainstPlan(run);
  return run;
}

export { NotebookError };
