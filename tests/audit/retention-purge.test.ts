import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, openSqlite, type Db } from '../../server/store/db.ts';
import { migrateToLatest } from '../../server/store/migrate.ts';
import { prepareInstallation } from '../../server/seed/going-live.ts';
import { KyselyAuditLog } from '../../server/audit/audit-store.ts';
import { verifyAuditChain } from '../../server/audit/verify.ts';
import { enforceRetention } from '../../server/admin/retention.ts';
import type { Deps } from '../../server/deps.ts';
import { createTempPostgres } from './postgres.ts';

/**
 * Retention removes the oldest audit entries (settings: 監査ログの保存年数, counted from April 1st
 * of the fiscal year after the entry's). The chain must keep verifying, through the same
 * `npm run audit:verify` an operator runs, while removing old rows by hand must still show.
 */
const TSX = resolve('node_modules/.bin/tsx');
const CLI = resolve('server/audit/verify-cli.ts');
function auditVerify(env: Record<string, string>, args: string[] = []): Promise<{ code: number; stdout: string }> {
  return new Promise((done) => {
    execFile(TSX, [CLI, ...args], { env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 30_000 }, (error, stdout) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout });
    });
  });
}

interface Target {
  db: Db;
  env: Record<string, string>;
  teardown(): Promise<void>;
}

function purgeSuite(name: string, setup: () => Promise<Target>) {
  describe(name, () => {
    let target: Target;
    let db: Db;
    let clock = new Date();
    let audit: KyselyAuditLog;
    let deps: Deps;
    let firstHead: { seq: number; hash: string };
    const seqs = async () => (await db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));
    const at = (iso: string, n: number, tag: string) => {
      clock = new Date(iso);
      return Promise.all(Array.from({ length: n }, (_, i) => audit.record({ actorUserId: null, action: 'doc.opened', docName: `${tag}/${i}`, detail: { i } })));
    };

    beforeAll(async () => {
      target = await setup();
      db = target.db;
      await migrateToLatest(db);
      await prepareInstallation(db, { demo: false, sessionTtlSeconds: 3600 });
      await db.updateTable('municipality_settings').set({ audit_retention_years: 5 }).where('id', '=', 1).execute();
      audit = new KyselyAuditLog(db, { now: () => clock });
      // Only db and audit are used by retention; a database without cases has no records to remove.
      deps = { db, audit } as unknown as Deps;
      await at('2019-03-31T14:00:00Z', 3, 'fy2018'); // 23:00 on March 31st 2019 in Japan: 平成30年度
      await at('2020-06-01T00:00:00Z', 4, 'fy2020');
      await at('2021-03-31T15:00:00Z', 2, 'fy2021'); // 00:00 on April 1st 2021 in Japan: 令和3年度
      await at('2026-05-01T00:00:00Z', 3, 'fy2026');
    });
    afterAll(async () => {
      await target.teardown();
    });

    it('keeps everything until the period has run: 5 years from April 1st after the entry’s fiscal year', async () => {
      firstHead = (await audit.head())!;
      // The FY2018 entries go on 2024-04-01 (2018 + 1 + 5); a second before, in Japan, they are kept.
      expect(await enforceRetention(deps, new Date('2024-03-31T14:59:59Z'))).toMatchObject({ auditRemoved: 0 });
      expect(await seqs()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    });

    it('removes the oldest entries, appends an audit.purged entry, and the chain verifies from its anchor', async () => {
      // 2024-04-01 00:00 in Japan (FY2024): the FY2018 entries are past five years; FY2020's are not.
      clock = new Date('2024-03-31T15:00:00Z');
      expect(await enforceRetention(deps, clock)).toMatchObject({ auditRemoved: 3 });
      expect((await seqs())[0]).toBe(4);
      const anchor = await db.selectFrom('audit_anchor').selectAll().executeTakeFirstOrThrow();
      expect(Number(anchor.seq)).toBe(3);
      const purge = (await audit.query({ action: 'audit.purged', limit: 5 }))[0]!;
      expect(purge.seq).toBe(13);
      expect(purge.detail).toMatchObject({ removed: 3, throughSeq: 3, anchorHash: anchor.hash, retentionYears: 5, cutoff: '2019-03-31T15:00:00.000Z' });
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count: 10 });
      const cli = await auditVerify(target.env);
      expect(cli.stdout).toMatch(/^audit log OK: 10 entries, head 13 [0-9a-f]{64}/);
      expect(cli.code).toBe(0);
      // A head recorded before the purge (kept outside the database) still checks out.
      expect((await auditVerify(target.env, ['--expect-head', `${firstHead.seq}:${firstHead.hash}`])).code).toBe(0);
    });

    it('removing more old rows by hand still shows as tampering, even with the anchor moved to match', async () => {
      const row4 = await db.selectFrom('audit_log').selectAll().where('seq', '=', 4).executeTakeFirstOrThrow();
      await db.deleteFrom('audit_log').where('seq', '=', 4).execute();
      const gap = await auditVerify(target.env);
      expect(gap.stdout).toContain('audit log BROKEN at seq 4: entry 4 missing');
      expect(gap.code).toBe(1);
      // The attacker also moves the anchor onto the row they removed: the purge entry disagrees.
      const before = await db.selectFrom('audit_anchor').selectAll().executeTakeFirstOrThrow();
      await db.updateTable('audit_anchor').set({ seq: 4, hash: row4.hash }).where('id', '=', 1).execute();
      const moved = await auditVerify(target.env);
      expect(moved.stdout).toMatch(/audit log BROKEN at seq 5: .*no retention entry \(audit\.purged\) names that anchor/);
      expect(moved.code).toBe(1);
      await db.updateTable('audit_anchor').set({ seq: before.seq, hash: before.hash }).where('id', '=', 1).execute();
      await db.insertInto('audit_log').values(row4).execute();
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    });

    it('without its anchor the purged chain reports the missing entries', async () => {
      const anchor = await db.selectFrom('audit_anchor').selectAll().executeTakeFirstOrThrow();
      await db.deleteFrom('audit_anchor').execute();
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAtSeq: 1 });
      await db.insertInto('audit_anchor').values(anchor).execute();
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    });

    it('later purges move the anchor on, and appends keep chaining onto the purge entry', async () => {
      // FY2030: everything before 2025-04-01 in Japan is past: the FY2020 and FY2021 entries (4–9).
      // The first purge entry (seq 13) stays: only a prefix goes, and it comes after the FY2026 entries.
      expect(await enforceRetention(deps, new Date('2030-04-01T00:00:00Z'))).toMatchObject({ auditRemoved: 6 });
      expect(await seqs()).toEqual([10, 11, 12, 13, 14]);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
      // Everything is old: only the new purge entry is left, and the next entry chains onto it.
      clock = new Date('2040-04-01T00:00:00Z');
      expect(await enforceRetention(deps, clock)).toMatchObject({ auditRemoved: 5 });
      await audit.record({ actorUserId: null, action: 'auth.login_failed', detail: {} });
      expect(await seqs()).toEqual([15, 16]);
      const cli = await auditVerify(target.env);
      expect(cli.stdout).toMatch(/^audit log OK: 2 entries, head 16 /);
      expect(cli.code).toBe(0);
    });
  });
}

purgeSuite('audit retention on SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kasane-purge-'));
  const db = openSqlite(join(dir, 'kasane.sqlite'));
  return {
    db,
    env: { KASANE_DATA_DIR: dir },
    async teardown() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

purgeSuite('audit retention on PostgreSQL', async () => {
  const temp = await createTempPostgres('kasane_purge');
  const db = openPostgres(temp.url);
  return {
    db,
    env: { DATABASE_URL: temp.url },
    async teardown() {
      await db.destroy();
      await temp.drop();
    },
  };
});
