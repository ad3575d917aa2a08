/**
 * Watches the run store and turns what happens into run records: a run starts when training starts
 * from no current run; it is saved at every checkpoint and pause, and ends as done, diverged or
 * failed with the worker's state, or as stopped when its metrics are replaced (reset, new config,
 * a reopened run) before it finished.
 */
import { encodeConfig } from '../../core/config';
import type { ConfigStore } from '../config-store';
import type { RunStore, RunStoreState } from '../run-store';
import type { RecordState, RunRecord, StoredCheckpoint } from './record';

export interface RecorderDeps {
  readonly run: RunStore;
  readonly config: ConfigStore;
  readonly appVersion: string;
  readonly nextSeq: () => number;
  readonly commit: (r: RunRecord, checkpoint?: StoredCheckpoint) => void;
}

export interface Recorder {
  /** The run being recorded now, if any. */
  liveId(): string | null;
  /** Go on recording a kept run (resumed from its checkpoint); its metrics are the run store's now. */
  adopt(r: RunRecord): void;
  /** Stop recording `id` (deleted). */
  forget(id: string): void;
  dispose(): void;
}

const newId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

export function recordRuns(d: RecorderDeps): Recorder {
  let current: RunRecord | null = null;

  /** The record brought up to date with the run store's state `s`. */
  const update = (r: RunRecord, s: RunStoreState, state: RecordState, message: string | null = r.message): RunRecord => ({
    ...r,
    state,
    message,
    step: s.step,
    updatedAt: Date.now(),
    totalSteps: s.totalSteps,
    lanes: s.lanes,
    targetVariance: s.targetVariance,
    targetSpectra: s.targetSpectra,
    backend: s.backend?.chosen ?? r.backend,
  });

  const start = (s: RunStoreState): RunRecord => {
    const c = d.config.getState().config;
    const now = Date.now();
    return {
      id: newId(),
      seq: d.nextSeq(),
      startedAt: now,
      updatedAt: now,
      state: 'running',
      message: null,
      config: c,
      link: encodeConfig(c),
      appVersion: d.appVersion,
      backend: s.backend?.chosen ?? null,
      step: s.step,
      totalSteps: s.totalSteps,
      lanes: s.lanes,
      targetVariance: s.targetVariance,
      targetSpectra: s.targetSpectra,
      metrics: s.metrics,
      checkpointStep: null,
      imported: false,
    };
  };

  const end = (r: RunRecord): void => {
    current = null; // before the commit, so the store no longer counts it as live
    d.commit(r);
  };

  const unsubscribe = d.run.subscribe((s, prev) => {
    if (current && s.metrics !== current.metrics) end(update(current, prev, 'stopped'));
    if (current && s.checkpoint && s.checkpoint !== prev.checkpoint) {
      const cp = s.checkpoint;
      current = { ...update(current, s, s.state === 'paused' ? 'paused' : 'running'), step: cp.step, checkpointStep: cp.step };
      d.commit(current, { id: current.id, checkpoint: cp });
    }
    if (s.state === prev.state) return;
    if (s.state === 'running' && !current) {
      current = start(s);
      d.commit(current);
      return;
    }
    if (!current) return;
    switch (s.state) {
      case 'running':
      case 'paused':
        current = update(current, s, s.state);
        d.commit(current);
        return;
      case 'done':
      case 'diverged':
      case 'error':
        // A run whose worker failed stays resumable from its last checkpoint ('paused' is not final).
        end(s.interrupted && current.checkpointStep !== null ? update(current, prev, 'paused', s.message) : update(current, s, s.state, s.message));
        return;
      case 'ready':
      case 'starting':
      case 'idle':
        end(update(current, prev, s.interrupted && current.checkpointStep !== null ? 'paused' : 'stopped'));
        return;
    }
  });

  return {
    liveId: () => current?.id ?? null,
    adopt(r) {
      current = { ...r, state: 'paused', metrics: d.run.getState().metrics };
      d.commit(current);
    },
    forget(id) {
      if (current?.id === id) current = null;
    },
    dispose: unsubscribe,
  };
}
