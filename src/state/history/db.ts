/** The run history's IndexedDB: one store of run records, one of their latest checkpoints. */
import { openDatabase } from './idb';
import type { Database } from './idb';
import { migrateRecord } from './migrate';
import type { StoredRecord } from './migrate';
import type { RunRecord, StoredCheckpoint } from './record';

const NAME = 'rankscope-history';
const VERSION = 1;
const RUNS = 'runs';
const CHECKPOINTS = 'checkpoints';

export interface HistoryDb {
  list(): Promise<RunRecord[]>;
  save(run: RunRecord, checkpoint?: StoredCheckpoint): Promise<void>;
  /** Several runs in one transaction (a batch import): all are written or none. */
  saveMany(runs: readonly RunRecord[]): Promise<void>;
  checkpoint(id: string): Promise<StoredCheckpoint | null>;
  remove(id: string): Promise<void>;
  clear(): Promise<void>;
}

/** Records we wrote ourselves: checked for the fields the panel reads, so a damaged entry is skipped. */
function looksLikeRecord(x: unknown): x is StoredRecord {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Partial<Record<keyof StoredRecord, unknown>>;
  return typeof r.id === 'string' && typeof r.seq === 'number' && typeof r.link === 'string' && typeof r.state === 'string' &&
    typeof r.config === 'object' && typeof r.metrics === 'object' && Array.isArray(r.lanes);
}

/** The stored values the history lists, brought to today's shape: damaged entries skipped, newest first. */
export function readRecords(stored: readonly unknown[]): RunRecord[] {
  return stored.filter(looksLikeRecord).map(migrateRecord).sort((a, b) => b.seq - a.seq);
}

function looksLikeCheckpoint(x: unknown): x is StoredCheckpoint {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as { id?: unknown; checkpoint?: { step?: unknown; params?: unknown } };
  return typeof c.id === 'string' && typeof c.checkpoint?.step === 'number' && Array.isArray(c.checkpoint.params);
}

export async function openHistoryDb(factory: IDBFactory | undefined): Promise<HistoryDb> {
  const db: Database = await openDatabase(factory, NAME, VERSION, (d) => {
    if (!d.objectStoreNames.contains(RUNS)) d.createObjectStore(RUNS, { keyPath: 'id' });
    if (!d.objectStoreNames.contains(CHECKPOINTS)) d.createObjectStore(CHECKPOINTS, { keyPath: 'id' });
  });
  return {
    async list() {
      return readRecords(await db.getAll(RUNS));
    },
    save: (run, checkpoint) => db.put([{ store: RUNS, value: run }, ...(checkpoint ? [{ store: CHECKPOINTS, value: checkpoint }] : [])]),
    saveMany: (runs) => db.put(runs.map((value) => ({ store: RUNS, value }))),
    async checkpoint(id) {
      const c = await db.get(CHECKPOINTS, id);
      return looksLikeCheckpoint(c) ? c : null;
    },
    remove: (id) => db.delete([RUNS, CHECKPOINTS], id),
    clear: () => db.clear([RUNS, CHECKPOINTS]),
  };
}
