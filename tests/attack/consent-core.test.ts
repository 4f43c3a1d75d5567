import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket, waitUntil, yClient, type RawSocket } from '../helpers/ws.ts';
import { docOf, framesContain, textsOf } from '../helpers/scenario.ts';
import { notesOf } from '../../shared/board/items.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { assignCaseCoordinator } from '../../server/access/case-roles.ts';
import { userDeactivated } from '../../server/access/access-changed.ts';

/**
 * Issue 8, played by the insider who must not get in, over raw WebSockets and raw HTTP: rule 1
 * (the workspace and the coordinating organisation), rule 4 (another agency's item), rule 8 (the
 * person's own information) and rule 10 (narrowing nobody announced is caught by the sweep; an
 * account deactivated is out everywhere). Rule 2 is in revocation.test.ts, rule 9 in
 * consent-expiry.test.ts, rule 10's failing audit store in narrowing-failures.test.ts.
 */
const Y_ = 'meeting:meeting-yamada-1';
const S_ = 'meeting:meeting-sasaki-1';
const haruBasic = docOf('p-haru', 'basic', 'org-shakyo');
const haruLiving = docOf('p-haru', 'living', 'org-houkatsu');
const miwaWhereabouts = docOf('p-miwa', 'dv_whereabouts', 'org-kodomo');
const yotaReporter = docOf('p-yota', 'child_protection', 'org-kodomo');
const REFUSAL = { code: 4404, reason: 'unknown document' };

const syncStep1 = () => new Uint8Array([0, 0, 1, 0]);
/** A y-protocols "update" frame carrying one forged note. */
function forgedUpdate(id: string, text: string): Uint8Array {
  const doc = new Y.Doc();
  notesOf(doc).set(id, { id, text, authorName: 'x', authorOrgName: 'x', createdAt: '' });
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc));
  return encoding.toUint8Array(e);
}
/** Frames of one connection are handled in order: a step 2 after the step 1 proves all before it were. */
async function handled(s: RawSocket): Promise<void> {
  const before = s.frames.length;
  s.ws.send(syncStep1());
  await waitUntil(() => s.frames.slice(before).some((f) => f[0] === 0 && f[1] === 1), 5000, 'sync step 2');
}

describe('consent holds outside the running meeting (attacker side)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ expiryCheckMs: 3_600_000 });
    // A second facilitator of the coordinating organisation (社協), not assigned to any case.
    await server.deps.db
      .insertInto('users')
      .values({ id: 'u-kobayashi', username: 'kobayashi', password_hash: await hashPassword('kasane-demo'), display_name: '小林 直人', org_id: 'org-shakyo', role: 'facilitator', created_at: new Date().toISOString() })
      .execute();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('rule 1: a facilitator of the coordinating organisation who is not the case’s coordinator manages nothing and opens nothing', async () => {
    const kobayashi = await login(server.url, 'kobayashi');
    // Even the item his own organisation entered: the workspace is not his, so it does not exist for him.
    const s = rawSocket(server.url, haruBasic, { cookie: kobayashi, ctx: 'workspace:case-yamada' });
    const unknown = rawSocket(server.url, haruBasic, { cookie: kobayashi, ctx: 'workspace:no-such-case' });
    expect(await s.closed).toEqual(REFUSAL);
    expect(await unknown.closed).toEqual(REFUSAL);
    expect(s.frames).toHaveLength(0);
    const manifest = await api(server.url, kobayashi, 'GET', '/api/cases/case-yamada/manifest?ctx=workspace:case-yamada');
    expect(manifest.status).toBe(404);
    const meetingSocket = rawSocket(server.url, haruBasic, { cookie: kobayashi, ctx: Y_ });
    expect(await meetingSocket.closed).toEqual(REFUSAL);

    const before = await server.deps.db.selectFrom('consent_records').select('id').execute();
    const recorded = await api(server.url, kobayashi, 'POST', '/api/cases/case-yamada/persons/p-haru/consents', {
      status: 'withdrawn', method: 'written', validFrom: null, validUntil: null, scope: [], note: '越権',
    });
    expect([403, 404]).toContain(recorded.status);
    expect(await server.deps.db.selectFrom('consent_records').select('id').execute()).toHaveLength(before.length);
  });

  it('rule 1: once assigned as a coordinator he manages the case, and still sees only what consent or supplying allows', async () => {
    await assignCaseCoordinator(server.deps.db, 'case-sasaki', 'u-kobayashi', 'u-tanaka');
    const kobayashi = await login(server.url, 'kobayashi');
    // 佐々木さん has given no consent: in the workspace he sees only what 社協 entered.
    const manifest = await (await api(server.url, kobayashi, 'GET', '/api/cases/case-sasaki/manifest?ctx=workspace:case-sasaki')).json();
    expect(manifest.compartments.map((c: { docName: string; access: string }) => [c.docName, c.access])).toEqual([[docOf('p-miwa', 'basic', 'org-shakyo'), 'write']]);
    for (const doc of [miwaWhereabouts, yotaReporter, docOf('p-miwa', 'finances', 'org-konkyu')]) {
      const s = rawSocket(server.url, doc, { cookie: kobayashi, ctx: 'workspace:case-sasaki' });
      expect(await s.closed, doc).toEqual(REFUSAL);
      expect(s.frames).toHaveLength(0);
    }
    // He holds the management rights now: recording consent works.
    const recorded = await api(server.url, kobayashi, 'POST', '/api/cases/case-sasaki/persons/p-yota/consents', {
      status: 'refused', method: 'oral', validFrom: null, validUntil: null, scope: [], note: '本人確認済み',
    });
    expect(recorded.status).toBe(201);
    // In the 支援会議 he convenes, he is admitted as facilitator, and sees nothing before affirming.
    const unaffirmed = rawSocket(server.url, docOf('p-miwa', 'finances', 'org-konkyu'), { cookie: kobayashi, ctx: S_ });
    expect(await unaffirmed.closed).toEqual(REFUSAL);
  });

  it('rule 4: a raw update from an agency that did not enter the item changes nothing for anybody, and is audited once', async () => {
    const sato = await login(server.url, 'sato');
    const tanaka = await login(server.url, 'tanaka');
    const supplier = yClient(server.url, haruBasic, tanaka, Y_);
    await supplier.synced();
    const attacker = rawSocket(server.url, haruBasic, { cookie: sato, ctx: Y_ });
    await waitUntil(() => attacker.frames.length > 0);
    for (let i = 0; i < 3; i += 1) attacker.ws.send(forgedUpdate(`forged-${i}`, `改ざん${i}`));
    await handled(attacker);
    // The supplier writes after the forgeries: it reaches the attacker (he still reads) ...
    notesOf(supplier.doc).set('marker', { id: 'marker', text: '社協の追記', authorName: 'tanaka', authorOrgName: '', createdAt: '' });
    await waitUntil(() => framesContain(attacker.frames, '社協の追記'), 5000, 'the marker at the attacker');
    // ... and no forgery reached the supplier or the store.
    for (let i = 0; i < 3; i += 1) expect(notesOf(supplier.doc).has(`forged-${i}`)).toBe(false);
    const stored = new Y.Doc();
    for (const u of (await server.deps.docs.loadUpdates(haruBasic)).updates) Y.applyUpdate(stored, u);
    expect(notesOf(stored).has('marker')).toBe(true);
    for (let i = 0; i < 3; i += 1) expect(notesOf(stored).has(`forged-${i}`)).toBe(false);
    // Audited once for the connection while it is open, not once per frame.
    const drops = () =>
      server.deps.db
        .selectFrom('audit_log')
        .select('detail_json')
        .where('action', '=', 'doc.write_dropped')
        .where('actor_user_id', '=', 'u-sato')
        .where('doc_name', '=', haruBasic)
        .execute();
    // All three forgeries were handled before the step 2 above; the entry is written asynchronously.
    await waitUntil(async () => (await drops()).length > 0, 5000, 'the write_dropped entry');
    expect(await drops()).toHaveLength(1);
    attacker.ws.close();
    supplier.destroy();
  });

  it('rule 8: the person receives her own whereabouts, never the item marked not to disclose to her', async () => {
    const miwa = await login(server.url, 'miwa');
    const own = rawSocket(server.url, miwaWhereabouts, { cookie: miwa, ctx: S_ });
    await waitUntil(() => own.frames.length > 0);
    await handled(own);
    for (const text of textsOf(miwaWhereabouts)) expect(framesContain(own.frames, text)).toBe(true);
    // Read only: her update changes nothing.
    own.ws.send(forgedUpdate('miwa-edit', '本人の書き換え'));
    await handled(own);
    const stored = new Y.Doc();
    for (const u of (await server.deps.docs.loadUpdates(miwaWhereabouts)).updates) Y.applyUpdate(stored, u);
    expect(notesOf(stored).has('miwa-edit')).toBe(false);
    own.ws.close();

    const reporter = rawSocket(server.url, yotaReporter, { cookie: miwa, ctx: S_ });
    expect(await reporter.closed).toEqual(REFUSAL);
    expect(reporter.frames).toHaveLength(0);
  });

  it('rule 10: narrowing nobody announced (a row removed behind the API, a session gone) is caught by the sweep', async () => {
    const sato = await login(server.url, 'sato');
    const suzuki = await login(server.url, 'suzuki');
    const satoLiving = rawSocket(server.url, haruLiving, { cookie: sato, ctx: Y_ });
    const suzukiLiving = rawSocket(server.url, haruLiving, { cookie: suzuki, ctx: Y_ });
    await waitUntil(() => satoLiving.frames.length > 0 && suzukiLiving.frames.length > 0);
    await server.deps.db.deleteFrom('meeting_participants').where('meeting_id', '=', 'meeting-yamada-1').where('user_id', '=', 'u-suzuki').execute();
    const satoSession = sato.split('=')[1]!;
    await server.deps.db.deleteFrom('sessions').where('id', '=', satoSession).execute();
    await server.expiryWatch.tick();
    expect((await suzukiLiving.closed).code).toBe(4410);
    expect((await satoLiving.closed).code).toBe(4401);
  });

  it('rule 10: a deactivated account loses every socket at once and cannot come back with its session', async () => {
    const ito = await login(server.url, 'ito');
    const a = rawSocket(server.url, docOf('p-haru', 'health', 'org-clinic'), { cookie: ito, ctx: Y_ });
    const b = rawSocket(server.url, 'meeting/meeting-yamada-1', { cookie: ito });
    await waitUntil(() => a.frames.length > 0 && b.frames.length > 0);
    await userDeactivated(server.deps, 'u-ito');
    expect((await a.closed).code).toBe(4410);
    expect((await b.closed).code).toBe(4410);
    const again = rawSocket(server.url, docOf('p-haru', 'health', 'org-clinic'), { cookie: ito, ctx: Y_ });
    expect((await again.closed).code).toBe(4401);
    expect(again.frames).toHaveLength(0);
  });
});
