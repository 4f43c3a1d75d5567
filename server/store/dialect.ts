import { PostgresAdapter, type Kysely } from 'kysely';

/** The two databases Kasane runs on. Only migrations and a few locks need to know which one. */
export type DialectName = 'sqlite' | 'postgres';

/**
 * Read from the adapter, not remembered per instance: migrations and transactions receive a
 * different Kysely object than the one the server opened.
 */
export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
