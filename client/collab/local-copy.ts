import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';

/**
 * This browser's copy of a document (IndexedDB via y-indexeddb), so that nothing typed is lost to
 * a reload, a crash or a dropped connection: edits are stored locally as they are made and the
 * provider sends whatever the server lacks when it connects again.
 *
 * One database per user and document (`kasane:<userId>:<docName>`): another person signing in
 * on the same browser never opens someone else's copy. The copy goes when access to the document
 * ends (4403/4404/4410, or the manifest stops listing it) and on logout: only documents the
 * viewer may still write are kept at rest.
 */
const PREFIX = 'kasane:';

export const localCopyName = (userId: string, docName: string) => `${PREFIX}${userId}:${docName}`;

/**
 * IndexedDB writes are asynchronous: a tab closed (or reloaded) a moment after the last keystroke
 * can lose the transactions still in flight. Edits not yet sent are therefore also kept, as they
 * are made, in localStorage (synchronous): small, and emptied as soon as the server has them.
 */
const unsentKey = (userId: string, docName: string) => `kasane-unsent:${userId}:${docName}`;

function readUnsent(key: string): Uint8Array[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(list) ? list.filter((u): u is string => typeof u === 'string').map(fromBase64) : [];
  } catch {
    return [];
  }
}

function forgetUnsent(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Storage unavailable (private mode): nothing was kept.
  }
}

export interface LocalCopy {
  /** The origin of the transactions that load stored edits (not new edits of this viewer). */
  origin: unknown;
  /** How many unsent edits the previous page left (sent by the sync that follows). */
  unsentAtOpen: number;
  /** Keeps one edit that could not be sent yet (synchronously). */
  keepUnsent(update: Uint8Array): void;
  /** The server has everything: the unsent list is emptied. */
  allSent(): void;
  /** Resolves once the stored edits are in the document. */
  loaded: Promise<void>;
  /** Stops writing and deletes the stored copy. */
  discard(): Promise<void>;
  /** Stops writing, keeps the copy (the edits in it are sent on the next open). */
  close(): void;
}

/** Opens (or creates) the local copy of `docName`; null where IndexedDB is unavailable. */
export function openLocalCopy(userId: string, docName: string, doc: Y.Doc): LocalCopy | null {
  if (typeof indexedDB === 'undefined') return null;
  let persistence: IndexeddbPersistence;
  try {
    persistence = new IndexeddbPersistence(localCopyName(userId, docName), doc);
  } catch (error) {
    console.warn('[local-copy] unavailable:', error);
    return null;
  }
  let closed = false;
  const key = unsentKey(userId, docName);
  const unsent = readUnsent(key);
  if (unsent.length > 0) {
    Y.transact(doc, () => unsent.forEach((update) => Y.applyUpdate(doc, update)), persistence);
  }
  return {
    origin: persistence,
    unsentAtOpen: unsent.length,
    keepUnsent(update) {
      if (closed) return;
      try {
        const list: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
        localStorage.setItem(key, JSON.stringify([...(Array.isArray(list) ? list : []), toBase64(update)]));
      } catch (error) {
        // Full or unavailable: the IndexedDB copy still holds the edit.
        console.warn('[local-copy] could not keep an unsent edit:', error);
      }
    },
    allSent() {
      forgetUnsent(key);
    },
    loaded: persistence.whenSynced.then(
      () => undefined,
      () => undefined,
    ),
    async discard() {
      forgetUnsent(key);
      if (closed) return clearDocument(localCopyName(userId, docName)).catch(() => undefined);
      closed = true;
      await persistence.clearData().catch(() => clearDocument(localCopyName(userId, docName)));
    },
    close() {
      if (closed) return;
      closed = true;
      void persistence.destroy();
    },
  };
}

/** Deletes a copy without opening the document (e.g. one the manifest no longer lists). */
export function discardLocalCopy(userId: string, docName: string): Promise<void> {
  forgetUnsent(unsentKey(userId, docName));
  if (typeof indexedDB === 'undefined') return Promise.resolve();
  return clearDocument(localCopyName(userId, docName)).catch(() => undefined);
}

/** Names of this browser's copies, or null when the browser cannot list databases. */
async function copyNames(): Promise<string[] | null> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return null;
  const list = await indexedDB.databases().catch(() => []);
  return list.map((d) => d.name ?? '').filter((name) => name.startsWith(PREFIX));
}

/** Logout: every copy on this browser goes, whoever's. */
export async function discardAllLocalCopies(): Promise<void> {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith('kasane-unsent:')) localStorage.removeItem(key);
  } catch {
    // Storage unavailable: nothing was kept there.
  }
  const names = (await copyNames()) ?? [];
  await Promise.all(names.map((name) => clearDocument(name).catch(() => undefined)));
}

/**
 * Deletes this user's copies of a case's compartments (names under `casePrefix`) that are not in
 * `keep`: what the manifest no longer lists may no longer be held, even on disk.
 */
export async function pruneLocalCopies(userId: string, casePrefix: string, keep: ReadonlySet<string>): Promise<void> {
  const names = await copyNames();
  if (!names) return;
  const mine = localCopyName(userId, casePrefix);
  const stale = names.filter((name) => name.startsWith(mine) && !keep.has(name.slice(`${PREFIX}${userId}:`.length)));
  await Promise.all(stale.map((name) => clearDocument(name).catch(() => undefined)));
  try {
    const unsentPrefix = unsentKey(userId, casePrefix);
    for (const k of Object.keys(localStorage)) {
      if (k.startsWith(unsentPrefix) && !keep.has(k.slice(`kasane-unsent:${userId}:`.length))) localStorage.removeItem(k);
    }
  } catch {
    // Storage unavailable.
  }
}
