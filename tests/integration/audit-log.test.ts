import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Db } from '../../server/store/db.ts';
import { migrateToLatest } from '../../server/store/migrate.ts';
import { seedDemoIfEmpty } from '../../server/seed/demo.ts';
import { KyselyAuditLog } from '../../server/audit/audit-store.ts';
import type { AuditPage } from '../../shared/api/audit.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { login } from '../helpers/http.ts';
import { rawSocket, waitUntil } from '../helpers/ws.ts';
import { auditStoreContract } from '../audit/store-contract.ts';
import { createTempPostgres } from '../audit/postgres.ts';

auditStoreContract('audit store on SQLite (the test server’s own database)', async () => {
  const server = await startTestServer();
  return {
    db: server.deps.db,
    // One process has one SQLite connection; a second KyselyAuditLog has its own queue, so this
    // exercises the database-level serialisation (BEGIN IMMEDIATE), not the in-process queue.
    otherNode: async () => server.deps.db,
    teardown: () => server.dispose(),
  };
});

auditStoreContract('audit store on PostgreSQL (a fresh database per run)', async () => {
  const temp = await createTempPostgres();
  const pools: Db[] = [];
  const open = () => {
    const db = openPostgres(temp.url);
    pools.push(db);
    return db;
  };
  try {
    const db = open();
    await migrateToLatest(db);
    await seedDemoIfEmpty(db);
    return {
      db,
      // A separate pool is what a second node is: only the advisory lock stands between them.
      otherNode: async () => open(),
      teardown: async () => {
        for (const p of pools) await p.destroy();
        await temp.drop();
      },
    };
  } catch (error) {
    for (const p of pools) await p.destroy().catch(() => undefined);
    await temp.drop();
    throw error;
  }
});

describe('GET /api/audit and /api/audit/verify', () => {
  let server: TestServer;
  let audit: KyselyAuditLog;
  const cookies: Record<string, string> = {};
  const OTHER_CASE = 'case-audit-other';

  beforeAll(async () => {
    server = await startTestServer();
    // The server's own audit log and its own HTTP wiring (server/app.ts): nothing rebuilt here.
    expect(server.deps.audit).toBeInstanceOf(KyselyAuditLog);
    audit = server.deps.audit as KyselyAuditLog;
    for (const u of ['admin', 'tanaka', 'sato']) cookies[u] = await login(server.url, u);
    const db = server.deps.db;
    await db.insertInto('cases').values({ id: OTHER_CASE, title: '別ケース', coordinator_user_id: 'u-admin', legal_basis: 'consent', created_at: new Date().toISOString() }).execute();
    await audit.record({ actorUserId: 'u-sato', action: 'doc.opened', caseId: 'case-yamada', docName: 'meeting/meeting-yamada-1' });
    await audit.record({ actorUserId: 'u-admin', action: 'doc.opened', caseId: OTHER_CASE, docName: 'meeting/x' });
    await audit.record({ actorUserId: 'u-tanaka', action: 'doc.denied', caseId: OTHER_CASE, detail: { reason: 'no_consent' } });
  });
  afterAll(async () => {
    await server.dispose();
  });

  /** path '/…' is the list (mounted at /api/audit, no trailing slash), '/verify' the check. */
  const get = (path: string, user?: string) =>
    fetch(`${server.url}/api/audit${path.replace(/^\/(?=\?|$)/, '')}`, { headers: user ? { cookie: cookies[user]! } : {} });

  it('401 without a session, 403 for a member (even with a malformed query)', async () => {
    const anon = await get('/');
    expect(anon.status).toBe(401);
    expect((await anon.json()).error).toBe('unauthenticated');
    for (const path of ['/', '/?limit=abc', '/verify']) {
      const res = await get(path, 'sato');
      expect(res.status, path).toBe(403);
      const body = await res.json();
      expect(body.error).toBe('forbidden');
      expect(body.message).toMatch(/監査ログ|管理者/);
    }
  });

  it('an administrator sees every entry, newest first, with actor names', async () => {
    const res = await get('/?limit=500', 'admin');
    expect(res.status).toBe(200);
    const page: AuditPage = await res.json();
    const seqs = page.entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const ours = page.entries.filter((e) => e.action === 'doc.opened' || e.action === 'doc.denied');
    expect(ours.map((e) => `${e.actorName}:${e.caseId}`)).toEqual([`田中 美咲:${OTHER_CASE}`, `管理者 一郎:${OTHER_CASE}`, '佐藤 健一:case-yamada']);
    expect(ours[0]!.detail).toEqual({ reason: 'no_consent' });
    expect(ours[0]).not.toHaveProperty('prevHash');
  });

  it('a facilitator sees the cases they coordinate and their own entries only', async () => {
    const page: AuditPage = await (await get('/', 'tanaka')).json();
    const keys = page.entries.map((e) => `${e.actorUserId}:${e.action}:${e.caseId}`);
    expect(keys).toContain('u-sato:doc.opened:case-yamada');
    expect(keys).toContain(`u-tanaka:doc.denied:${OTHER_CASE}`);
    expect(keys).not.toContain(`u-admin:doc.opened:${OTHER_CASE}`);
    const filtered: AuditPage = await (await get(`/?caseId=${OTHER_CASE}&userId=u-admin`, 'tanaka')).json();
    expect(filtered.entries).toEqual([]);
  });

  it('filters and pages through query parameters', async () => {
    const first: AuditPage = await (await get('/?action=doc.opened&limit=1', 'admin')).json();
    expect(first.entries.map((e) => e.actorUserId)).toEqual(['u-admin']);
    expect(first.nextBeforeSeq).toBe(first.entries[0]!.seq);
    const second: AuditPage = await (await get(`/?action=doc.opened&limit=1&beforeSeq=${first.nextBeforeSeq}`, 'admin')).json();
    expect(second.entries.map((e) => e.actorUserId)).toEqual(['u-sato']);
    expect(second.nextBeforeSeq).toBeNull();
    const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10); // Japan's date
    const period: AuditPage = await (await get(`/?from=${today}&to=${today}&userId=u-sato&action=doc.opened`, 'admin')).json();
    expect(period.entries).toHaveLength(1);
    const past: AuditPage = await (await get('/?from=2020-01-01&to=2020-12-31', 'admin')).json();
    expect(past.entries).toEqual([]);
  });

  it('bad input is 400 with a message naming the parameter in Japanese and English', async () => {
    const cases: [string, RegExp][] = [
      ['?limit=501', /limit.*1〜500.*integer from 1 to 500/],
      ['?limit=0', /limit/],
      ['?limit=2.5', /limit/],
      ['?beforeSeq=-1', /beforeSeq.*positive/],
      ['?from=yesterday', /from.*ISO date/],
      ['?to=2026-02-30', /to/],
      ['?from=2026-01-01T00:00:00', /from/], // a time without an offset is ambiguous
      ['?action=doc.deleted', /action.*unknown action/],
      ['?from=2026-02-01&to=2026-01-01', /from.*not be after/],
    ];
    for (const [query, message] of cases) {
      const res = await get(`/${query}`, 'admin');
      expect(res.status, query).toBe(400);
      const body = await res.json();
      expect(body.error, query).toBe('invalid_request');
      expect(body.message, query).toMatch(message);
    }
  });

  it('reading the log is itself logged', async () => {
    await get(`/?caseId=case-yamada`, 'tanaka');
    const [entry] = await audit.query({ limit: 1, action: 'audit.queried' });
    expect(entry).toMatchObject({ actorUserId: 'u-tanaka', caseId: 'case-yamada' });
    expect(entry!.detail).toMatchObject({ filter: { caseId: 'case-yamada', limit: 100 } });
  });

  it('/verify: administrators only; reports ok with the head, then the broken seq after tampering', async () => {
    expect((await get('/verify', 'tanaka')).status).toBe(403);
    const ok = await (await get('/verify', 'admin')).json();
    expect(ok).toMatchObject({ ok: true, head: { seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(ok.count).toBe(ok.head.seq);
    const [target] = await audit.query({ limit: 1, actorUserId: 'u-admin', action: 'doc.opened' });
    const setCase = (caseId: string) => server.deps.db.updateTable('audit_log').set({ case_id: caseId }).where('seq', '=', target!.seq).execute();
    await setCase('case-yamada'); // an attacker moves an entry into another case
    expect(await (await get('/verify', 'admin')).json()).toMatchObject({ ok: false, brokenAtSeq: target!.seq });
    await setCase(OTHER_CASE);
  });

  it('what the server records through deps.audit is what its /api/audit answers', async () => {
    await server.deps.audit.record({ actorUserId: 'u-admin', action: 'preview.as_seen_by', caseId: OTHER_CASE, detail: { as: 'u-sato' } });
    const res = await get('/?action=preview.as_seen_by', 'admin');
    expect(res.status).toBe(200);
    const page: AuditPage = await res.json();
    expect(page.entries.map((e) => e.detail)).toEqual([{ as: 'u-sato' }]);
    // And a socket the server opens is logged by the same wiring, with no test code in between.
    const opened = async () => ((await (await get('/?action=doc.opened&userId=u-tanaka&limit=500', 'admin')).json()) as AuditPage).entries;
    const before = (await opened()).length;
    const s = rawSocket(server.url, 'meeting/meeting-yamada-1', { cookie: cookies.tanaka! });
    await waitUntil(() => s.frames.length > 0, 5000, 'the socket is served');
    s.ws.close();
    let after = await opened();
    for (let i = 0; i < 100 && after.length === before; i++) after = await opened();
    expect(after.length).toBe(before + 1);
    expect(after[0]).toMatchObject({ actorUserId: 'u-tanaka', action: 'doc.opened', caseId: 'case-yamada', docName: 'meeting/meeting-yamada-1' });
  });

  it('appears in the OpenAPI document', async () => {
    const doc = await (await fetch(`${server.url}/api/openapi.json`)).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/audit', '/audit/verify']));
    const params = doc.paths['/audit'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(['caseId', 'userId', 'from', 'to', 'action', 'limit', 'beforeSeq']);
  });
});
