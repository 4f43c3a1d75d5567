import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket, waitUntil } from '../helpers/ws.ts';
import { docOf, framesContain } from '../helpers/scenario.ts';

const CTX = 'meeting:meeting-yamada-1';
const haruHealthClinic = docOf('p-haru', 'health', 'org-clinic');
const haruFinances = docOf('p-haru', 'finances', 'org-konkyu');

/**
 * Issue 8 rule 10: sockets are closed first, the audit entry and the bus message come after, and
 * neither failing can keep a socket open. Here the audit store and the bus both fail during a
 * withdrawal; the attacker's side (sato, tanaka on raw sockets) must be shut out all the same.
 */
describe('a failing audit store or bus never leaves a socket open', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('withdrawal while the audit store and the bus throw: the sockets close, the API answers, nothing more arrives', async () => {
    const tanaka = await login(server.url, 'tanaka');
    const sato = await login(server.url, 'sato');
    const satoClinic = rawSocket(server.url, haruHealthClinic, { cookie: sato, ctx: CTX });
    const tanakaFinances = rawSocket(server.url, haruFinances, { cookie: tanaka, ctx: CTX });
    await waitUntil(() => satoClinic.frames.length > 0 && tanakaFinances.frames.length > 0);

    const { audit, bus } = server.deps;
    const originalRecord = audit.record.bind(audit);
    const originalPublish = bus.publish.bind(bus);
    const failedAudits: string[] = [];
    let failedPublishes = 0;
    audit.record = async (event) => {
      failedAudits.push(event.action);
      throw new Error('audit store unavailable (test)');
    };
    bus.publish = async () => {
      failedPublishes += 1;
      throw new Error('bus unavailable (test)');
    };
    try {
      const res = await api(server.url, tanaka, 'POST', '/api/cases/case-yamada/persons/p-haru/consents', {
        status: 'withdrawn',
        method: 'written',
        validFrom: null,
        validUntil: null,
        scope: [],
        note: '全面撤回',
      });
      expect(res.status).toBe(201);
      expect(await satoClinic.closed).toEqual({ code: 4410, reason: 'access withdrawn' });
      expect(await tanakaFinances.closed).toEqual({ code: 4410, reason: 'access withdrawn' });
      // The failures really happened, after the closes: the change's own entry and one per socket.
      expect(failedAudits).toContain('consent.changed');
      expect(failedAudits.filter((a) => a === 'doc.revoked').length).toBeGreaterThanOrEqual(2);
      expect(failedPublishes).toBeGreaterThanOrEqual(1);
    } finally {
      audit.record = originalRecord;
      bus.publish = originalPublish;
    }

    // The server kept running and keeps refusing: the retry gets the one refusal and no byte.
    const retry = rawSocket(server.url, haruHealthClinic, { cookie: sato, ctx: CTX });
    expect((await retry.closed).code).toBe(4404);
    expect(retry.frames).toHaveLength(0);
    expect(framesContain(satoClinic.frames, '撤回')).toBe(false);
  });

  it('a store failure while deciding closes the socket (fail closed, as a transient error the client retries)', async () => {
    const ito = await login(server.url, 'ito');
    const own = rawSocket(server.url, haruHealthClinic, { cookie: ito, ctx: CTX });
    await waitUntil(() => own.frames.length > 0);
    const { db } = server.deps;
    const originalSelect = db.selectFrom.bind(db);
    (db as { selectFrom: unknown }).selectFrom = () => {
      throw new Error('store unavailable (test)');
    };
    try {
      await server.expiryWatch.tick().catch(() => undefined);
    } finally {
      (db as { selectFrom: unknown }).selectFrom = originalSelect;
    }
    expect((await own.closed).code).toBe(1011);
  });
});
