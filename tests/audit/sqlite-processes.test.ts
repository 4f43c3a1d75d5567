import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { openSqlite } from '../../server/store/db.ts';
import { migrateToLatest } from '../../server/store/migrate.ts';
import { KyselyAuditLog } from '../../server/audit/audit-store.ts';

const TSX = resolve('node_modules/.bin/tsx');
const WORKER = resolve('tests/audit/append-worker.ts');

function worker(file: string, count: number, tag: string): Promise<{ code: number; stderr: string }> {
  return new Promise((done) => {
    execFile(TSX, [WORKER, file, String(count), tag], { timeout: 30_000 }, (error, _stdout, stderr) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stderr }),
    );
  });
}

/**
 * SQLite has no second node, but an operator's script or a second server process on the same
 * file is possible. Each process has its own queue; only BEGIN IMMEDIATE (the database's write
 * lock, taken before reading the tail) keeps them from chaining onto the same row.
 */
it('appends from three processes on one SQLite file keep a single chain', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasane-audit-procs-'));
  const file = join(dir, 'kasane.sqlite');
  const db = openSqlite(file);
  try {
    await migrateToLatest(db);
    const local = new KyselyAuditLog(db);
    // This process keeps appending for as long as the two workers run, so all three overlap.
    let running = true;
    const localWrites = (async () => {
      let n = 0;
      while (running) {
        await local.record({ actorUserId: null, action: 'doc.opened', detail: { tag: 'local', n: n++ } });
        await new Promise((r) => setTimeout(r, 2));
      }
      return n;
    })();
    localWrites.catch(() => undefined); // awaited below; keeps an early failure from going unhandled
    const [a, b] = await Promise.all([worker(file, 150, 'a'), worker(file, 150, 'b')]);
    running = false;
    const n = await localWrites;
    expect(a, a.stderr).toMatchObject({ code: 0 });
    expect(b, b.stderr).toMatchObject({ code: 0 });
    expect(n).toBeGreaterThan(0);
    expect(await local.verify()).toMatchObject({ ok: true, count: 300 + n });
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
});
