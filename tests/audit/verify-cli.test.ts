import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../server/store/db.ts';
import { migrateToLatest } from '../../server/store/migrate.ts';
import { KyselyAuditLog } from '../../server/audit/audit-store.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { createTempPostgres } from './postgres.ts';

/** `npm run audit:verify` as an operator runs it: a separate process, configured from env. */
const TSX = resolve('node_modules/.bin/tsx');
const CLI = resolve('server/audit/verify-cli.ts');

function runCli(env: Record<string, string>, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(TSX, [CLI, ...args], { env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

const events = (log: KyselyAuditLog, n: number) =>
  Promise.all(Array.from({ length: n }, (_, i) => log.record({ actorUserId: 'u-sato', action: 'doc.opened', caseId: 'case-yamada', detail: { i } })));

describe('audit:verify on the SQLite file of a running server', () => {
  let server: TestServer;
  let audit: KyselyAuditLog;
  beforeAll(async () => {
    server = await startTestServer();
    audit = new KyselyAuditLog(server.deps.db);
    await events(audit, 20);
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('exits 0 and prints the count and head while the server keeps running', async () => {
    const head = (await audit.head())!;
    const { code, stdout } = await runCli({ KASANE_DATA_DIR: server.dataDir });
    expect(stdout.trim()).toBe(`audit log OK: ${head.seq} entries, head ${head.seq} ${head.hash}`);
    expect(code).toBe(0);
  });

  it('exits 1 and names the seq after a row was edited directly in the database', async () => {
    const seq = (await audit.head())!.seq - 5;
    await server.deps.db.updateTable('audit_log').set({ actor_user_id: 'u-admin' }).where('seq', '=', seq).execute();
    const { code, stdout } = await runCli({ KASANE_DATA_DIR: server.dataDir });
    expect(stdout).toContain(`audit log BROKEN at seq ${seq}:`);
    expect(code).toBe(1);
    await server.deps.db.updateTable('audit_log').set({ actor_user_id: 'u-sato' }).where('seq', '=', seq).execute();
  });

  it('--expect-head catches a cut-off tail that the chain alone cannot show', async () => {
    const head = (await audit.head())!;
    await server.deps.db.deleteFrom('audit_log').where('seq', '=', head.seq).execute();
    expect((await runCli({ KASANE_DATA_DIR: server.dataDir })).code).toBe(0);
    const { code, stdout } = await runCli({ KASANE_DATA_DIR: server.dataDir }, ['--expect-head', `${head.seq}:${head.hash}`]);
    expect(stdout).toContain(`audit log BROKEN at seq ${head.seq}:`);
    expect(code).toBe(1);
  });

  it('exits 2, without creating a database, when there is none to check', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'kasane-noaudit-'));
    try {
      const { code, stderr } = await runCli({ KASANE_DATA_DIR: empty });
      expect(stderr).toContain('NOT CHECKED: no database at');
      expect(code).toBe(2);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('audit:verify on PostgreSQL (DATABASE_URL)', () => {
  it('exits 0 on an intact chain and 1 with the seq after tampering', async () => {
    const temp = await createTempPostgres('kasane_audit_cli');
    const db = openPostgres(temp.url);
    try {
      await migrateToLatest(db);
      const audit = new KyselyAuditLog(db);
      await events(audit, 10);
      const ok = await runCli({ DATABASE_URL: temp.url });
      expect(ok.stdout).toContain('audit log OK: 10 entries, head 10 ');
      expect(ok.code).toBe(0);
      await db.deleteFrom('audit_log').where('seq', '=', 4).execute();
      const broken = await runCli({ DATABASE_URL: temp.url });
      expect(broken.stdout).toContain('audit log BROKEN at seq 4: entry 4 missing');
      expect(broken.code).toBe(1);
    } finally {
      await db.destroy();
      await temp.drop();
    }
  });
});
