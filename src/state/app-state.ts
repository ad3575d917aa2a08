import type { ExperimentConfig } from '../core/config';
import { frozenFields } from '../core/lesson';
import { createConfigStore, syncConfigToUrl } from './config-store';
import type { ConfigStore } from './config-store';
import { createLessonStore, watchRunEnd } from './lesson-store';
import type { LessonStore } from './lesson-store';
import { createRunStore } from './run-store';
import type { RunStore } from './run-store';
import { createHistory } from './history/store';
import type { HistoryStore } from './history/store';
import { createTourStore } from './tour-store';
import type { TourStore } from './tour-store';
import { createTrainingClient } from './worker-client';
import type { ClientOptions, TrainingClient } from './worker-client';

/** Fields that change only how results are shown: editing them keeps the run. */
export const VIEW_FIELDS: ReadonlySet<keyof ExperimentConfig> = new Set<keyof ExperimentConfig>(['centre']);

function sameExperiment(a: ExperimentConfig, b: ExperimentConfig): boolean {
  return (Object.keys(a) as (keyof ExperimentConfig)[]).every((k) => VIEW_FIELDS.has(k) || Object.is(a[k], b[k]));
}

export interface AppState {
  readonly config: ConfigStore;
  readonly run: RunStore;
  readonly client: TrainingClient;
  /** The lesson keys of the page's link (locks, embed, question, digest). */
  readonly lesson: LessonStore;
  /** Every run kept (IndexedDB), and the history panel's actions. */
  readonly history: HistoryStore;
  /** The guided tour's step (`tour=` in the link). */
  readonly tour: TourStore;
  /** Stop syncing and end the worker. */
  dispose(): void;
}

/**
 * Wire the stores: the config comes from the page's link and is mirrored to the address bar; every
 * valid config change (re)loads the experiment in the worker; an invalid one loads nothing.
 */
export function createAppState(win: Window, makeWorker: () => Worker, appVersion = 'dev', clientOptions: ClientOptions = {}): AppState {
  const lesson = createLessonStore(win.location.search || win.location.hash);
  const tour = createTourStore(win);
  const config = createConfigStore(win.location.search || win.location.hash, frozenFields(lesson.getState().lesson));
  const run = createRunStore();
  const client = createTrainingClient(run, makeWorker, win.navigator.hardwareConcurrency, clientOptions);
  const stopUrl = syncConfigToUrl(config, win);
  let loaded: ExperimentConfig | null = null;
  const load = (): void => {
    const s = config.getState();
    if (s.problems.length > 0 || s.config === loaded || (loaded && sameExperiment(s.config, loaded))) return;
    loaded = s.config;
    client.load(s.config);
  };
  load();
  const stopLoad = config.subscribe(load);
  const stopLesson = watchRunEnd(run, lesson, () => config.getState().config);
  // Read through the window: a browser without storage (or a test removing it) has no indexedDB.
  const history = createHistory({ run, config, client, factory: (win as Partial<Pick<Window, 'indexedDB'>>).indexedDB, appVersion });
  return {
    config,
    run,
    client,
    lesson,
    history: history.store,
    tour,
    dispose() {
      stopLesson();
      history.dispose();
      stopUrl();
      stopLoad();
      client.terminate();
    },
  };
}

export { createConfigStore, shareLink, syncConfigToUrl } from './config-store';
export type { ConfigState, ConfigStore, Draft } from './config-store';
export { awaitsPrediction, createLessonStore, frozenField } from './lesson-store';
export type { LessonState, LessonStore } from './lesson-store';
export { createRunStore } from './run-store';
export { workerGroups } from './sharded-worker';
export type { EvalPoint, Metrics, RunStore, RunStoreState } from './run-store';
export type { ClientOptions, TrainingClient } from './worker-client';
export type { TourState, TourStore } from './tour-store';
export { resumableRun } from './history/store';
export type { HistoryState, HistoryStore, ImportReport } from './history/store';
export type { NotebookSource, RefusedFile } from './history/batch';
export { checkSize as checkNotebookSize } from './history/json-bounds';
export { isFinal } from './history/record';
export type { RecordState, RunRecord } from './history/record';
