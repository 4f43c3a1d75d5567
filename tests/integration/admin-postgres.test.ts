import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { TestAuthenticator } from '../helpers/totp.ts';

/** Migration 009 and the administration and second-factor paths on PostgreSQL (bigint columns come back as text). */
describe('administration on PostgreSQL', { timeout: 120_000 }, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startPostgresTestServer();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('adds an organisation and an invited user, enrols TOTP, refuses a replayed code, and deactivates', async () => {
    const admin = await login(server.url, 'admin');
    const org = (await (await api(server.url, admin, 'POST', '/api/admin/organisations', { name: 'PG 中学校', field: 'education' })).json()) as { id: string };
    const created = (await (await api(server.url, admin, 'POST', '/api/admin/users', { username: 'pgteacher', displayName: '教員 一', orgId: org.id, role: 'member', credential: 'invitation' })).json()) as {
      user: { id: string };
      credential: { invitationPath: string };
    };
    const token = created.credential.invitationPath.split('/').pop();
    expect((await api(server.url, null, 'POST', `/api/invitations/${token}`, { password: '中学校の先生です2026' })).status).toBe(204);
    expect((await api(server.url, null, 'POST', `/api/invitations/${token}`, { password: '中学校の先生です2027' })).status).toBe(404);
    const teacher = await login(server.url, 'pgteacher', '中学校の先生です2026');
    const started = (await (await api(server.url, teacher, 'POST', '/api/auth/enrol/start')).json()) as { secret: string };
    const app = new TestAuthenticator(started.secret);
    const code = await app.nextCode();
    expect((await api(server.url, teacher, 'POST', '/api/auth/enrol/confirm', { code })).status).toBe(200);
    // The enrolment code again for a step-up: already used.
    expect((await api(server.url, teacher, 'POST', '/api/auth/step-up', { code })).status).toBe(400);
    expect((await api(server.url, teacher, 'POST', '/api/auth/step-up', { code: await app.nextCode() })).status).toBe(204);
    const deactivated = await api(server.url, admin, 'PATCH', `/api/admin/users/${created.user.id}`, { active: false });
    expect(deactivated.status).toBe(200);
    expect((await api(server.url, teacher, 'GET', '/api/auth/me')).status).toBe(401);
    const settings = (await (await api(server.url, admin, 'GET', '/api/admin/settings')).json()) as { isDemo: boolean };
    expect(settings.isDemo).toBe(true);
  });
});
