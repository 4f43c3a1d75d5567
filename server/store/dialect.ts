import type { Kysely } from 'kysely';

/** The two databases Kasane runs on. Only migrations need to know which one is underneath. */
export type DialectName = 'sqlite' | 'postgres';

const dialects = new WeakMap<Kysely<any>, DialectName>();

export function rememberDialect(db: Kysely<any>, name: DialectName): void {
  dialects.set(db, name);
}

export function dialectOf(db: Kysely<any>): DialectName {
  return dialects.get(db) ?? 'sqlite';
}
