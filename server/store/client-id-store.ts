import type { Db } from './db.ts';

/**
 * Who owns which Yjs client id in a document, for every node at once (see
 * server/collab/client-ids.ts). The first claim wins: a claim inserts what is not there yet and
 * then reads the owners back, so two nodes claiming the same id at the same moment both read the
 * one row that got in. Nothing ever changes an owner once stored.
 */
export interface ClientIdStore {
  /** Claims `ids` for `userId` where nobody owns them yet; returns every id's owner afterwards. */
  claim(docName: string, ids: readonly number[], userId: string): Promise<Map<number, string>>;
}

export class KyselyClientIdStore implements ClientIdStore {
  constructor(private readonly db: Db) {}

  async claim(docName: string, ids: readonly number[], userId: string): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const claimedAt = new Date().toISOString();
    await this.db
      .insertInto('doc_client_ids')
      .values(ids.map((id) => ({ doc_name: docName, client_id: id, user_id: userId, claimed_at: claimedAt })))
      .onConflict((oc) => oc.columns(['doc_name', 'client_id']).doNothing())
      .execute();
    // Read after the insert: under a concurrent claim, PostgreSQL's insert waits for the other
    // transaction and then skips the row, so this read sees the winner either way.
    const rows = await this.db
      .selectFrom('doc_client_ids')
      .select(['client_id', 'user_id'])
      .where('doc_name', '=', docName)
      .where('client_id', 'in', [...ids])
      .execute();
    return new Map(rows.map((r) => [Number(r.client_id), r.user_id]));
  }
}
