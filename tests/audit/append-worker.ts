import { openSqlite } from '../../server/store/db.ts';
import { KyselyAuditLog } from '../../server/audit/audit-store.ts';

/**
 * A second process appending to the same SQLite file (spawned by sqlite-processes.test.ts).
 * Usage: tsx tests/audit/append-worker.ts <file> <count> <tag>. Exits 1 if any append failed.
 */
const [file, count, tag] = process.argv.slice(2);
const db = openSqlite(file!);
const audit = new KyselyAuditLog(db);
const results = await Promise.allSettled(
  Array.from({ length: Number(count) }, (_, i) => audit.record({ actorUserId: null, action: 'doc.denied', detail: { tag, i } })),
);
const failed = results.filter((r) => r.status === 'rejected');
for (const f of failed.slice(0, 3)) console.error(String((f as PromiseRejectedResult).reason));
await db.destroy();
process.exitCode = failed.length === 0 ? 0 : 1;
