import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A throw-away PostgreSQL database per test run. The audit chain's cross-node serialisation
 * (advisory lock) only exists on PostgreSQL, so these tests never skip: when the server is not
 * reachable they fail and say so.
 */
export const PG_ADMIN_URL = process.env.KASANE_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TempPostgres {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is unreachable at ${PG_ADMIN_URL} (${(error as Error).message}). ` +
        'The audit log must be tested on PostgreSQL as well as SQLite: start PostgreSQL or set KASANE_TEST_PG_ADMIN_URL.',
    );
  }
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createTempPostgres(prefix = 'kasane_audit'): Promise<TempPostgres> {
  // Identifiers cannot be bound as parameters; the name is ours, lower-case hex only.
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    // FORCE: a pool a failed test forgot to close must not leave the database behind.
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
