// Where the door keeps its snapshot and its journal of offline admissions: IndexedDB, so both
// survive a reload, a closed tab and a phone restart (a guest admitted offline must reach the
// server some day). A memory vault stands in where there is no IndexedDB (tests, old browsers).
import type { JournalEntry, StoredSnapshot } from './offline-snapshot';

export interface DoorVault {
  loadSnapshot(): Promise<StoredSnapshot | null>;
  saveSnapshot(snapshot: StoredSnapshot): Promise<void>;
  /** Every entry, oldest first: the order they are sent in. */
  journal(): Promise<JournalEntry[]>;
  append(entry: JournalEntry): Promise<void>;
  markSynced(scanId: string, syncedAt: number, conflict: string | null): Promise<void>;
  /** Unpaired: nothing of this door's is kept. */
  clear(): Promise<void>;
}

export function memoryVault(): DoorVault {
  let snapshot: StoredSnapshot | null = null;
  let entries: JournalEntry[] = [];
  return {
    loadSnapshot: async () => snapshot,
    saveSnapshot: async (s) => {
      snapshot = s;
    },
    journal: async () => entries.map((e) => ({ ...e })),
    append: async (entry) => {
      entries.push({ ...entry });
    },
    markSynced: async (scanId, syncedAt, conflict) => {
      entries = entries.map((e) => (e.scanId === scanId ? { ...e, syncedAt, conflict } : e));
    },
    clear: async () => {
      snapshot = null;
      entries = [];
    },
  };
}

const DB_NAME = 'marquee-door';
const SNAPSHOT = 'snapshot';
const JOURNAL = 'journal';
/** Synced entries are kept a day (the door's own record of the night), then dropped. */
const KEEP_SYNCED_MS = 24 * 60 * 60 * 1000;

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export function indexedDbVault(factory: IDBFactory = indexedDB): DoorVault {
  let opened: Promise<IDBDatabase> | null = null;
  const db = () =>
    (opened ??= new Promise((resolve, reject) => {
      const request = factory.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore(SNAPSHOT);
        // Keyed by an increasing number: getAll() answers in the order they were admitted.
        const journal = request.result.createObjectStore(JOURNAL, { keyPath: 'seq', autoIncrement: true });
        journal.createIndex('scanId', 'scanId', { unique: true });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    }));

  async function write(store: string, work: (s: IDBObjectStore) => void): Promise<void> {
    const tx = (await db()).transaction(store, 'readwrite');
    work(tx.objectStore(store));
    await done(tx);
  }

  return {
    async loadSnapshot() {
      const tx = (await db()).transaction(SNAPSHOT, 'readonly');
      return ((await promised(tx.objectStore(SNAPSHOT).get('current'))) as StoredSnapshot | undefined) ?? null;
    },
    saveSnapshot: (snapshot) => write(SNAPSHOT, (s) => s.put(snapshot, 'current')),
    async journal() {
      const tx = (await db()).transaction(JOURNAL, 'readonly');
      const rows = (await promised(tx.objectStore(JOURNAL).getAll())) as Array<JournalEntry & { seq: number }>;
      return rows.map(({ seq: _seq, ...entry }) => entry);
    },
    append: (entry) => write(JOURNAL, (s) => s.add({ ...entry })),
    async markSynced(scanId, syncedAt, conflict) {
      const tx = (await db()).transaction(JOURNAL, 'readwrite');
      const store = tx.objectStore(JOURNAL);
      const key = await promised(store.index('scanId').getKey(scanId));
      if (key !== undefined) {
        const entry = (await promised(store.get(key))) as JournalEntry & { seq: number };
        store.put({ ...entry, syncedAt, conflict });
      }
      // Old synced entries go: the journal stays small on a phone used every night.
      const all = (await promised(store.getAll())) as Array<JournalEntry & { seq: number }>;
      for (const old of all) if (old.syncedAt !== null && syncedAt - old.syncedAt > KEEP_SYNCED_MS) store.delete(old.seq);
      await done(tx);
    },
    async clear() {
      const tx = (await db()).transaction([SNAPSHOT, JOURNAL], 'readwrite');
      tx.objectStore(SNAPSHOT).clear();
      tx.objectStore(JOURNAL).clear();
      await done(tx);
    },
  };
}

/** IndexedDB where the page has it. */
export function browserVault(): DoorVault {
  return typeof indexedDB === 'undefined' ? memoryVault() : indexedDbVault();
}
