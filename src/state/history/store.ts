/**
 * The run history: every run kept in IndexedDB (or, when storage is unavailable, for this page only),
 * newest first, with the actions of the history panel: reopen, resume, compare, delete, notebooks.
 */
import { createStore } from 'zustand/vanilla';
import { tick } from '../../core/train/yield';
import { clipText, formatField, keyOf } from '../../core/config';
import type { ExperimentConfig } from '../../core/config';
import type { ConfigStore } from '../config-store';
import type { RunStore, RunStoreState } from '../run-store';
import type { TrainingClient } from '../worker-client';
import { openHistoryDb } from './db';
import type { HistoryDb } from './db';
import { storageError } from './idb';
import { checkSize } from './json-bounds';
import { readNotebooks } from './batch';
import type { NotebookSource, RefusedFile } from './batch';
import { NotebookError, notebookText, parseNotebook } from './notebook';
import type { NotebookRun } from './notebook';
import { copyMetrics, isFinal, metricsUpTo } from './record';
import type { RunRecord, StoredCheckpoint } from './record';
import { recordRuns } from './recorder';

/** The last import of several files: the runs kept (ids, in file-name order) and the files refused. */
export interface ImportReport {
  readonly files: number;
  readonly imported: readonly string[];
  readonly refused: readonly RefusedFile[];
}

/** How many records one IndexedDB transaction of a batch import writes before the page gets a turn. */
const SAVE_CHUNK = 16;

export interface HistoryState {
  /** 'memory': IndexedDB is unavailable; runs are kept until the page closes. */
  readonly storage: 'opening' | 'indexeddb' | 'memory';
  readonly runs: readonly RunRecord[];
  /** The run being recorded now. */
  readonly liveId: string | null;
  /** Up to two runs whose curves are overlaid. */
  readonly selected: readonly string[];
  /** The last reopened run. */
  readonly reopenedId: string | null;
  /** Why the last import or reopen was refused (nothing was changed), or null. */
  readonly refusal: string | null;
  /** Reopen a kept run; refused (see refusal) when the page's lesson locks a field the run changes. */
  reopen(id: string): boolean;
  resume(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  clear(): Promise<void>;
  toggleSelect(id: string): void;
  /** Read a notebook file and reopen it; returns false (and sets refusal) if it is refused. */
  importNotebook(fileName: string, text: string): Promise<boolean>;
  /** A file refused before it was read (too large): the same message as a refused import. */
  refuseImport(fileName: string, why: string): void;
  /**
   * Read several notebook files (a multi-file pick, a folder, a drop): the good ones are kept, the
   * refused ones named in `importReport`; one file is imported and reopened as by importNotebook.
   * Returns how many runs were kept.
   */
  importNotebooks(files: readonly NotebookSource[]): Promise<number>;
  /** The last import of several files (null after a single import or a dismissal). */
  readonly importReport: ImportReport | null;
  /** A batch import in progress: files read of the total (null: none). */
  readonly importing: { readonly done: number; readonly total: number } | null;
  /** Forget the batch's refused files (its notice), or the whole report (which closes its study view). */
  dismissImport(what: 'refused' | 'all'): void;
  notebook(id: string): string | null;
  dismissRefusal(): void;
}

let imports = 0;
/** A fresh run id (the counter keeps ids of one batch apart where randomUUID is missing). */
const newId = (): string => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `import-${Date.now()}-${++imports}`);

/** A file name as a message shows it (names can be long). */
const shownName = (name: string): string => clipText(name, 80);

/** Why a run cannot be shown under the page's lesson, naming each locked field and its two values. */
function lockMessage(fields: readonly (keyof ExperimentConfig)[], run: ExperimentConfig, page: ExperimentConfig): string {
  const each = fields.map((f) => `${keyOf(f)}=${clipText(formatField(f, run[f]), 40)} (the lesson's is ${clipText(formatField(f, page[f]), 40)})`);
  return `this lesson link locks ${fields.map(keyOf).join(', ')}, and the run has ${each.join(', ')}`;
}

export interface HistoryDeps {
  readonly run: RunStore;
  readonly config: ConfigStore;
  readonly client: TrainingClient;
  readonly factory: IDBFactory | undefined;
  readonly appVersion: string;
}

/** An unfinished run of this link with a checkpoint, which can go on now: the offer after a reload. */
export function resumableRun(h: Pick<HistoryState, 'runs' | 'liveId'>, link: string, run: Pick<RunStoreState, 'state' | 'step'>): RunRecord | null {
  if (run.state !== 'ready' || run.step !== 0) return null;
  return h.runs.find((r) => !isFinal(r.state) && r.id !== h.liveId && r.checkpointStep !== null && r.link === link) ?? null;
}

/** Call `then` on the first run-store state that `done` accepts (outside the store's notification). */
function whenRun(run: RunStore, done: (s: RunStoreState) => boolean, then: (s: RunStoreState) => void): void {
  const off = run.subscribe((s) => {
    if (!done(s)) return;
    off();
    queueMicrotask(() => then(s));
  });
}

export function createHistory(d: HistoryDeps) {
  let db: HistoryDb | null = null;
  let warned = false;
  const warn = (what: string, err: unknown): void => {
    if (warned) return;
    warned = true;
    d.run.getState().notify(`${what}: ${storageError(err)}. Training works as usual; runs are kept only until this page is closed.`);
  };

  let disposeRecorder = (): void => undefined;
  const store = createStore<HistoryState>()((set, get) => {
    const upsert = (r: RunRecord): void => {
      const rest = get().runs.filter((x) => x.id !== r.id);
      set({ runs: [r, ...rest].sort((a, b) => b.seq - a.seq), liveId: recorder.liveId() });
    };
    const commit = (r: RunRecord, cp?: StoredCheckpoint): void => {
      upsert(r);
      db?.save(r, cp).catch((err: unknown) => warn('The run history could not be saved', err));
    };
    const recorder = recordRuns({
      run: d.run,
      config: d.config,
      appVersion: d.appVersion,
      nextSeq: () => Math.max(0, ...get().runs.map((r) => r.seq)) + 1,
      commit,
    });
    disposeRecorder = () => recorder.dispose();

    const show = (r: RunRecord, metricsOf: (r: RunRecord) => RunRecord['metrics']): void => {
      d.run.getState().loadRecord({ ...r, metrics: copyMetrics(metricsOf(r)) });
    };

    return {
      storage: 'opening',
      runs: [],
      liveId: null,
      selected: [],
      reopenedId: null,
      refusal: null,
      importReport: null,
      importing: null,
      reopen(id) {
        const r = get().runs.find((x) => x.id === id);
        if (!r) return false;
        // A changed experiment reloads the worker; the reset covers an unchanged one. Either way the
        // kept curves are shown once the worker has planned the run's experiment.
        const page = d.config.getState().config;
        const locked = d.config.getState().replaceConfig(r.config);
        if (locked.length > 0) {
          set({ refusal: `Could not reopen run #${r.seq}: ${lockMessage(locked, r.config, page)}. Nothing was changed.` });
          return false;
        }
        d.client.reset();
        d.client.showAfterPlan(() => show(r, (x) => x.metrics));
        set({ reopenedId: id, refusal: null });
        return true;
      },
      async resume(id) {
        const r = get().runs.find((x) => x.id === id);
        if (!r || !db) return;
        const stored = await db.checkpoint(id).catch(() => null);
        if (!stored) {
          d.run.getState().notify('That run has no checkpoint left to resume from.');
          return;
        }
        const step = stored.checkpoint.step;
        whenRun(
          d.run,
          (s) => (s.step === step && s.state !== 'running' && s.state !== 'ready') || (s.message?.startsWith('Cannot resume') ?? false),
          (s) => {
            if (s.step !== step) return;
            show(r, (x) => metricsUpTo(x.metrics, step));
            recorder.adopt({ ...r, step, checkpointStep: step });
          },
        );
        d.client.restore(stored.checkpoint);
      },
      async remove(id) {
        recorder.forget(id);
        set({ runs: get().runs.filter((r) => r.id !== id), selected: get().selected.filter((x) => x !== id), liveId: recorder.liveId() });
        await db?.remove(id).catch((err: unknown) => warn('The run could not be deleted from storage', err));
      },
      async clear() {
        for (const r of get().runs) recorder.forget(r.id);
        set({ runs: [], selected: [], liveId: null, reopenedId: null });
        await db?.clear().catch((err: unknown) => warn('The run history could not be cleared', err));
      },
      toggleSelect(id) {
        const sel = get().selected;
        set({ selected: sel.includes(id) ? sel.filter((x) => x !== id) : [...sel, id].slice(-2) });
      },
      async importNotebook(fileName, text) {
        let parsed: NotebookRun;
        try {
          parsed = parseNotebook(text);
        } catch (err) {
          get().refuseImport(fileName, err instanceof NotebookError ? err.message : `unexpected problem (${clipText(String(err), 200)})`);
          return false;
        }
        // Checked before the run is kept: a refused file leaves the history as it was.
        const locked = d.config.getState().lockedBy(parsed.config);
        if (locked.length > 0) {
          get().refuseImport(fileName, lockMessage(locked, parsed.config, d.config.getState().config));
          return false;
        }
        const seq = Math.max(0, ...get().runs.map((r) => r.seq)) + 1;
        const state = isFinal(parsed.state) ? parsed.state : 'stopped';
        const id = newId();
        commit({ ...parsed, state, id, seq, imported: true, checkpointStep: null });
        set({ refusal: null });
        get().reopen(id);
        return true;
      },
      async importNotebooks(files) {
        const one = files[0];
        if (files.length === 1 && one) {
          try {
            checkSize(one.size);
          } catch (err) {
            get().refuseImport(one.name, err instanceof Error ? err.message : String(err));
            return 0;
          }
          set({ importReport: null });
          return (await get().importNotebook(one.name, await one.text().catch(() => ''))) ? 1 : 0;
        }
        set({ importing: { done: 0, total: files.length }, refusal: null });
        const read = await readNotebooks(files, {
          check: (run) => {
            const locked = d.config.getState().lockedBy(run.config);
            return locked.length > 0 ? lockMessage(locked, run.config, d.config.getState().config) : null;
          },
          progress: (done, total) => set({ importing: { done, total } }),
        });
        const first = Math.max(0, ...get().runs.map((r) => r.seq)) + 1;
        const kept = read.good.map(({ run }, i): RunRecord => ({ ...run, state: isFinal(run.state) ? run.state : 'stopped', id: newId(), seq: first + i, imported: true, checkpointStep: null }));
        set({
          runs: [...kept, ...get().runs].sort((a, b) => b.seq - a.seq),
          importing: null,
          importReport: { files: files.length, imported: kept.map((r) => r.id), refused: read.refused },
        });
        for (let i = 0; i < kept.length && db; i += SAVE_CHUNK) {
          await db.saveMany(kept.slice(i, i + SAVE_CHUNK)).catch((err: unknown) => warn('The run history could not be saved', err));
          await tick();
        }
        return kept.length;
      },
      dismissImport(what) {
        const report = get().importReport;
        set({ importReport: what === 'all' || !report ? null : { ...report, refused: [] } });
      },
      refuseImport(fileName, why) {
        set({ refusal: `Could not open “${shownName(fileName)}”: ${why}. Nothing was changed.` });
      },
      notebook(id) {
        const r = get().runs.find((x) => x.id === id);
        return r ? notebookText(r, new Date()) : null;
      },
      dismissRefusal() {
        set({ refusal: null });
      },
    };
  });
  openHistoryDb(d.factory).then(
    async (opened) => {
      db = opened;
      const kept = await opened.list();
      const live = store.getState().runs;
      const ids = new Set(live.map((r) => r.id));
      store.setState({ storage: 'indexeddb', runs: [...live, ...kept.filter((r) => !ids.has(r.id))].sort((a, b) => b.seq - a.seq) });
    },
    (err: unknown) => {
      store.setState({ storage: 'memory' });
      warn('Run history is unavailable', err);
    },
  );

  return { store, dispose: () => disposeRecorder() };
}

export type History = ReturnType<typeof createHistory>;
export type HistoryStore = History['store'];
