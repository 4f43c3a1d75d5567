import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket, waitUntil, yClient } from '../helpers/ws.ts';

const MEETING_DOC = 'meeting/meeting-yamada-1';

/** Attacker's view: raw sockets asking for documents they may not have. */
describe('the collaboration endpoint refuses before a single document byte', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('no session cookie: closed with 4401, no frame received', async () => {
    const s = rawSocket(server.url, MEETING_DOC);
    const closed = await s.closed;
    expect(closed.code).toBe(4401);
    expect(s.frames).toHaveLength(0);
  });

  it('a forged session id: closed with 4401, no frame received', async () => {
    const s = rawSocket(server.url, MEETING_DOC, { cookie: 'kasane_session=forged0000000000000000000000000000000000' });
    expect((await s.closed).code).toBe(4401);
    expect(s.frames).toHaveLength(0);
  });

  it('after logout the old cookie opens nothing: HTTP 401 and WebSocket 4401', async () => {
    const cookie = await login(server.url, 'sato');
    expect((await api(server.url, cookie, 'GET', '/api/cases')).status).toBe(200);
    expect((await api(server.url, cookie, 'POST', '/api/auth/logout')).status).toBe(204);
    expect((await api(server.url, cookie, 'GET', '/api/cases')).status).toBe(401);
    const s = rawSocket(server.url, MEETING_DOC, { cookie });
    expect((await s.closed).code).toBe(4401);
    expect(s.frames).toHaveLength(0);
  });

  it('logging out closes the sockets already open with that session', async () => {
    const cookie = await login(server.url, 'sato');
    const client = yClient(server.url, MEETING_DOC, cookie);
    await client.synced();
    await api(server.url, cookie, 'POST', '/api/auth/logout');
    await waitUntil(() => client.closes.some((c) => c.code === 4401), 2000, '4401 close');
    client.destroy();
  });

  it('an expired session is refused on both HTTP and WebSocket', async () => {
    const cookie = await login(server.url, 'sato');
    const sessionId = cookie.split('=')[1]!;
    await server.deps.db.updateTable('sessions').set({ expires_at: Date.now() - 1000 }).where('id', '=', sessionId).execute();
    expect((await api(server.url, cookie, 'GET', '/api/cases')).status).toBe(401);
    const s = rawSocket(server.url, MEETING_DOC, { cookie });
    expect((await s.closed).code).toBe(4401);
    expect(s.frames).toHaveLength(0);
  });

  it('a foreign Origin is refused at the upgrade (HTTP 403, no socket)', async () => {
    const cookie = await login(server.url, 'tanaka');
    const s = rawSocket(server.url, MEETING_DOC, { cookie, origin: 'https://evil.example' });
    expect(await s.upgradeStatus).toBe(403);
    expect(await s.opened).toBe(false);
    const none = rawSocket(server.url, MEETING_DOC, { cookie, origin: null });
    expect(await none.upgradeStatus).toBe(403);
  });

  it('a member of another agency who is not in the meeting gets the refusal an unknown meeting gets, no frame', async () => {
    const cookie = await login(server.url, 'watanabe');
    const s = rawSocket(server.url, MEETING_DOC, { cookie });
    const unknown = rawSocket(server.url, 'meeting/no-such-meeting', { cookie });
    const [refused, missing] = [await s.closed, await unknown.closed];
    expect(refused).toEqual({ code: 4404, reason: 'unknown document' });
    expect(missing).toEqual(refused);
    expect(s.frames).toHaveLength(0);
  });

  it('unknown or malformed document names: 4404, no frame', async () => {
    const cookie = await login(server.url, 'tanaka');
    for (const name of ['meeting/no-such-meeting', 'nonsense', 'meeting/%E0%A4%A', 'meeting/a/b']) {
      const s = rawSocket(server.url, name, { cookie });
      expect((await s.closed).code, name).toBe(4404);
      expect(s.frames, name).toHaveLength(0);
    }
    // Dot segments are resolved by the URL parser, leaving /etc/passwd: no such route at all.
    const escape = rawSocket(server.url, 'meeting/../../etc/passwd', { cookie });
    expect(await escape.upgradeStatus).toBe(404);
    expect(escape.frames).toHaveLength(0);
  });
});

describe('the JSON API answers bad input clearly', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('a wrong password is 401 with a Japanese message; malformed bodies are 400', async () => {
    const wrong = await api(server.url, null, 'POST', '/api/auth/login', { username: 'tanaka', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).message).toContain('パスワード');
    const missing = await api(server.url, null, 'POST', '/api/auth/login', { username: 'tanaka' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).message).toContain('password');
    const notJson = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: '{"username":',
    });
    expect(notJson.status).toBe(400);
  });

  it('a cross-site POST is refused even with a valid cookie', async () => {
    const cookie = await login(server.url, 'tanaka');
    const res = await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(403);
    expect((await api(server.url, cookie, 'GET', '/api/cases')).status).toBe(200);
  });

  it('unknown cases and meetings are 404, and so are cases the user has no part in', async () => {
    const cookie = await login(server.url, 'watanabe');
    expect((await api(server.url, cookie, 'GET', '/api/cases/case-yamada')).status).toBe(404);
    expect((await api(server.url, cookie, 'GET', '/api/cases/nope')).status).toBe(404);
    expect((await api(server.url, cookie, 'GET', '/api/meetings/meeting-yamada-1')).status).toBe(404);
    const tanaka = await login(server.url, 'tanaka');
    const detail = await (await api(server.url, tanaka, 'GET', '/api/cases/case-yamada')).json();
    expect(detail.persons.map((p: { name: string }) => p.name)).toContain('山田 ハル');
    expect(detail.meetings[0].kindId).toBe('jusoteki');
  });

  it('serves an OpenAPI document describing the API', async () => {
    const doc = await (await fetch(`${server.url}/api/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/auth/login', '/cases', '/meetings/{meetingId}']));
  });
});
