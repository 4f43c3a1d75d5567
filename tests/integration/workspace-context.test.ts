import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket } from '../helpers/ws.ts';
import { docOf } from '../helpers/scenario.ts';

/**
 * The case workspace (outside any meeting) is the coordinator's: an agency with no part in the
 * case must not reach its compartments by naming the workspace instead of a meeting, even where
 * the person's consent says "every member of the meeting" ('*').
 */
describe('the workspace context is not a side door', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('an uninvolved agency gets 4404 and no byte for a compartment shared with all meeting members', async () => {
    const watanabe = await login(server.url, 'watanabe');
    const s = rawSocket(server.url, docOf('p-haru', 'basic', 'org-shakyo'), { cookie: watanabe, ctx: 'workspace:case-yamada' });
    expect((await s.closed).code).toBe(4404);
    expect(s.frames).toHaveLength(0);
    expect((await api(server.url, watanabe, 'GET', '/api/cases/case-yamada/manifest?ctx=workspace:case-yamada')).status).toBe(404);
  });

  it('a member of the case’s meetings has no workspace access either: they work in meetings', async () => {
    const sato = await login(server.url, 'sato');
    const s = rawSocket(server.url, docOf('p-haru', 'basic', 'org-shakyo'), { cookie: sato, ctx: 'workspace:case-yamada' });
    expect((await s.closed).code).toBe(4404);
  });

  it('the coordinator works in the workspace', async () => {
    const tanaka = await login(server.url, 'tanaka');
    const res = await api(server.url, tanaka, 'GET', '/api/cases/case-yamada/manifest?ctx=workspace:case-yamada');
    expect(res.status).toBe(200);
    expect((await res.json()).compartments.length).toBeGreaterThan(0);
  });
});
