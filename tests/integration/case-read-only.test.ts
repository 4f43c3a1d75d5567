import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { yClient } from '../helpers/ws.ts';
import { sheet } from '../helpers/intake-sheet.ts';

/** 中断 makes the case read-only at once: a live board connection with write drops to read. */
describe('a suspended case is read-only on the board', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  const auditCount = async (action: string, docName: string) =>
    (await server.deps.db.selectFrom('audit_log').select('seq').where('action', '=', action).where('doc_name', '=', docName).execute()).length;

  it('downgrades the facilitator’s open meeting document and drops their later writes', async () => {
    const [sato, tanaka] = await Promise.all([login(server.url, 'sato'), login(server.url, 'tanaka')]);
    const ref = await (await api(server.url, sato, 'POST', '/api/intake/referrals', sheet())).json();
    const { caseId } = await (await api(server.url, tanaka, 'POST', `/api/intake/inbox/${ref.id}/accept`, { title: '髙橋さん世帯' })).json();
    const meeting = await (
      await api(server.url, tanaka, 'POST', `/api/cases/${caseId}/meetings`, { kindId: 'shien', moment: null, title: '支援会議', scheduledAt: new Date(Date.now() + 3600_000).toISOString(), participants: [] })
    ).json();
    expect((await api(server.url, tanaka, 'POST', `/api/meetings/${meeting.id}/state`, { state: 'open' })).status).toBe(200);
    const docName = `meeting/${meeting.id}`;
    const client = yClient(server.url, docName, tanaka);
    await client.synced();

    const suspended = await api(server.url, tanaka, 'POST', `/api/cases/${caseId}/status`, { status: 'suspended', reasonCode: 'contact_lost', reason: '本人と連絡が取れないため中断', effectiveDate: '2026-12-03' });
    expect(suspended.status).toBe(200);
    // Downgraded before the answer came back.
    expect(await auditCount('doc.downgraded', docName)).toBe(1);
    client.doc.getMap('meta').set('probe', 'after suspension');
    await expect.poll(() => auditCount('doc.write_dropped', docName), { timeout: 5000, interval: 50 }).toBeGreaterThan(0);
    client.destroy();
  });
});
