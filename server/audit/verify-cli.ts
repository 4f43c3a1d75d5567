import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { configFromEnv } from '../config.ts';
import { openPostgres, openSqlite, type Db } from '../store/db.ts';
import { verifyAuditChain, type AuditHead } from './verify.ts';

/**
 * `npm run audit:verify` (tsx server/audit/verify-cli.ts [--expect-head SEQ:HASH])
 *
 * Checks the audit log's hash chain in the database the server would use (DATABASE_URL, else
 * <KASANE_DATA_DIR>/kasane.sqlite) for the periodic review the medical-information guideline asks
 * for. Read-only: no migrations, no seeding. Safe while the server runs (SQLite WAL lets a reader
 * proceed beside the writer; on PostgreSQL it is an ordinary reader).
 *
 * Prints `audit log OK: N entries, head SEQ HASH` and exits 0, or
 * `audit log BROKEN at seq N: reason` and exits 1. Exits 2 when it could not check at all
 * (no database, unreadable table), so monitoring can tell "tampered" from "not checked".
 *
 * Keep the printed head somewhere outside the database; passing it back with --expect-head also
 * catches a truncated or rewritten tail, which the chain alone cannot reveal.
 */

function parseExpectHead(argv: string[]): AuditHead | undefined {
  const i = argv.indexOf('--expect-head');
  if (i < 0) return undefined;
  const match = /^(\d+):([0-9a-f]{64})$/.exec(argv[i + 1] ?? '');
  if (!match) throw new UsageError('--expect-head takes SEQ:HASH, as printed by an earlier run');
  return { seq: Number(match[1]), hash: match[2]! };
}

class UsageError extends Error {}

function openFromEnv(): { db: Db; where: string } {
  const config = configFromEnv();
  if (config.databaseUrl) return { db: openPostgres(config.databaseUrl), where: 'PostgreSQL (DATABASE_URL)' };
  const file = join(config.dataDir, 'kasane.sqlite');
  // openSqlite would create an empty database; an empty log verifies "OK", which would mislead.
  if (!existsSync(file)) throw new UsageError(`no database at ${file} (set KASANE_DATA_DIR or DATABASE_URL)`);
  return { db: openSqlite(file), where: file };
}

async function main(): Promise<number> {
  let db: Db | undefined;
  try {
    const expectHead = parseExpectHead(process.argv.slice(2));
    const opened = openFromEnv();
    db = opened.db;
    const result = await verifyAuditChain(db, { expectHead });
    if (result.ok) {
      const head = result.head ? `${result.head.seq} ${result.head.hash}` : 'none';
      console.log(`audit log OK: ${result.count} entries, head ${head}`);
      return 0;
    }
    console.log(`audit log BROKEN at seq ${result.brokenAtSeq}: ${result.reason}`);
    return 1;
  } catch (error) {
    console.error(`audit log NOT CHECKED: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  } finally {
    await db?.destroy().catch(() => undefined);
  }
}

process.exitCode = await main();
