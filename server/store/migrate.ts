import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m001 from './migrations/001-initial.ts';
import * as m002 from './migrations/002-consent-compartments-audit.ts';
import * as m003 from './migrations/003-records.ts';
import * as m004 from './migrations/004-decision-confirmations.ts';
import * as m005 from './migrations/005-attendance.ts';
import * as m006 from './migrations/006-case-coordinators.ts';
import * as m007 from './migrations/007-control-events.ts';
import * as m008 from './migrations/008-session-created.ts';
import * as m009 from './migrations/009-administration.ts';
import * as m010 from './migrations/010-intake-cases.ts';
import * as m011 from './migrations/011-records-file.ts';
import * as m012 from './migrations/012-retention-setup.ts';
import * as m013 from './migrations/013-shared-guards.ts';
import * as m015 from './migrations/015-meeting-opened-at.ts';

/** Ordered migrations, imported statically so the bundle-free tsx runtime and tests agree. */
const MIGRATIONS: Record<string, Migration> = {
  '001-initial': m001,
  '002-consent-compartments-audit': m002,
  '003-records': m003,
  '004-decision-confirmations': m004,
  '005-attendance': m005,
  '006-case-coordinators': m006,
  '007-control-events': m007,
  '008-session-created': m008,
  '009-administration': m009,
  '010-intake-cases': m010,
  '011-records-file': m011,
  '012-retention-setup': m012,
  '013-shared-guards': m013,
  '015-meeting-opened-at': m015,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration> = MIGRATIONS) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.migrations;
  }
}

/** For tests: a database as an older build left it (only some of the migrations run). */
export async function migrateOnly(db: Kysely<any>, names: string[]): Promise<void> {
  const subset = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => names.includes(name)));
  const { error } = await new Migrator({ db, provider: new StaticProvider(subset), allowUnorderedMigrations: true }).migrateToLatest();
  if (error) throw error;
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  // Numbers are taken by parallel branches, so a migration may land after a higher-numbered one
  // already ran on a database (012 after 013 and 015): run it then instead of refusing to start.
  // Each migration touches its own tables and columns, so their relative order does not matter.
  const migrator = new Migrator({ db, provider: new StaticProvider(), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`);
  }
}
