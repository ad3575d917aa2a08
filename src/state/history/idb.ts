/**
 * A tiny typed promise wrapper over IndexedDB: open with an upgrade callback, and one-store
 * transactions that resolve when the transaction commits (not merely when the request succeeds).
 */

/** Why the storage could not be used, in words for a notice. */
export function storageError(err: unknown): string {
  if (err instanceof DOMException) {
    if (err.name === 'QuotaExceededError') return 'the browser’s storage for this site is full (QuotaExceededError)';
    return `${err.name}: ${err.message}`;
  }
  return err instanceof Error ? err.message : String(err);
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

export interface Database {
  getAll(store: string): Promise<unknown[]>;
  get(store: string, key: IDBValidKey): Promise<unknown>;
  /** Put several values (each into its store) in one transaction: all are written or none. */
  put(entries: readonly { readonly store: string; readonly value: unknown }[]): Promise<void>;
  delete(stores: readonly string[], key: IDBValidKey): Promise<void>;
  clear(stores: readonly string[]): Promise<void>;
  close(): void;
}

/** Open (creating or upgrading) a database; rejects if IndexedDB is missing, blocked or refused. */
export async function openDatabase(
  factory: IDBFactory | undefined,
  name: string,
  version: number,
  upgrade: (db: IDBDatabase) => void,
): Promise<Database> {
  if (!factory) throw new Error('this browser offers no IndexedDB (private mode, or storage turned off)');
  const open = factory.open(name, version);
  open.onupgradeneeded = () => upgrade(open.result);
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('IndexedDB could not be opened'));
    open.onblocked = () => reject(new Error('IndexedDB is blocked by another tab holding an older version'));
  });
  const write = (stores: readonly string[], fill: (tx: IDBTransaction) => void): Promise<void> =>
    new Promise((resolve, reject) => {
      let tx: IDBTransaction;
      try {
        tx = db.transaction([...stores], 'readwrite');
        fill(tx);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB write was aborted'));
    });
  return {
    getAll: (store) => request(db.transaction(store, 'readonly').objectStore(store).getAll()),
    get: (store, key) => request(db.transaction(store, 'readonly').objectStore(store).get(key)),
    put: (entries) =>
      write(
        [...new Set(entries.map((e) => e.store))],
        (tx) => entries.forEach((e) => tx.objectStore(e.store).put(e.value)),
      ),
    delete: (stores, key) => write(stores, (tx) => stores.forEach((s) => tx.objectStore(s).delete(key))),
    clear: (stores) => write(stores, (tx) => stores.forEach((s) => tx.objectStore(s).clear())),
    close: () => db.close(),
  };
}
