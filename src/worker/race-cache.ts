/**
 * Race results kept per device and work size (race.ts raceKey) in the worker's IndexedDB, so a
 * backend race runs once, not at every load. Best effort: without IndexedDB (Node, private mode,
 * a full disk) nothing is cached and the race simply runs again.
 */
import type { RaceEntry } from './protocol';

const DB = 'rankscope-backend-race';
const STORE = 'results';

function open(): Promise<IDBDatabase | null> {
  const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!factory) return Promise.resolve(null);
  return new Promise((resolve) => {
    const req = factory.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
    req.onblocked = () => resolve(null);
  });
}

function isEntries(x: unknown): x is RaceEntry[] {
  return Array.isArray(x) && x.every((e) => typeof e === 'object' && e !== null && typeof (e as RaceEntry).name === 'string' && typeof (e as RaceEntry).msPerStep === 'number');
}

export async function cachedRace(key: string): Promise<RaceEntry[] | null> {
  const db = await open();
  if (!db) return null;
  return new Promise((resolve) => {
    try {
      const req = db.transaction(STORE, 'readonly').objectStore(STORE).get(key);
      req.onsuccess = () => resolve(isEntries(req.result) ? req.result : null);
      req.onerror = () => resolve(null);
    } catch {
      resolve(null);
    }
  }).finally(() => db.close()) as Promise<RaceEntry[] | null>;
}

export async function storeRace(key: string, entries: readonly RaceEntry[]): Promise<void> {
  const db = await open();
  if (!db) return;
  await new Promise<void>((resolve) => {
    try {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(entries.map((e) => ({ ...e })), key);
      tx.oncomplete = () => resolve();
      tx.onerror = () => resolve();
      tx.onabort = () => resolve();
    } catch {
      resolve();
    }
  });
  db.close();
}
