import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { FIRST, holdFirstMeeting } from '../records/scenario.ts';
import { enforceRetention } from '../../server/admin/retention.ts';
import { verifyAuditChain } from '../../server/audit/verify.ts';

/**
 * Retention of meeting records (settings: 会議記録の保存年数): counted from April 1st of the fiscal
 * year after the case's 終結, the record of every closed meeting of the case goes, approved or
 * not; that the meeting took place stays for the indicators; cases not ended keep everything.
 */
describe('retention: meeting records of ended cases', () => {
  let server: TestServer;
  let tanaka: string;
  const rows = async (table: 'meeting_snapshots' | 'meeting_records' | 'meeting_annotations' | 'record_text_fts' | 'meeting_attendance', meetingId = FIRST) =>
    (await server.deps.db.selectFrom(table).select('meeting_id').where('meeting_id', '=', meetingId).execute()).length;

  beforeAll(async () => {
    server = await startTestServer();
    tanaka = await login(server.url, 'tanaka');
    await holdFirstMeeting(server);
    expect((await api(server.url, tanaka, 'POST', `/api/meetings/${FIRST}/approve`)).status).toBe(200);
    expect((await api(server.url, tanaka, 'POST', `/api/meetings/${FIRST}/annotations`, { text: '期限を延長' })).status).toBe(201);
    // Audit entries have their own period; keep them out of this test's way.
    await server.deps.db.updateTable('municipality_settings').set({ record_retention_years: 5, audit_retention_years: 100 }).where('id', '=', 1).execute();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('an approved record cannot be deleted by hand, retention or not', async () => {
    await expect(server.deps.db.deleteFrom('meeting_snapshots').where('meeting_id', '=', FIRST).execute()).rejects.toThrow(/immutable/);
    await expect(server.deps.db.deleteFrom('meeting_annotations').where('meeting_id', '=', FIRST).execute()).rejects.toThrow(/append-only/);
    expect(await rows('meeting_snapshots')).toBeGreaterThan(0);
  });

  it('keeps the records of a case that is active or only suspended, however old', async () => {
    const suspended = await api(server.url, tanaka, 'POST', '/api/cases/case-yamada/status', { status: 'suspended', reasonCode: 'contact_lost', effectiveDate: '2026-12-03' });
    expect(suspended.status).toBe(200);
    expect(await enforceRetention(server.deps, new Date('2099-01-01T00:00:00Z'))).toMatchObject({ meetingIds: [] });
    expect(await rows('meeting_snapshots')).toBeGreaterThan(0);
  });

  it('removes them from April 1st (Japan time) of the fiscal year after 終結 plus the period, and audits it', async () => {
    const ended = await api(server.url, tanaka, 'POST', '/api/cases/case-yamada/status', { status: 'ended', reasonCode: 'goal_attained', effectiveDate: '2026-12-03' });
    expect(ended.status).toBe(200);
    const before = await (await api(server.url, tanaka, 'GET', `/api/meetings/${FIRST}/record`)).json();
    expect(before.docs.length).toBeGreaterThan(0);
    const search = async () => (await (await api(server.url, tanaka, 'GET', `/api/search?q=${encodeURIComponent('介護保険サービス')}`)).json()).hits;
    expect((await search()).length).toBeGreaterThan(0);

    // Ended in FY2026 (令和8年度), five years: kept through 2032-03-31 in Japan, gone on 2032-04-01.
    expect(await enforceRetention(server.deps, new Date('2032-03-31T14:59:59Z'))).toMatchObject({ meetingIds: [] });
    expect(await rows('meeting_snapshots')).toBeGreaterThan(0);
    expect(await enforceRetention(server.deps, new Date('2032-03-31T15:00:00Z'))).toMatchObject({ meetingIds: [FIRST] });

    for (const table of ['meeting_snapshots', 'meeting_records', 'meeting_annotations', 'record_text_fts', 'meeting_attendance'] as const) {
      expect(await rows(table), table).toBe(0);
    }
    expect(await server.deps.db.selectFrom('doc_updates').select('id').where('doc_name', '=', `meeting/${FIRST}`).execute()).toEqual([]);
    const tomb = await server.deps.db.selectFrom('purged_records').selectAll().where('meeting_id', '=', FIRST).executeTakeFirstOrThrow();
    expect(tomb).toMatchObject({ case_id: 'case-yamada', retention_years: 5, case_ended_on: '2026-12-03' });

    // What the coordinator sees: the record is gone, and why; searching finds nothing of it.
    const after = await api(server.url, tanaka, 'GET', `/api/meetings/${FIRST}/record`);
    expect(after.status).toBe(410);
    expect((await after.json()).message).toMatch(/保存期間 \(ケースの終結 令和8年12月3日\(木\) の翌年度から5年\) を過ぎたため、令和14年4月1日\(木\)に削除されました/);
    // Someone who was never in the meeting still learns nothing, not even that it had a record.
    const watanabe = await login(server.url, 'watanabe');
    expect((await api(server.url, watanabe, 'GET', `/api/meetings/${FIRST}/record`)).status).toBe(404);
    expect(await search()).toEqual([]);

    // That the meeting was held still counts in its fiscal year.
    const fy = Number((await server.deps.db.selectFrom('meetings').select('scheduled_at').where('id', '=', FIRST).executeTakeFirstOrThrow()).scheduled_at.slice(0, 4));
    const ind = await (await api(server.url, tanaka, 'GET', `/api/indicators?fy=${fy}`)).json();
    const ind2 = await (await api(server.url, tanaka, 'GET', `/api/indicators?fy=${fy - 1}`)).json();
    const held = [...ind.meetingsByKind, ...ind2.meetingsByKind].find((k: { kindId: string; count: number }) => k.kindId === 'jusoteki' && k.count > 0);
    expect(held).toBeTruthy();

    const log = await (await api(server.url, tanaka, 'GET', '/api/audit?action=records.purged&caseId=case-yamada')).json();
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0].detail).toMatchObject({ meetingIds: [FIRST], caseEndedOn: '2026-12-03', retentionYears: 5 });
    expect(await verifyAuditChain(server.deps.db)).toMatchObject({ ok: true });

    // A second run finds nothing more to do.
    expect(await enforceRetention(server.deps, new Date('2033-01-01T00:00:00Z'))).toMatchObject({ meetingIds: [] });
  });
});
