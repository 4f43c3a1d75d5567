import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket, waitUntil } from '../helpers/ws.ts';
import { allSeededDocs, docOf, framesContain, textsOf } from '../helpers/scenario.ts';

/**
 * Haru's seeded consent shares basics and living with everyone, health with the clinic, 包括 and
 * 社協, finances with 自立相談支援 and 社協, nothing on tax; 社協 entered her basic information.
 * Kenji was never asked.
 */
const TANAKA_WORKSPACE: Record<string, 'read' | 'write'> = {
  [docOf('p-haru', 'basic', 'org-shakyo')]: 'write',
  [docOf('p-haru', 'living', 'org-houkatsu')]: 'read',
  [docOf('p-haru', 'health', 'org-clinic')]: 'read',
  [docOf('p-haru', 'health', 'org-houkatsu')]: 'read',
  [docOf('p-haru', 'finances', 'org-konkyu')]: 'read',
};

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

  it('the coordinator sees in the workspace only what Haru consented to share with 社協, or what 社協 entered', async () => {
    const tanaka = await login(server.url, 'tanaka');
    const res = await api(server.url, tanaka, 'GET', '/api/cases/case-yamada/manifest?ctx=workspace:case-yamada');
    expect(res.status).toBe(200);
    const got = Object.fromEntries((await res.json()).compartments.map((c: { docName: string; access: string }) => [c.docName, c.access]));
    // The coordinator role manages the case; it opens nothing. Kenji was never asked: nothing of his.
    expect(got).toEqual(TANAKA_WORKSPACE);
    // The attacker's side: every other compartment of the case is refused with no byte.
    for (const docName of allSeededDocs('case-yamada').filter((d) => !(d in TANAKA_WORKSPACE))) {
      const s = rawSocket(server.url, docName, { cookie: tanaka, ctx: 'workspace:case-yamada' });
      expect(await s.closed, docName).toEqual({ code: 4404, reason: 'unknown document' });
      expect(s.frames, docName).toHaveLength(0);
    }
  });

  it('after a withdrawal the coordinator has nothing left to reopen through the workspace', async () => {
    const tanaka = await login(server.url, 'tanaka');
    const living = rawSocket(server.url, docOf('p-haru', 'living', 'org-houkatsu'), { cookie: tanaka, ctx: 'workspace:case-yamada' });
    await waitUntil(() => living.frames.length > 0);
    const res = await api(server.url, tanaka, 'POST', '/api/cases/case-yamada/persons/p-haru/consents', {
      status: 'withdrawn',
      method: 'written',
      validFrom: null,
      validUntil: null,
      scope: [],
      note: '全面撤回',
    });
    expect(res.status).toBe(201);
    expect((await living.closed).code).toBe(4410);
    const manifest = await (await api(server.url, tanaka, 'GET', '/api/cases/case-yamada/manifest?ctx=workspace:case-yamada')).json();
    // Only what 社協 entered itself remains.
    expect(manifest.compartments.map((c: { docName: string; access: string }) => [c.docName, c.access])).toEqual([[docOf('p-haru', 'basic', 'org-shakyo'), 'write']]);
    for (const docName of allSeededDocs('case-yamada').filter((d) => d !== docOf('p-haru', 'basic', 'org-shakyo'))) {
      const s = rawSocket(server.url, docName, { cookie: tanaka, ctx: 'workspace:case-yamada' });
      expect((await s.closed).code, docName).toBe(4404);
      expect(s.frames, docName).toHaveLength(0);
      for (const text of textsOf(docName)) expect(framesContain(s.frames, text)).toBe(false);
    }
  });
});
