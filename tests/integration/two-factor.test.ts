import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { TestAuthenticator } from '../helpers/totp.ts';

/**
 * Two-factor sign-in from the attacker's side: a right password alone gives no session, wrong and
 * replayed codes are refused, recovery codes work once, the municipality can require enrolment,
 * sensitive actions ask again, and lockout needs an administrator.
 */
const origin = (url: string) => ({ origin: url, 'content-type': 'application/json' });
const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!).filter((c) => !c.endsWith('='));

/** POST /auth/login by hand: returns the status and every cookie set. */
async function passwordStep(url: string, username: string, password = 'kasane-demo') {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: origin(url), body: JSON.stringify({ username, password }) });
  return { status: res.status, body: (await res.json()) as any, cookies: cookiesOf(res) };
}

async function post(url: string, cookies: string[], path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { ...origin(url), cookie: cookies.join('; ') }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as any) : null, cookies: cookiesOf(res) };
}

async function enrol(url: string, cookies: string[]) {
  const started = await post(url, cookies, '/api/auth/enrol/start');
  expect(started.status).toBe(200);
  expect(started.body.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
  expect(started.body.otpauthUri).toContain(`secret=${started.body.secret}`);
  return { authenticator: new TestAuthenticator(started.body.secret), started };
}

// Codes are good once per 30-second step: a test that needs several waits for the clock.
describe('two-factor sign-in', { timeout: 120_000 }, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('after enrolment a password alone opens nothing; a right code once does, a replayed or wrong one never', async () => {
    const session = await login(server.url, 'tanaka');
    const { authenticator } = await enrol(server.url, [session]);
    const wrong = await post(server.url, [session], '/api/auth/enrol/confirm', { code: authenticator.wrongCode() });
    expect(wrong.status).toBe(400);
    const confirmed = await post(server.url, [session], '/api/auth/enrol/confirm', { code: await authenticator.nextCode() });
    expect(confirmed.status).toBe(200);
    const recoveryCodes = confirmed.body.recoveryCodes as string[];
    expect(recoveryCodes).toHaveLength(10);
    // Only hashes are stored.
    const stored = await server.deps.db.selectFrom('user_recovery_codes').select('code_hash').where('user_id', '=', 'u-tanaka').execute();
    expect(stored.map((r) => r.code_hash)).not.toContain(recoveryCodes[0]);

    // The test helper's login (password only) is refused.
    await expect(login(server.url, 'tanaka')).rejects.toThrow(/202/);
    const step = await passwordStep(server.url, 'tanaka');
    expect(step.status).toBe(202);
    expect(step.body).toEqual({ step: 'totp' });
    expect(step.cookies.some((c) => c.startsWith('kasane_session='))).toBe(false);
    // The challenge cookie is not a session: nothing opens with it.
    const withChallenge = await fetch(`${server.url}/api/cases`, { headers: { cookie: step.cookies.join('; '), origin: server.url } });
    expect(withChallenge.status).toBe(401);

    expect((await post(server.url, step.cookies, '/api/auth/second-factor', { code: authenticator.wrongCode() })).status).toBe(401);
    const code = await authenticator.nextCode();
    const done = await post(server.url, step.cookies, '/api/auth/second-factor', { code });
    expect(done.status).toBe(200);
    expect(done.body.username).toBe('tanaka');
    const sessionCookie = done.cookies.find((c) => c.startsWith('kasane_session='))!;
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: sessionCookie } });
    expect(me.status).toBe(200);

    // The same code again, on a fresh password step (someone who saw it): refused as used.
    const second = await passwordStep(server.url, 'tanaka');
    const replay = await post(server.url, second.cookies, '/api/auth/second-factor', { code });
    expect(replay.status).toBe(401);
    expect(replay.body.message).toMatch(/使用済み/);
    // Without the challenge cookie (a code alone): nothing.
    expect((await post(server.url, [], '/api/auth/second-factor', { code: await authenticator.nextCode() })).status).toBe(401);

    // A recovery code works once.
    const third = await passwordStep(server.url, 'tanaka');
    expect((await post(server.url, third.cookies, '/api/auth/second-factor', { recoveryCode: recoveryCodes[0] })).status).toBe(200);
    const fourth = await passwordStep(server.url, 'tanaka');
    expect((await post(server.url, fourth.cookies, '/api/auth/second-factor', { recoveryCode: recoveryCodes[0] })).status).toBe(401);

    // Failed codes are audited by name.
    const admin = await login(server.url, 'admin');
    const log = await (await fetch(`${server.url}/api/audit?action=auth.second_factor_failed&userId=u-tanaka`, { headers: { cookie: admin, origin: server.url } })).json();
    expect((log as { entries: unknown[] }).entries.length).toBeGreaterThanOrEqual(3);
  });

  it('wrong codes lock the factor until an administrator unlocks; a reset lets the user enrol again', async () => {
    const session = await login(server.url, 'suzuki');
    const { authenticator } = await enrol(server.url, [session]);
    expect((await post(server.url, [session], '/api/auth/enrol/confirm', { code: await authenticator.nextCode() })).status).toBe(200);
    // Five wrong codes across fresh password steps.
    for (let i = 0; i < 5; i++) {
      const step = await passwordStep(server.url, 'suzuki');
      expect((await post(server.url, step.cookies, '/api/auth/second-factor', { code: authenticator.wrongCode() })).status).toBe(401);
    }
    const locked = await passwordStep(server.url, 'suzuki');
    const refused = await post(server.url, locked.cookies, '/api/auth/second-factor', { code: await authenticator.nextCode() });
    expect(refused.status).toBe(401);
    expect(refused.body.message).toMatch(/ロック/);

    const admin = await login(server.url, 'admin');
    const listed = (await (await fetch(`${server.url}/api/admin/users`, { headers: { cookie: admin } })).json()) as { id: string; locked: boolean }[];
    expect(listed.find((u) => u.id === 'u-suzuki')!.locked).toBe(true);
    expect((await post(server.url, [admin], '/api/admin/users/u-suzuki/unlock')).body.locked).toBe(false);
    const unlocked = await passwordStep(server.url, 'suzuki');
    expect((await post(server.url, unlocked.cookies, '/api/auth/second-factor', { code: await authenticator.nextCode() })).status).toBe(200);

    // Re-enrolment: the factor is gone, sessions ended, the password alone signs in again.
    const reset = await post(server.url, [admin], '/api/admin/users/u-suzuki/reset-second-factor');
    expect(reset.body.twoFactorEnrolled).toBe(false);
    expect((await passwordStep(server.url, 'suzuki')).status).toBe(200);
  });

  it('when the municipality requires it, a user without a factor must enrol before getting a session', async () => {
    const admin = await login(server.url, 'admin');
    const settings = { municipalityName: 'はなみずき市', requireTwoFactor: true, sessionIdleMinutes: 480, stepUpMinutes: 15, recordRetentionYears: 5, auditRetentionYears: 5 };
    const put = await fetch(`${server.url}/api/admin/settings`, { method: 'PUT', headers: { ...origin(server.url), cookie: admin }, body: JSON.stringify(settings) });
    expect(put.status).toBe(200);
    const step = await passwordStep(server.url, 'sato');
    expect(step.status).toBe(202);
    expect(step.body).toEqual({ step: 'enrol' });
    const { authenticator } = await enrol(server.url, step.cookies);
    // A code for someone else's challenge kind does not work: 'enrol' challenges cannot skip to a session.
    expect((await post(server.url, step.cookies, '/api/auth/second-factor', { code: await authenticator.nextCode() })).status).toBe(401);
    const confirmed = await post(server.url, step.cookies, '/api/auth/enrol/confirm', { code: await authenticator.nextCode() });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.user.username).toBe('sato');
    expect(confirmed.cookies.some((c) => c.startsWith('kasane_session='))).toBe(true);
    // The already signed-in administrator without a factor must enrol before administering.
    const blocked = await fetch(`${server.url}/api/admin/settings`, { method: 'PUT', headers: { ...origin(server.url), cookie: admin }, body: JSON.stringify({ ...settings, requireTwoFactor: false }) });
    expect(blocked.status).toBe(403);
    expect(((await blocked.json()) as { error: string }).error).toBe('enrolment_required');
    // Back to optional for the next test (the administrator has no factor yet to step up with).
    await server.deps.db.updateTable('municipality_settings').set({ require_two_factor: 0 }).execute();
  });

  it('administration asks for the code again once the step-up interval has passed', async () => {
    const admin = await login(server.url, 'admin');
    const { authenticator } = await enrol(server.url, [admin]);
    expect((await post(server.url, [admin], '/api/auth/enrol/confirm', { code: await authenticator.nextCode() })).status).toBe(200);
    const body = { name: '再認証テスト組織', field: 'other' };
    expect((await post(server.url, [admin], '/api/admin/organisations', body)).status).toBe(201);
    // Twenty minutes later (the stored verification time moved back; step-up is 15 minutes).
    await server.deps.db.updateTable('session_factors').set({ verified_at: Date.now() - 20 * 60 * 1000 }).execute();
    const asked = await post(server.url, [admin], '/api/admin/organisations', { ...body, name: '再認証テスト組織2' });
    expect(asked.status).toBe(403);
    expect(asked.body.error).toBe('step_up_required');
    const csv = await fetch(`${server.url}/api/audit/export.csv`, { headers: { cookie: admin } });
    expect(csv.status).toBe(403);
    expect((await post(server.url, [admin], '/api/auth/step-up', { code: authenticator.wrongCode() })).status).toBe(400);
    expect((await post(server.url, [admin], '/api/auth/step-up', { code: await authenticator.nextCode() })).status).toBe(204);
    expect((await post(server.url, [admin], '/api/admin/organisations', { ...body, name: '再認証テスト組織2' })).status).toBe(201);
  });
});

describe('step-up before exporting a record', { timeout: 120_000 }, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('exporting a record asks for the code again once the step-up interval has passed', async () => {
    const tanaka = await login(server.url, 'tanaka');
    const { authenticator } = await enrol(server.url, [tanaka]);
    expect((await post(server.url, [tanaka], '/api/auth/enrol/confirm', { code: await authenticator.nextCode() })).status).toBe(200);
    expect((await post(server.url, [tanaka], '/api/meetings/meeting-yamada-1/state', { state: 'closed' })).status).toBe(200);
    const docx = () => fetch(`${server.url}/api/meetings/meeting-yamada-1/minutes.docx`, { headers: { cookie: tanaka } });
    expect((await docx()).status).toBe(200);
    await server.deps.db.updateTable('session_factors').set({ verified_at: Date.now() - 20 * 60 * 1000 }).execute();
    const asked = await docx();
    expect(asked.status).toBe(403);
    expect(((await asked.json()) as { error: string }).error).toBe('step_up_required');
    // Asked before the lookup: an unknown record gets the same answer, so it tells nothing.
    const unknown = await fetch(`${server.url}/api/meetings/no-such-meeting/minutes.docx`, { headers: { cookie: tanaka } });
    expect(unknown.status).toBe(403);
    expect((await post(server.url, [tanaka], '/api/auth/step-up', { code: await authenticator.nextCode() })).status).toBe(204);
    const again = await docx();
    expect(again.status).toBe(200);
    expect(again.headers.get('content-type')).toContain('wordprocessingml');
  });
});
