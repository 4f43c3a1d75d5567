import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket } from '../helpers/ws.ts';

/**
 * つなぐシート from the attacker's side: a member cannot accept, the referring agency sees its
 * referral's status and nothing of the case, the coordinator sees the basic information needed
 * to accept but not the sheet's contents, and duplicates are pointed out.
 */
import { DEBT, REASON, sheet } from '../helpers/intake-sheet.ts';

describe('つなぐシート: submit, inbox, accept', () => {
  let server: TestServer;
  let sato: string;
  let suzuki: string;
  let tanaka: string;
  let referralId: string;
  let caseId: string;

  beforeAll(async () => {
    server = await startTestServer();
    [sato, suzuki, tanaka] = await Promise.all([login(server.url, 'sato'), login(server.url, 'suzuki'), login(server.url, 'tanaka')]);
    const res = await api(server.url, sato, 'POST', '/api/intake/referrals', sheet());
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.status).toBe('received');
    referralId = body.id;
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('refuses a malformed sheet with a clear message and keeps nothing', async () => {
    const res = await api(server.url, sato, 'POST', '/api/intake/referrals', sheet({ reason: '' }));
    expect(res.status).toBe(400);
    expect((await res.json()).message).toContain('紹介の理由');
    const notCoordinating = await api(server.url, sato, 'POST', '/api/intake/referrals', sheet({ toOrgId: 'org-kodomo' }));
    expect(notCoordinating.status).toBe(400);
    const mine = await (await api(server.url, sato, 'GET', '/api/intake/referrals')).json();
    expect(mine).toHaveLength(1);
  });

  it('a member cannot see the inbox nor accept, and gets the same 404 as for an unknown id', async () => {
    expect((await api(server.url, sato, 'GET', '/api/intake/inbox')).status).toBe(404);
    const forbidden = await api(server.url, sato, 'POST', `/api/intake/inbox/${referralId}/accept`, { title: 'x' });
    const unknown = await api(server.url, sato, 'POST', `/api/intake/inbox/ref-nope/accept`, { title: 'x' });
    expect(forbidden.status).toBe(404);
    expect(await forbidden.text()).toBe(await unknown.text());
    expect((await api(server.url, sato, 'POST', `/api/intake/inbox/${referralId}/decline`, { reason: 'x' })).status).toBe(404);
    // Nothing changed: the referral is still waiting.
    const mine = await (await api(server.url, sato, 'GET', '/api/intake/referrals')).json();
    expect(mine[0].status).toBe('received');
  });

  it('another agency does not see this agency’s referrals', async () => {
    const theirs = await (await api(server.url, suzuki, 'GET', '/api/intake/referrals')).json();
    expect(theirs).toEqual([]);
  });

  it('the coordinator sees the basic information to accept, not the sheet’s contents', async () => {
    const res = await api(server.url, tanaka, 'GET', `/api/intake/inbox/${referralId}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('髙橋 和子');
    expect(text).toContain('中央地域包括支援センター');
    expect(text).not.toContain(REASON);
    expect(text).not.toContain(DEBT);
    expect(text).not.toContain('本町');
    expect(text).not.toContain('市外で別居');
  });

  it('accepting creates the case with its household, partnership, legal basis and labelled items', async () => {
    const res = await api(server.url, tanaka, 'POST', `/api/intake/inbox/${referralId}/accept`, { title: '髙橋さん世帯', coordinatorUserIds: [] });
    expect(res.status).toBe(201);
    caseId = (await res.json()).caseId;
    const again = await api(server.url, tanaka, 'POST', `/api/intake/inbox/${referralId}/accept`, { title: '二重' });
    expect(again.status).toBe(409);

    const household = await (await api(server.url, tanaka, 'GET', `/api/cases/${caseId}/household`)).json();
    expect(household.persons.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['髙橋 和子', '髙橋 浩', '髙橋 正']));
    expect(household.persons).toHaveLength(3);
    expect(household.partnerships).toHaveLength(1);
    expect(household.partnerships[0].status).toBe('separated');
    const detail = await (await api(server.url, tanaka, 'GET', `/api/cases/${caseId}`)).json();
    expect(detail.legalBasis).toBe('support_meeting');
    const history = await (await api(server.url, tanaka, 'GET', `/api/cases/${caseId}/legal-basis`)).json();
    expect(history[0].reason).toContain('本人同意なし');

    // The sheet's contents are items supplied by the referring agency, in their categories.
    const rows = await server.deps.db.selectFrom('compartments').select(['category', 'supplier_org_id']).where('case_id', '=', caseId).execute();
    expect(new Set(rows.map((r) => r.supplier_org_id))).toEqual(new Set(['org-houkatsu']));
    expect(new Set(rows.map((r) => r.category))).toEqual(new Set(['basic', 'living', 'finances']));
    // Every item carries the referring agency as supplier, so the policy decides who else sees it.
    expect(rows.length).toBeGreaterThanOrEqual(4);
  });

  it('the referring agency sees the status and cannot read the case it referred', async () => {
    const mine = await (await api(server.url, sato, 'GET', '/api/intake/referrals')).json();
    expect(mine[0].status).toBe('accepted');
    expect(JSON.stringify(mine)).not.toContain(caseId);
    expect((await api(server.url, sato, 'GET', `/api/cases/${caseId}`)).status).toBe(404);
    expect((await api(server.url, sato, 'GET', `/api/cases/${caseId}/household`)).status).toBe(404);
    expect((await api(server.url, sato, 'GET', `/api/cases/${caseId}/coordinators`)).status).toBe(404);
    const [row] = await server.deps.db.selectFrom('compartments').select('doc_name').where('case_id', '=', caseId).where('category', '=', 'finances').execute();
    const socket = rawSocket(server.url, row!.doc_name, { cookie: sato, ctx: `workspace:${caseId}` });
    expect((await socket.closed).code).toBe(4403);
    expect(socket.frames).toHaveLength(0);
  });

  it('a later sheet about the same person in other spellings is flagged as a possible duplicate', async () => {
    const second = await api(
      server.url,
      suzuki,
      'POST',
      '/api/intake/referrals',
      sheet({ subject: { name: '高橋 和子', kana: 'タカハシ カズコ', sex: 'female', birthDate: '1950-04-02', age: null, address: '', phone: '', contactNote: '' }, household: [] }),
    );
    const { id } = await second.json();
    const view = await (await api(server.url, tanaka, 'GET', `/api/intake/inbox/${id}`)).json();
    expect(view.duplicates).toHaveLength(1);
    expect(view.duplicates[0]).toMatchObject({ caseId, caseTitle: '髙橋さん世帯', reasons: ['name_birth'] });

    const byAddress = await api(server.url, suzuki, 'POST', '/api/intake/referrals', sheet({ subject: { name: '別人 花子', kana: '', sex: 'female', birthDate: null, age: 40, address: '花水木市本町１－２－３', phone: '', contactNote: '' }, household: [] }));
    const addressView = await (await api(server.url, tanaka, 'GET', `/api/intake/inbox/${(await byAddress.json()).id}`)).json();
    expect(addressView.duplicates.map((d: { reasons: string[] }) => d.reasons)).toEqual([['address']]);

    const declined = await api(server.url, tanaka, 'POST', `/api/intake/inbox/${id}/decline`, { reason: '既存ケースで対応中のため' });
    expect(declined.status).toBe(200);
    const theirs = await (await api(server.url, suzuki, 'GET', '/api/intake/referrals')).json();
    expect(theirs.find((r: { id: string }) => r.id === id)).toMatchObject({ status: 'declined', declineReason: '既存ケースで対応中のため' });
  });

  it('every new route is in the OpenAPI document', async () => {
    const doc = await (await fetch(`${server.url}/api/openapi.json`)).json();
    for (const path of [
      '/intake/referrals',
      '/intake/inbox',
      '/intake/inbox/{referralId}/accept',
      '/intake/inbox/{referralId}/attach',
      '/intake/inbox/{referralId}/decline',
      '/cases/{caseId}/household/persons',
      '/cases/{caseId}/household/partnerships/{partnershipId}',
      '/cases/{caseId}/coordinators',
      '/cases/{caseId}/status',
      '/cases/{caseId}/support-decision',
      '/cases/{caseId}/consents/{recordId}/document',
      '/case-search',
      '/meetings/{meetingId}/invitations',
      '/meetings/{meetingId}/invitations/{invitationId}',
      '/meeting-invitations/{token}/accept',
    ]) {
      expect(doc.paths[path], path).toBeTruthy();
    }
  });
});
