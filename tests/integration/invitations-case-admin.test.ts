import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket, waitUntil, yClient } from '../helpers/ws.ts';
import { sheet } from '../helpers/intake-sheet.ts';
import { endInvitationsOfClosedMeetings } from '../../server/intake/invitation-end.ts';

/** Guests by link, and the case over time (支援決定, 中断/終結, 同意書), from the attacker's side. */

const SOON = () => new Date(Date.now() + 3600_000).toISOString();

describe('invitations and cases over time', () => {
  let server: TestServer;
  let tanaka: string;
  let sato: string;
  let caseId: string;
  let meetingId: string;
  let subjectId: string;

  async function invite(body: Record<string, unknown> = {}) {
    const res = await api(server.url, tanaka, 'POST', `/api/meetings/${meetingId}/invitations`, { role: 'guest', displayName: '木村 医師', affiliation: 'きむら内科', mode: 'password', ...body });
    expect(res.status).toBe(201);
    return res.json() as Promise<{ invitation: { id: string }; link: string; code: string | null }>;
  }
  const tokenOf = (link: string) => link.replace('/join/', '');
  async function acceptLink(token: string, body: Record<string, unknown>) {
    const res = await fetch(`${server.url}/api/meeting-invitations/${token}/accept`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify(body) });
    return { res, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? null };
  }

  beforeAll(async () => {
    server = await startTestServer();
    [tanaka, sato] = await Promise.all([login(server.url, 'tanaka'), login(server.url, 'sato')]);
    const ref = await (await api(server.url, sato, 'POST', '/api/intake/referrals', sheet())).json();
    caseId = (await (await api(server.url, tanaka, 'POST', `/api/intake/inbox/${ref.id}/accept`, { title: '髙橋さん世帯' })).json()).caseId;
    subjectId = (await (await api(server.url, tanaka, 'GET', `/api/cases/${caseId}/household`)).json()).persons.find((p: { isSubject: boolean }) => p.isSubject).id;
    const meeting = await api(server.url, tanaka, 'POST', `/api/cases/${caseId}/meetings`, {
      kindId: 'shien',
      moment: null,
      title: '第1回 支援会議',
      scheduledAt: SOON(),
      participants: [{ userId: 'u-sato', role: 'member' }],
    });
    expect(meeting.status).toBe(201);
    meetingId = (await meeting.json()).id;
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('a member cannot invite, list or revoke: the same 404 as an unknown meeting', async () => {
    const forbidden = await api(server.url, sato, 'POST', `/api/meetings/${meetingId}/invitations`, { role: 'guest', displayName: 'x', mode: 'password' });
    const unknown = await api(server.url, sato, 'POST', `/api/meetings/m-nope/invitations`, { role: 'guest', displayName: 'x', mode: 'password' });
    expect(forbidden.status).toBe(404);
    expect(await forbidden.text()).toBe(await unknown.text());
    expect((await api(server.url, sato, 'GET', `/api/meetings/${meetingId}/invitations`)).status).toBe(404);
  });

  it('a link works once; a reused, expired or unknown link answers the same', async () => {
    const { link } = await invite();
    const token = tokenOf(link);
    const landing = await fetch(`${server.url}/api/meeting-invitations/${token}`);
    expect(landing.status).toBe(200);
    expect((await landing.json()).meetingTitle).toBe('第1回 支援会議');
    const first = await acceptLink(token, { password: 'correct horse battery' });
    expect(first.res.status).toBe(200);
    expect(first.cookie).toBeTruthy();
    const reused = await acceptLink(token, { password: 'another password here' });
    const unknown = await acceptLink('x'.repeat(43), { password: 'another password here' });
    expect(reused.res.status).toBe(404);
    expect(reused.cookie).toBeNull();
    expect(await reused.res.text()).toBe(await unknown.res.text());

    const expiring = await invite({ displayName: '期限 切れ' });
    await server.deps.db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', expiring.invitation.id).execute();
    expect((await fetch(`${server.url}/api/meeting-invitations/${tokenOf(expiring.link)}`)).status).toBe(404);
    const late = await acceptLink(tokenOf(expiring.link), { password: 'correct horse battery' });
    expect(late.res.status).toBe(404);
    expect(late.cookie).toBeNull();
    const list = await (await api(server.url, tanaka, 'GET', `/api/meetings/${meetingId}/invitations`)).json();
    expect(list.map((i: { state: string }) => i.state)).toEqual(['accepted', 'expired']);
  });

  it('a one-time code cannot be guessed: five wrong codes end the invitation', async () => {
    const { link, code } = await invite({ mode: 'code', displayName: '学校 先生' });
    expect(code).toMatch(/^\d{6}$/);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await acceptLink(tokenOf(link), { code: wrong })).res.status).toBe(400);
    const right = await acceptLink(tokenOf(link), { code });
    expect(right.res.status).toBe(404);
    expect(right.cookie).toBeNull();
  });

  it('a guest sees nothing of another meeting, and revoking closes their socket at once', async () => {
    const pw = await invite({ displayName: '山口 先生', affiliation: '花水木中学校' });
    const { cookie } = await acceptLink(tokenOf(pw.link), { password: 'a long enough password' });
    const guest = cookie!;
    // Another meeting (the demo household's) does not exist for the guest.
    expect((await api(server.url, guest, 'GET', '/api/meetings/meeting-yamada-1')).status).toBe(404);
    const other = rawSocket(server.url, 'meeting/meeting-yamada-1', { cookie: guest });
    expect((await other.closed).code).toBeGreaterThanOrEqual(4400);
    expect(other.frames).toHaveLength(0);
    expect((await api(server.url, guest, 'GET', `/api/meetings/${meetingId}/invitations`)).status).toBe(404);
    expect((await api(server.url, guest, 'POST', '/api/intake/referrals', sheet())).status).toBe(403);

    // Its own meeting while it runs: the guest joins the meeting document.
    expect((await api(server.url, tanaka, 'POST', `/api/meetings/${meetingId}/state`, { state: 'open' })).status).toBe(200);
    // A 支援会議: the guest, too, affirms the confidentiality duty before seeing anything.
    expect((await api(server.url, guest, 'POST', `/api/meetings/${meetingId}/affirmation`)).status).toBe(200);
    const client = yClient(server.url, `meeting/${meetingId}`, guest);
    await client.synced();
    const revoked = await api(server.url, tanaka, 'DELETE', `/api/meetings/${meetingId}/invitations/${pw.invitation.id}`);
    expect(revoked.status).toBe(200);
    await waitUntil(() => client.closes.length > 0, 5000, 'guest socket closed');
    expect(client.closes[0]!.code).toBeGreaterThanOrEqual(4400);
    client.destroy();
    // Signed out everywhere, and the password no longer works.
    expect((await api(server.url, guest, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('invitations end with the meeting', async () => {
    const pw = await invite({ displayName: '最後 ゲスト' });
    const { cookie, res } = await acceptLink(tokenOf(pw.link), { password: 'a long enough password' });
    const { username } = await res.json();
    expect((await api(server.url, cookie!, 'GET', '/api/auth/me')).status).toBe(200);
    expect((await api(server.url, tanaka, 'POST', `/api/meetings/${meetingId}/state`, { state: 'closed' })).status).toBe(200);
    expect(await endInvitationsOfClosedMeetings(server.deps)).toBeGreaterThan(0);
    expect((await api(server.url, cookie!, 'GET', '/api/auth/me')).status).toBe(401);
    const relogin = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ username, password: 'a long enough password' }) });
    expect(relogin.status).toBe(401);
  });

  it('支援決定 needs the subject’s consent, then moves the case to the 重層的支援会議', async () => {
    const early = await api(server.url, tanaka, 'POST', `/api/cases/${caseId}/support-decision`, { decidedOn: '2026-12-01', approver: '福祉政策課長' });
    expect(early.status).toBe(409);
    expect((await api(server.url, sato, 'POST', `/api/cases/${caseId}/support-decision`, { decidedOn: '2026-12-01', approver: 'x' })).status).toBe(404);
    const consent = await api(server.url, tanaka, 'POST', `/api/cases/${caseId}/persons/${subjectId}/consents`, {
      status: 'granted',
      method: 'written',
      validFrom: '2026-12-01',
      validUntil: null,
      scope: [{ category: 'basic', orgId: '*' }, { category: 'living', orgId: '*' }],
    });
    expect(consent.status).toBe(201);
    const decided = await api(server.url, tanaka, 'POST', `/api/cases/${caseId}/support-decision`, { decidedOn: '2026-12-01', approver: '福祉政策課長' });
    expect(decided.status).toBe(201);
    expect((await decided.json()).legalBasis).toBe('consent');
    const history = await (await api(server.url, tanaka, 'GET', `/api/cases/${caseId}/legal-basis`)).json();
    expect(history[0]).toMatchObject({ fromBasis: 'support_meeting', toBasis: 'consent' });
    expect(history[0].reason).toContain('支援決定');
  });

  it('the signed 同意書 is size-limited, must be what it claims, and shown only to the coordinators', async () => {
    const [record] = await server.deps.db.selectFrom('consent_records').select('id').where('case_id', '=', caseId).orderBy('id', 'desc').execute();
    const path = `/api/cases/${caseId}/consents/${record!.id}/document`;
    const post = (cookie: string, type: string, body: Uint8Array) =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { cookie, origin: server.url, 'content-type': type, 'x-filename': encodeURIComponent('同意書.pdf') }, body: Buffer.from(body) });
    const pdf = new TextEncoder().encode('%PDF-1.4\n% signed consent\n');
    expect((await post(sato, 'application/pdf', pdf)).status).toBe(404);
    expect((await post(tanaka, 'application/pdf', new TextEncoder().encode('<script>alert(1)</script>'))).status).toBe(400);
    expect((await post(tanaka, 'application/pdf', new Uint8Array(5 * 1024 * 1024 + 10).fill(0x25))).status).toBe(413);
    const ok = await post(tanaka, 'application/pdf', pdf);
    expect(ok.status).toBe(201);
    expect((await api(server.url, sato, 'GET', path)).status).toBe(404);
    const back = await api(server.url, tanaka, 'GET', path);
    expect(back.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(pdf);
  });

  it('after 終結 the case is read-only; the case list finds it by kana and stage', async () => {
    const found = await (await api(server.url, tanaka, 'GET', `/api/case-search?q=${encodeURIComponent('タカハシ')}`)).json();
    expect(found.map((c: { id: string }) => c.id)).toEqual([caseId]);
    expect(found[0].matchedNames).toEqual(expect.arrayContaining(['髙橋 和子']));
    // An agency with no part in the case learns nothing through search, not even that it exists.
    const suzuki = await login(server.url, 'suzuki');
    expect(await (await api(server.url, suzuki, 'GET', `/api/case-search?q=${encodeURIComponent('たかはし')}`)).json()).toEqual([]);

    const ended = await api(server.url, tanaka, 'POST', `/api/cases/${caseId}/status`, { status: 'ended', reasonCode: 'goal_attained', reason: '目標達成のため終結', effectiveDate: '2026-12-03' });
    expect(ended.status).toBe(200);
    expect((await ended.json()).readOnly).toBe(true);
    const add = await api(server.url, tanaka, 'POST', `/api/cases/${caseId}/household/persons`, { name: '追加 太郎', relation: '孫', sex: 'male' });
    expect(add.status).toBe(409);
    expect((await api(server.url, tanaka, 'POST', `/api/cases/${caseId}/status`, { status: 'active', reason: '再開', effectiveDate: '2026-12-04' })).status).toBe(409);
    const endedList = await (await api(server.url, tanaka, 'GET', '/api/case-search?stage=ended')).json();
    expect(endedList.map((c: { id: string }) => c.id)).toEqual([caseId]);
  });
});
