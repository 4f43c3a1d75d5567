import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';

/**
 * 中断 and 終結 reach the indicators: cases counted by end state and reason category in the fiscal
 * year of the date the coordinator gave (April–March), through the same route the screen uses.
 */
describe('indicators: cases ended and suspended, by reason', () => {
  let server: TestServer;
  let tanaka: string;
  beforeAll(async () => {
    server = await startTestServer();
    tanaka = await login(server.url, 'tanaka');
    const now = new Date().toISOString();
    for (const id of ['end-a', 'end-b', 'end-c', 'end-d', 'end-e']) {
      await server.deps.db.insertInto('cases').values({ id, title: id, coordinator_user_id: 'u-tanaka', legal_basis: 'consent', created_at: now }).execute();
      await server.deps.db.insertInto('case_coordinators').values({ case_id: id, user_id: 'u-tanaka', assigned_at: now, assigned_by: null }).execute();
    }
  });
  afterAll(async () => {
    await server.dispose();
  });

  const change = (caseId: string, status: string, reasonCode: string | null, effectiveDate: string, reason = '') =>
    api(server.url, tanaka, 'POST', `/api/cases/${caseId}/status`, { status, reasonCode, reason, effectiveDate });

  it('refuses a 中断 or 終結 without a reason category of its own kind, and a 再開 without a reason', async () => {
    for (const [status, code] of [['ended', null], ['ended', 'contact_lost'], ['suspended', 'goal_attained'], ['suspended', 'no_such_reason']] as const) {
      const res = await change('end-e', status, code, '2024-05-01');
      expect(res.status, `${status} ${code}`).toBe(400);
      expect((await res.json()).message).toMatch(/理由の区分/);
    }
    const lifecycle = await (await api(server.url, tanaka, 'GET', '/api/cases/end-e/lifecycle')).json();
    expect(lifecycle).toMatchObject({ status: 'active', history: [] }); // nothing was stored
  });

  it('counts each case once per state in the fiscal year of its date, under its last reason', async () => {
    // end-a: suspended (contact lost), resumed, suspended again (in hospital), then ended (goals attained) on the year's last day.
    for (const [status, code, date] of [
      ['suspended', 'contact_lost', '2024-05-01'],
      ['active', null, '2024-06-01'],
      ['suspended', 'hospitalised', '2024-09-01'],
      ['ended', 'goal_attained', '2025-03-31'],
    ] as const) {
      expect((await change('end-a', status, code, date, status === 'active' ? '連絡が取れたため再開' : '')).status).toBe(200);
    }
    // end-b: suspended on the year's first day, ended on the next year's first day (FY2025).
    expect((await change('end-b', 'suspended', 'person_refused', '2024-04-01')).status).toBe(200);
    expect((await change('end-b', 'ended', 'moved_away', '2025-04-01', '市外へ転居')).status).toBe(200);
    // end-c: ended the day before the year began (FY2023).
    expect((await change('end-c', 'ended', 'handed_over', '2024-03-31')).status).toBe(200);
    // end-d: ended in the year because of death.
    expect((await change('end-d', 'ended', 'deceased', '2024-12-24')).status).toBe(200);

    const ind = await (await api(server.url, tanaka, 'GET', '/api/indicators?fy=2024')).json();
    const counts = (rows: { label: string; count: number }[]) => Object.fromEntries(rows.filter((r) => r.count > 0).map((r) => [r.label, r.count]));
    expect(ind.caseEnds.ended.total).toBe(2);
    expect(counts(ind.caseEnds.ended.byReason)).toEqual({ 目標達成: 1, 死亡: 1 });
    expect(ind.caseEnds.suspended.total).toBe(2);
    // end-a's last suspension counts (入院・入所), not its first.
    expect(counts(ind.caseEnds.suspended.byReason)).toEqual({ '入院・入所': 1, 本人が支援を拒否: 1 });
    expect(ind.caseEnds.resumed).toBe(1);
    // Every category is listed, so a report shows its zeros.
    expect(ind.caseEnds.ended.byReason.map((r: { label: string }) => r.label)).toEqual(['目標達成', '他の支援機関へ引継ぎ', '転居', '死亡', '本人の意思による終了', 'その他']);

    const next = await (await api(server.url, tanaka, 'GET', '/api/indicators?fy=2025')).json();
    expect(counts(next.caseEnds.ended.byReason)).toEqual({ 転居: 1 });
    expect(next.caseEnds.suspended.total).toBe(0);
    const before = await (await api(server.url, tanaka, 'GET', '/api/indicators?fy=2023')).json();
    expect(counts(before.caseEnds.ended.byReason)).toEqual({ 他の支援機関へ引継ぎ: 1 });

    const csv = await (await api(server.url, tanaka, 'GET', '/api/indicators?fy=2024&format=csv')).text();
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toContain('終結したケース数,,2');
    expect(lines).toContain('終結の理由,目標達成,1');
    expect(lines).toContain('終結の理由,転居,0');
    expect(lines).toContain('中断したケース数,,2');
    expect(lines).toContain('中断の理由,入院・入所,1');
    expect(lines).toContain('中断から再開したケース数,,1');
  });

  it('shows the reason category in the case’s own history', async () => {
    const lifecycle = await (await api(server.url, tanaka, 'GET', '/api/cases/end-b/lifecycle')).json();
    expect(lifecycle.history.map((h: { status: string; reasonCode: string; reason: string }) => [h.status, h.reasonCode, h.reason])).toEqual([
      ['ended', 'moved_away', '市外へ転居'],
      ['suspended', 'person_refused', ''],
    ]);
  });
});
