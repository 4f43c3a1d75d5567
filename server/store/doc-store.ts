import type { Db } from './db.ts';

/**
 * Where Yjs documents live: an append-only log of updates per document, compacted now and then
 * into a single snapshot row. An update is appended before it is applied to the live document and
 * broadcast (server/collab/room.ts), so nothing a peer has seen can be lost by a crash.
 */
export interface DocStore {
  loadUpdates(docName: string): Promise<{ updates: Uint8Array[]; lastId: number }>;
  appendUpdate(docName: string, update: Uint8Array): Promise<void>;
  /** Several updates in one statement, one row each, in order (group commit). Optional for doubles. */
  appendUpdates?(docName: string, updates: Uint8Array[]): Promise<void>;
  /**
   * Replace every row up to and including `uptoId` with one snapshot (the merged state). The
   * document's client-id owners (doc_client_ids) stay: the snapshot still holds those ids and clocks.
   */
  compact(docName: string, snapshot: Uint8Array, uptoId: number): Promise<void>;
  countUpdates(docName: string): Promise<number>;
  lastUpdateId(docName: string): Promise<number>;
}

export class KyselyDocStore implements DocStore {
  constructor(private readonly db: Db) {}

  async loadUpdates(docName: string) {
    const rows = await this.db
      .selectFrom('doc_updates')
      .select(['id', 'data'])
      .where('doc_name', '=', docName)
      .orderBy('id')
      .execute();
    return {
      updates: rows.map((r) => new Uint8Array(r.data)),
      lastId: rows.length ? Number(rows[rows.length - 1]!.id) : 0,
    };
  }

  async appendUpdate(docName: string, update: Uint8Array) {
    await this.db
      .insertInto('doc_updates')
      .values({ doc_name: docName, data: Buffer.from(update), created_at: new Date().toISOString() })
      .execute();
  }

  async appendUpdates(docName: string, updates: Uint8Array[]) {
    if (updates.length === 0) return;
    const now = new Date().toISOString();
    // One INSERT of several rows (their relative order does not matter: Yjs updates commute).
    await this.db
      .insertInto('doc_updates')
      .values(updates.map((update) => ({ doc_name: docName, data: Buffer.from(update), created_at: now })))
      .execute();
  }

  async compact(docName: string, snapshot: Uint8Array, uptoId: number) {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('doc_updates').where('doc_name', '=', docName).where('id', '<=', uptoId).execute();
      // The snapshot takes the place of the rows it merged; later rows keep their order after it
      // because a Yjs state is order-independent (updates commute).
      await trx
        .insertInto('doc_updates')
        .values({ doc_name: docName, data: Buffer.from(snapshot), created_at: new Date().toISOString() })
        .execute();
    });
  }

  async countUpdates(docName: string) {
    const row = await this.db
      .selectFrom('doc_updates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('doc_name', '=', docName)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async lastUpdateId(docName: string) {
    const row = await this.db
      .selectFrom('doc_updates')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('doc_name', '=', docName)
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }
}
