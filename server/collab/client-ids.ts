import * as Y from 'yjs';

/** How many documents' owner tables a node keeps (least recently used go first). */
const MAX_DOCS = 5000;
/** How many client ids one document remembers (an honest meeting uses a few per participant). */
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
 * Kept in memory per node, across room unloads; a restart or another node starts afresh (the
 * ids of past sessions are then claimable again, but only by someone who can already write).
 */
export class ClientIdOwners {
  private readonly docs = new Map<string, Map<number, string>>();

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
   * Claims `ids` for `userId` in `docName`. Returns the first id another user owns (nothing is
   * claimed then), or null when all are now this user's.
   */
  claim(docName: string, ids: readonly number[], userId: string): number | null {
    const owners = this.ownersOf(docName);
    for (const id of ids) {
      const owner = owners.get(id);
      if (owner !== undefined && owner !== userId) return id;
    }
    for (const id of ids) {
      if (owners.has(id)) continue;
      if (owners.size >= MAX_IDS_PER_DOC) owners.delete(owners.keys().next().value!);
      owners.set(id, userId);
    }
    return null;
  }

  ownerOf(docName: string, id: number): string | undefined {
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
