import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { sheet } from '../helpers/intake-sheet.ts';

/** Migration 010 and the intake path on PostgreSQL: the same flow, the other dialect. */
describe('intake on PostgreSQL', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startPostgresTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('submits, accepts, attaches a 同意書 and invites a guest', async () => {
    const [sato, tanaka] = await Promise.all([login(server.url, 'sato'), login(server.url, 'tanaka')]);
    const ref = await (await api(server.url, sato, 'POST', '/api/intake/referrals', sheet())).json();
    const accepted = await api(server.url, tanaka, 'POST', `/api/intake/inbox/${ref.id}/accept`, { title: '髙橋さん世帯' });
    expect(accepted.status).toBe(201);
    const { caseId } = await accepted.json();
    const household = await (await api(server.url, tanaka, 'GET', `/api/cases/${caseId}/household`)).json();
    expect(household.persons).toHaveLength(3);
    const subjectId = household.persons.find((p: { isSubject: boolean }) => p.isSubject).id;
    const consent = await (
      await api(server.url, tanaka, 'POST', `/api/cases/${caseId}/persons/${subjectId}/consents`, { status: 'granted', method: 'written', validFrom: '2026-12-01', validUntil: null, scope: [{ category: 'basic', orgId: '*' }] })
    ).json();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const upload = await fetch(`${server.url}/api/cases/${caseId}/consents/${consent.id}/document`, { method: 'POST', headers: { cookie: tanaka, origin: server.url, 'content-type': 'image/png' }, body: png });
    expect(upload.status).toBe(201);
    const back = await api(server.url, tanaka, 'GET', `/api/cases/${caseId}/consents/${consent.id}/document`);
    expect(Buffer.from(await back.arrayBuffer())).toEqual(png);
    expect((await api(server.url, tanaka, 'POST', `/api/cases/${caseId}/support-decision`, { decidedOn: '2026-12-02', approver: '課長' })).status).toBe(201);
    const meeting = await (
      await api(server.url, tanaka, 'POST', `/api/cases/${caseId}/meetings`, { kindId: 'jusoteki', moment: null, title: '重層的支援会議', scheduledAt: new Date(Date.now() + 3600_000).toISOString(), participants: [] })
    ).json();
    const inv = await (await api(server.url, tanaka, 'POST', `/api/meetings/${meeting.id}/invitations`, { role: 'person', personId: subjectId, displayName: '髙橋 和子', mode: 'code' })).json();
    const token = inv.link.replace('/join/', '');
    const joined = await fetch(`${server.url}/api/meeting-invitations/${token}/accept`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ code: inv.code }) });
    expect(joined.status).toBe(200);
    const found = await (await api(server.url, tanaka, 'GET', `/api/case-search?q=${encodeURIComponent('タカハシ')}&stage=consent`)).json();
    expect(found.map((c: { id: string }) => c.id)).toEqual([caseId]);
  });
});
