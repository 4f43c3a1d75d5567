import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

/**
 * Guards that must hold for the whole installation, not per node (issue 9):
 * - doc_client_ids: which user first wrote (or announced presence) under a Yjs client id in a
 *   document. One row per (document, client id); the first insert wins, nothing ever updates it,
 *   so every node can cache what it read. Rows stay when a document's log is compacted: the
 *   snapshot still holds those client ids and their clocks.
 * - login_throttle: failed sign-ins per account name (as typed, normalised) and per source
 *   address, with the lock they imposed. Times are epoch milliseconds.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  // Yjs client ids are 32-bit in practice, but a forger may send up to 53 bits.
  const big = pg ? 'bigint' : 'integer';
  await db.schema
    .createTable('doc_client_ids')
    .addColumn('doc_name', 'text', (c) => c.notNull())
    .addColumn('client_id', big, (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('doc_client_ids_pk', ['doc_name', 'client_id'])
    .execute();

  await db.schema
    .createTable('login_throttle')
    /** 'account:<name>' or 'address:<ip>'. */
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', big, (c) => c.notNull())
    .addColumn('last_failure', big, (c) => c.notNull())
    .execute();
  // Pruning forgotten keys scans by age.
  await db.schema.createIndex('login_throttle_last_failure').on('login_throttle').column('last_failure').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_throttle').execute();
  await db.schema.dropTable('doc_client_ids').execute();
}
