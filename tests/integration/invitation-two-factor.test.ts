import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket, yClient } from '../helpers/ws.ts';
import { TestAuthenticator } from '../helpers/totp.ts';

/**
 * With two-factor sign-in required by the municipality, a meeting invitation accepted with a
 * password is a password like any other: from the attacker's side (someone who intercepted the
 * link and set the password first), it opens nothing but enrolment, exactly as for a user who
 * must enrol; the one-time-code invitation (a second channel by itself) still signs in at once.
 */
const headers = (url: string, cookies: string[]) => ({ origin: url, 'content-type': 'application/json', cookie: cookies.join('; ') });
const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!).filter((c) => !c.endsWith('='));

async function call(url: string, cookies: string[], method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, { method, headers: headers(url, cookies), body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const parsed = (() => {
    try {
      return JSON.parse(text) as any;
    } catch {
      return text;
    }
  })();
  return { status: res.status, body: text ? parsed : null, cookies: cookiesOf(res) };
}

describe('meeting invitations under required two-factor sign-in', { timeout: 120_000 }, () => {
  let server: TestServer;
  let tanaka: string;
  let caseId: string;
  let meetingId: string;

  const invite = async (mode: 'password' | 'code', displayName: string) => {
    const res = await api(server.url, tanaka, 'POST', `/api/meetings/${meetingId}/invitations`, { role: 'guest', displayName, affiliation: 'きむら内科', mode });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { link: string; code: string | null };
    return { token: body.link.replace('/join/', ''), code: body.code };
  };

  /** What an account half-way through signing in gets from the API and the socket (the comparison). */
  const probes = () => [
    ['GET', '/api/auth/me'],
    ['GET', '/api/cases'],
    ['GET', `/api/cases/${caseId}`],
    ['GET', `/api/meetings/${meetingId}`],
    ['GET', `/api/meetings/${meetingId}/participants`],
    ['POST', `/api/meetings/${meetingId}/affirmation`],
    ['GET', '/api/auth/second-factor'],
    ['POST', '/api/auth/second-factor', { code: '123456' }],
    ['POST', '/api/auth/step-up', { code: '123456' }],
  ] as const;

  beforeAll(async () => {
    server = await startTestServer();
    tanaka = await login(server.url, 'tanaka');
    caseId = 'case-yamada';
    const meeting = await api(server.url, tanaka, 'POST', `/api/cases/${caseId}/meetings`, {
      kindId: 'jusoteki',
      moment: null,
      title: '招待と二要素の会議',
      scheduledAt: new Date(Date.now() + 3600_000).toISOString(),
      participants: [{ userId: 'u-sato', role: 'member' }],
    });
    expect(meeting.status).toBe(201);
    meetingId = ((await meeting.json()) as { id: string }).id;
    expect((await api(server.url, tanaka, 'POST', `/api/meetings/${meetingId}/state`, { state: 'open' })).status).toBe(200);
    // Required from now on (as the administration screen would store it; tanaka's session predates it).
    await server.deps.db.updateTable('municipality_settings').set({ require_two_factor: 1 }).execute();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('a password opens nothing but enrolment, answered as for any user who must enrol; after enrolment the meeting opens', async () => {
    // The comparison: an ordinary user without a factor, after the right password.
    const ordinary = await call(server.url, [], 'POST', '/api/auth/login', { username: 'sato', password: 'kasane-demo' });
    expect(ordinary.status).toBe(202);
    expect(ordinary.body).toEqual({ step: 'enrol' });

    const { token } = await invite('password', '木村 医師');
    const accepted = await call(server.url, [], 'POST', `/api/meeting-invitations/${token}/accept`, { password: 'correct horse battery staple' });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ meetingId, step: 'enrol' });
    expect(accepted.body.username).toMatch(/^guest-/);
    // No session cookie at all: only the short-lived challenge a sign-in gets.
    expect(accepted.cookies.some((c) => c.startsWith('kasane_session='))).toBe(false);
    expect(accepted.cookies.some((c) => c.startsWith('kasane_2fa='))).toBe(true);
    // The link is spent even so: nobody else can take the invitation over.
    expect((await call(server.url, [], 'POST', `/api/meeting-invitations/${token}/accept`, { password: 'another long password' })).status).toBe(404);

    for (const [method, path, body] of probes()) {
      const invitee = await call(server.url, accepted.cookies, method, path, body);
      const user = await call(server.url, ordinary.cookies, method, path, body);
      expect(invitee.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect({ status: invitee.status, body: invitee.body }, `${method} ${path}`).toEqual({ status: user.status, body: user.body });
    }
    // The same password at the sign-in form leads to the same enrolment step, never a session.
    const again = await call(server.url, [], 'POST', '/api/auth/login', { username: accepted.body.username, password: 'correct horse battery staple' });
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ step: 'enrol' });
    expect(again.cookies.some((c) => c.startsWith('kasane_session='))).toBe(false);

    // The socket refuses, like for anybody not signed in, before sending a single frame.
    const socket = rawSocket(server.url, `meeting/${meetingId}`, { cookie: accepted.cookies.join('; ') });
    expect((await socket.closed).code).toBe(4401);
    expect(socket.frames).toHaveLength(0);

    // Enrolment (the one thing the challenge allows) signs the invitee in.
    const started = await call(server.url, accepted.cookies, 'POST', '/api/auth/enrol/start');
    expect(started.status).toBe(200);
    const authenticator = new TestAuthenticator(started.body.secret);
    const confirmed = await call(server.url, accepted.cookies, 'POST', '/api/auth/enrol/confirm', { code: await authenticator.nextCode() });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(confirmed.body.user.username).toBe(accepted.body.username);
    const session = confirmed.cookies.find((c) => c.startsWith('kasane_session='))!;
    expect(session).toBeTruthy();
    expect((await api(server.url, session, 'GET', '/api/auth/me')).status).toBe(200);
    expect((await api(server.url, session, 'GET', `/api/meetings/${meetingId}`)).status).toBe(200);
    const client = yClient(server.url, `meeting/${meetingId}`, session);
    await client.synced();
    expect(client.closes).toEqual([]);
    client.destroy();
  });

  it('a one-time code (a second channel, one meeting) still signs in at once', async () => {
    const { token, code } = await invite('code', '学校 先生');
    const accepted = await call(server.url, [], 'POST', `/api/meeting-invitations/${token}/accept`, { code });
    expect(accepted.status).toBe(200);
    expect(accepted.body.step).toBeUndefined();
    const session = accepted.cookies.find((c) => c.startsWith('kasane_session='))!;
    expect((await api(server.url, session, 'GET', `/api/meetings/${meetingId}`)).status).toBe(200);
  });
});
