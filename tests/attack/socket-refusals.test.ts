/**
 * Rule 3 on the collaboration socket (issue 8), from the attacker's side: ito (ひだまりクリニック)
 * opens raw WebSockets for documents he may not have and for documents that do not exist. Every
 * refusal must look the same (one close code, one reason) and carry not a single frame.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { login } from '../helpers/http.ts';
import { rawSocket } from '../helpers/ws.ts';

const Y = 'meeting:meeting-yamada-1';

describe('a refused document and an unknown one close the socket alike', () => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => {
    server = await startTestServer();
    cookie = await login(server.url, 'ito');
  });
  afterAll(async () => {
    await server.dispose();
  });

  const docOf = async (caseId: string, category: string) =>
    (await server.deps.db.selectFrom('compartments').select('doc_name').where('case_id', '=', caseId).where('category', '=', category).executeTakeFirstOrThrow()).doc_name;

  it('forbidden, other case, foreign or unknown context, unknown document, case or meeting: one close code and reason, no frame', async () => {
    const yamadaFinances = await docOf('case-yamada', 'finances');
    const yamadaBasic = await docOf('case-yamada', 'basic');
    const sasakiBasic = await docOf('case-sasaki', 'basic');
    const attempts: { what: string; doc: string; ctx?: string }[] = [
      { what: 'a forbidden compartment of his own meeting', doc: yamadaFinances, ctx: Y },
      { what: 'a compartment of another case', doc: sasakiBasic, ctx: Y },
      { what: 'a foreign context (another case’s meeting)', doc: yamadaBasic, ctx: 'meeting:meeting-sasaki-1' },
      { what: 'an unknown context', doc: yamadaBasic, ctx: 'meeting:meeting-nonexistent' },
      { what: 'a workspace he does not manage', doc: yamadaBasic, ctx: 'workspace:case-yamada' },
      { what: 'no context at all', doc: yamadaBasic },
      { what: 'the meeting document of a meeting he is not in', doc: 'meeting/meeting-sasaki-1' },
      { what: 'an unregistered compartment name', doc: 'case/case-yamada/p/p-haru/justice/o/org-shakyo', ctx: Y },
      { what: 'a compartment of an unknown case', doc: 'case/case-nonexistent/p/p-x/basic/o/org-shakyo', ctx: Y },
      { what: 'the meeting document of an unknown meeting', doc: 'meeting/meeting-nonexistent' },
    ];
    const seen: { what: string; code: number; reason: string; frames: number }[] = [];
    for (const a of attempts) {
      const s = rawSocket(server.url, a.doc, { cookie, ctx: a.ctx });
      const closed = await s.closed;
      seen.push({ what: a.what, ...closed, frames: s.frames.length });
    }
    const first = seen[0]!;
    expect(first.code).toBeGreaterThanOrEqual(4400);
    for (const s of seen) expect(s, s.what).toEqual({ what: s.what, code: first.code, reason: first.reason, frames: 0 });
  });
});
