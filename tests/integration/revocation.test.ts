import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket, waitUntil, yClient } from '../helpers/ws.ts';
import { docOf, framesContain } from '../helpers/scenario.ts';
import { notesOf } from '../../shared/board/items.ts';
import { SCENARIO_CONSENTS } from '../../server/seed/demo-scenarios.ts';

const CTX = 'meeting:meeting-yamada-1';
const haruBasic = docOf('p-haru', 'basic', 'org-shakyo');
const haruLiving = docOf('p-haru', 'living', 'org-houkatsu');
const haruHealthClinic = docOf('p-haru', 'health', 'org-clinic');
const haruHealthHoukatsu = docOf('p-haru', 'health', 'org-houkatsu');
const haruFinances = docOf('p-haru', 'finances', 'org-konkyu');

const note = (id: string, text: string) => ({ id, text, authorName: 't', authorOrgName: 't', createdAt: new Date().toISOString() });

describe('withdrawing consent while people are connected and editing', () => {
  let server: TestServer;
  /** The notes of a compartment as the store holds them (what survives a restart). */
  const storedNotes = async (docName: string) => {
    const doc = new Y.Doc();
    for (const u of (await server.deps.docs.loadUpdates(docName)).updates) Y.applyUpdate(doc, u);
    return notesOf(doc);
  };
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('closes exactly the connections that lost access before the API answers, and nothing more arrives', async () => {
    const tanaka = await login(server.url, 'tanaka');
    const sato = await login(server.url, 'sato');
    const ito = await login(server.url, 'ito');
    const takahashi = await login(server.url, 'takahashi');

    // sato (包括) holds the clinic's health item and his own agency's; ito (clinic) holds both too.
    const satoClinic = rawSocket(server.url, haruHealthClinic, { cookie: sato, ctx: CTX });
    const satoOwn = yClient(server.url, haruHealthHoukatsu, sato, CTX);
    const satoBasic = yClient(server.url, haruBasic, sato, CTX);
    const itoClinic = yClient(server.url, haruHealthClinic, ito, CTX);
    const takahashiFinances = yClient(server.url, haruFinances, takahashi, CTX);
    const tanakaFinances = rawSocket(server.url, haruFinances, { cookie: tanaka, ctx: CTX });
    await Promise.all([satoOwn.synced(), satoBasic.synced(), itoClinic.synced(), takahashiFinances.synced()]);
    await waitUntil(() => satoClinic.frames.length > 0 && tanakaFinances.frames.length > 0);

    // Editing is going on while the facilitator records the withdrawal.
    let typing = true;
    let n = 0;
    const typist = (async () => {
      while (typing) {
        notesOf(itoClinic.doc).set(`live-${n}`, note(`live-${n}`, `経過観察メモ${n}`));
        n += 1;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await new Promise((r) => setTimeout(r, 50));

    const haru = SCENARIO_CONSENTS.find((c) => c.personId === 'p-haru')!;
    // Health and finances leave the scope; basic and living stay.
    const narrowed = haru.scope.filter((e) => e.category !== 'health' && e.category !== 'finances');
    const res = await api(server.url, tanaka, 'POST', '/api/cases/case-yamada/persons/p-haru/consents', {
      status: 'granted',
      method: 'written',
      validFrom: null,
      validUntil: null,
      scope: narrowed,
      note: '医療と収入の共有を撤回',
    });
    expect(res.status).toBe(201);
    // Order: by the time the API answers, the server holds no connection of the withdrawn
    // compartments for those who lost them (revocation first, answer after).
    const stillOpen = await server.deps.rooms.connectionsWhere(
      (c) => (c.user.id === 'u-sato' && c.docName === haruHealthClinic) || (c.user.id === 'u-tanaka' && c.docName === haruFinances),
    );
    expect(stillOpen).toEqual([]);

    const satoClosed = await satoClinic.closed;
    const tanakaClosed = await tanakaFinances.closed;
    expect(satoClosed.code).toBe(4410);
    expect(tanakaClosed.code).toBe(4410);
    const framesAtClose = satoClinic.frames.length;

    // The suppliers keep their own items and keep working: ito's typing still reaches the store,
    // sato's own agency's document and the basic one stay open.
    typing = false;
    await typist;
    notesOf(itoClinic.doc).set('after', note('after', '撤回後の記録'));
    notesOf(satoOwn.doc).set('own', note('own', '包括の追記'));
    notesOf(takahashiFinances.doc).set('fin', note('fin', '自立相談の追記'));
    // Positive markers: each write is in the store (so each socket carried it after the withdrawal).
    await waitUntil(async () => (await storedNotes(haruHealthClinic)).has('after'), 5000, 'ito after the withdrawal');
    await waitUntil(async () => (await storedNotes(haruHealthHoukatsu)).has('own'), 5000, "sato's own write");
    await waitUntil(async () => (await storedNotes(haruFinances)).has('fin'), 5000, "takahashi's own write");
    expect(satoOwn.closes).toEqual([]);
    expect(satoBasic.closes).toEqual([]);
    expect(itoClinic.closes).toEqual([]);
    expect(takahashiFinances.closes).toEqual([]);
    // Every note ito typed during the withdrawal was kept: nothing of the supplier's work was lost.
    const clinicNotes = await storedNotes(haruHealthClinic);
    for (let i = 0; i < n; i += 1) expect(clinicNotes.has(`live-${i}`), `live-${i}`).toBe(true);

    // Nothing of the withdrawn compartment reached sato after the close, and he cannot come back.
    expect(satoClinic.frames.length).toBe(framesAtClose);
    expect(framesContain(satoClinic.frames, '撤回後の記録')).toBe(false);
    const retry = rawSocket(server.url, haruHealthClinic, { cookie: sato, ctx: CTX });
    expect(await retry.closed).toEqual({ code: 4404, reason: 'unknown document' });
    expect(retry.frames).toHaveLength(0);

    for (const c of [satoOwn, satoBasic, itoClinic, takahashiFinances]) c.destroy();
  });

  it('removing a participant closes all of their sockets of that meeting, and only theirs', async () => {
    const tanaka = await login(server.url, 'tanaka');
    const suzuki = await login(server.url, 'suzuki');
    const sato = await login(server.url, 'sato');
    const suzukiMinutes = yClient(server.url, 'meeting/meeting-yamada-1', suzuki);
    const suzukiLiving = yClient(server.url, haruLiving, suzuki, CTX);
    const satoLiving = yClient(server.url, haruLiving, sato, CTX);
    await Promise.all([suzukiMinutes.synced(), suzukiLiving.synced(), satoLiving.synced()]);

    const res = await api(server.url, tanaka, 'DELETE', '/api/meetings/meeting-yamada-1/participants/u-suzuki');
    expect(res.status).toBe(200);
    await waitUntil(() => suzukiMinutes.closes.some((c) => c.code === 4410) && suzukiLiving.closes.some((c) => c.code === 4410), 5000, 'suzuki closed');
    expect(satoLiving.closes).toEqual([]);
    for (const c of [suzukiMinutes, suzukiLiving, satoLiving]) c.destroy();
  });

  it('closing the meeting closes every live socket of it with 4409 (see the record); nobody gets back in', async () => {
    const tanaka = await login(server.url, 'tanaka');
    const sato = await login(server.url, 'sato');
    const writer = rawSocket(server.url, haruLiving, { cookie: sato, ctx: CTX });
    const watcher = rawSocket(server.url, haruLiving, { cookie: tanaka, ctx: CTX });
    const minutes = rawSocket(server.url, 'meeting/meeting-yamada-1', { cookie: sato });
    await waitUntil(() => writer.frames.length > 0 && watcher.frames.length > 0 && minutes.frames.length > 0, 5000, 'all three open');
    expect((await api(server.url, tanaka, 'POST', '/api/meetings/meeting-yamada-1/state', { state: 'closed' })).status).toBe(200);
    for (const s of [writer, watcher, minutes]) expect(await s.closed).toEqual({ code: 4409, reason: 'meeting closed; see its record' });
    // The live documents stay shut: reopening gets the one refusal and not one byte.
    for (const [doc, cookie] of [[haruLiving, sato], [haruLiving, tanaka]] as const) {
      const again = rawSocket(server.url, doc, { cookie, ctx: CTX });
      expect(await again.closed).toEqual({ code: 4404, reason: 'unknown document' });
      expect(again.frames).toHaveLength(0);
    }
    const againMinutes = rawSocket(server.url, 'meeting/meeting-yamada-1', { cookie: sato });
    expect((await againMinutes.closed).code).toBe(4404);
    expect(againMinutes.frames).toHaveLength(0);
    // What the closed meeting shows is its record (read-only, filtered as records are).
    const record = await api(server.url, sato, 'GET', '/api/meetings/meeting-yamada-1/record');
    expect(record.status).toBe(200);
    const reopen = await api(server.url, tanaka, 'POST', '/api/meetings/meeting-yamada-1/state', { state: 'open' });
    expect(reopen.status).toBe(409);
  });

  it('only the case’s facilitator may record consent; bad input is refused with a clear message', async () => {
    const sato = await login(server.url, 'sato');
    const tanaka = await login(server.url, 'tanaka');
    const forbidden = await api(server.url, sato, 'POST', '/api/cases/case-yamada/persons/p-haru/consents', { status: 'withdrawn', method: null, validFrom: null, validUntil: null, scope: [] });
    expect(forbidden.status).toBe(403);
    const noMethod = await api(server.url, tanaka, 'POST', '/api/cases/case-yamada/persons/p-haru/consents', { status: 'granted', method: null, validFrom: null, validUntil: null, scope: [] });
    expect(noMethod.status).toBe(400);
    expect((await noMethod.json()).message).toContain('method');
    const unknownOrg = await api(server.url, tanaka, 'POST', '/api/cases/case-yamada/persons/p-haru/consents', { status: 'granted', method: 'oral', validFrom: null, validUntil: null, scope: [{ category: 'health', orgId: 'org-nowhere' }] });
    expect(unknownOrg.status).toBe(400);
    const otherCase = await api(server.url, tanaka, 'POST', '/api/cases/case-sasaki/persons/p-haru/consents', { status: 'withdrawn', method: null, validFrom: null, validUntil: null, scope: [] });
    expect(otherCase.status).toBe(404);
  });
});
