import * as Y from 'yjs';

/**
 * Would applying this update change the document? A fully synced read-only client still answers
 * the server's step 1 with its step 2: no new structs, but its whole delete set. That is not a
 * write. Only content the document lacks, or deletions it has not made yet, count (the check
 * Hocuspocus does for read-only connections: does the document's snapshot already contain it).
 * Throws on a malformed update.
 */
export function wouldChangeDocument(doc: Y.Doc, update: Uint8Array): boolean {
  return !Y.snapshotContainsUpdate(Y.snapshot(doc), update);
}
