import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/** The embedded default: one SQLite file, WAL so readers never wait for the writer. */
export function openSqlite(file: string): Db {
  mkdirSync(dirname(file), { recursive: true });
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return db;
}

/** PostgreSQL for deployments with several nodes. bigint comes back as string by default: parse it. */
export function openPostgres(connectionString: string): Db {
  pg.types.setTypeParser(20, (v) => Number(v));
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle connection that the server ends (a restart, a failover, an administrator) emits an
  // error on the pool; unhandled, it would take the whole node down. The pool replaces it, and
  // the next query that fails says so to its caller.
  pool.on('error', (error) => console.error('[store] PostgreSQL connection lost:', error.message));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return db;
}
