import * as Y from 'yjs';
import type { ClientIdStore } from '../store/client-id-store.ts';

/** How many documents' owners a node keeps in its cache (least recently used go first). */
const MAX_DOCS = 5000;
/** How many client ids of one document the cache remembers (an honest meeting uses a few per participant). */
const MAX_IDS_PER_DOC = 20_000;

/**
 * Yjs client ids are bound to the user whose connection first used them in a document. Without
 * this, a member can write under another member's client id and clocks: Yjs then treats the
 * victim's own later (offline) edits with the same clocks as duplicates and drops them forever.
 *
 * A client id is claimed when a connection sends content for it that the document does not have
 * yet (or announces presence under it); content the document already holds claims nothing, so an
 * honest client re-sending what it received from others is never mistaken for a forger.
 *
 * The owners live in the store (ClientIdStore), shared by every node and kept across restarts: a
 * member on node B cannot take an id claimed on node A, and a restart does not make the ids of
 * past sessions claimable again. A claim is stored before the update that makes it is applied
 * (persist before apply, as in room.ts), so nobody sees content under an id whose owner could
 * still be decided otherwise. Owners never change once stored, so this node caches what it read:
 * only an id the cache does not know costs a round trip (a typist's own id costs one, once).
 */
export class ClientIdOwners {
  private readonly docs = new Map<string, Map<number, string>>();

  constructor(private readonly store: ClientIdStore) {}

  /** The client ids whose content this update adds to the document. Throws on a malformed update. */
  static newContentClients(doc: Y.Doc, update: Uint8Array): number[] {
    const { to } = Y.parseUpdateMeta(update);
    const clients: number[] = [];
    for (const [client, clock] of to) {
      if (clock > Y.getState(doc.store, client)) clients.push(client);
    }
    return clients;
  }

  /**
   * Claims `ids` for `userId` in `docName`. Resolves with the first id another user owns (that
   * update must be refused), or null when all are this user's, stored. Rejects when the store
   * cannot be reached (nothing may be applied then).
   */
  async claim(docName: string, ids: readonly number[], userId: string): Promise<number | null> {
    const cached = this.ownersOf(docName);
    const unknown: number[] = [];
    for (const id of ids) {
      const owner = cached.get(id);
      if (owner === undefined) unknown.push(id);
      else if (owner !== userId) return id;
    }
    if (unknown.length === 0) return null;
    const owners = await this.store.claim(docName, unknown, userId);
    // Looked up again: the document may have left the cache during the round trip.
    const cache = this.ownersOf(docName);
    for (const [id, owner] of owners) remember(cache, id, owner);
    for (const id of unknown) {
      const owner = owners.get(id);
      if (owner === undefined) throw new Error(`client id ${id} of ${docName} was claimed but not stored`);
      if (owner !== userId) return id;
    }
    return null;
  }

  /** The owner this node knows of (undefined: not known here; the store may know it). */
  cachedOwner(docName: string, id: number): string | undefined {
    return this.docs.get(docName)?.get(id);
  }

  private ownersOf(docName: string): Map<number, string> {
    let owners = this.docs.get(docName);
    if (owners) {
      // Re-insert: Map order is the LRU order.
      this.docs.delete(docName);
    } else {
      owners = new Map();
      if (this.docs.size >= MAX_DOCS) this.docs.delete(this.docs.keys().next().value!);
    }
    this.docs.set(docName, owners);
    return owners;
  }
}

/** Forgetting a cached owner is harmless (the store still has it): the next use asks again. */
function remember(cache: Map<number, string>, id: number, owner: string): void {
  if (cache.has(id)) return;
  if (cache.size >= MAX_IDS_PER_DOC) cache.delete(cache.keys().next().value!);
  cache.set(id, owner);
}
