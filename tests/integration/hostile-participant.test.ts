import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { login } from '../helpers/http.ts';
import { rawSocket, waitUntil, yClient } from '../helpers/ws.ts';
import { auditEntries, frame, kindOf, typedUpdates, waitForAudit } from '../helpers/frames.ts';
import { docOf } from '../helpers/scenario.ts';

const MEETING = 'meeting/meeting-yamada-1';
const WRITERS = ['tanaka', 'sato', 'suzuki', 'takahashi', 'ito'];

/** The attacker is a signed-in member of the meeting; the others must not notice. */
describe('a hostile participant cannot hurt the others', () => {
  let server: TestServer;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    server = await startTestServer();
    for (const u of [...WRITERS, 'yuki']) cookies[u] = await login(server.url, u);
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('fast typing (300 keystrokes at 100 a second, each with a caret move) is never limited', async () => {
    const typist = yClient(server.url, MEETING, cookies.tanaka!);
    const reader = yClient(server.url, MEETING, cookies.sato!);
    await Promise.all([typist.synced(), reader.synced()]);
    const text = typist.doc.getText('typing');
    const line = 'きょうの会議では地域包括支援センターからの報告を受けます。'.repeat(10).slice(0, 300);
    for (const ch of line) {
      text.insert(text.length, ch);
      typist.provider.awareness.setLocalStateField('cursor', { at: text.length });
      await new Promise((r) => setTimeout(r, 10));
    }
    await waitUntil(() => reader.doc.getText('typing').toString() === line, 15_000, 'all keystrokes at the reader');
    expect(typist.closes).toEqual([]);
    expect(reader.closes).toEqual([]);
    typist.destroy();
    reader.destroy();
  });

  it('a 20-person meeting joining at once: everyone syncs and sees all 20 presences', async () => {
    const clients = Array.from({ length: 20 }, (_, i) => yClient(server.url, MEETING, cookies[WRITERS[i % WRITERS.length]!]!));
    for (const [i, c] of clients.entries()) c.provider.awareness.setLocalStateField('presence', { seat: i });
    await Promise.all(clients.map((c) => c.synced()));
    // Everyone writes a line at the same moment, as a meeting does when the agenda opens.
    clients.forEach((c, i) => c.doc.getText(`join-${i}`).insert(0, `参加者${i}`));
    await waitUntil(() => clients.every((c) => c.provider.awareness.getStates().size >= 20), 15_000, '20 presences everywhere');
    await waitUntil(() => clients.every((c) => clients.every((_, i) => c.doc.getText(`join-${i}`).toString() === `参加者${i}`)), 15_000, 'all lines everywhere');
    expect(clients.flatMap((c) => c.closes)).toEqual([]);
    for (const c of clients) c.destroy();
  });

  it('an update flood closes the flooder with 4429 (audited); the meeting carries on', async () => {
    const honest = yClient(server.url, MEETING, cookies.tanaka!);
    const watcher = yClient(server.url, MEETING, cookies.ito!);
    await Promise.all([honest.synced(), watcher.synced()]);
    const flooder = rawSocket(server.url, MEETING, { cookie: cookies.sato! });
    await flooder.opened;
    const updates = typedUpdates(new Y.Doc(), 'x'.repeat(5000), 'flood');
    for (const u of updates) flooder.ws.send(frame.update(u));
    const closed = await flooder.closed;
    expect(closed).toEqual({ code: 4429, reason: 'too many messages' });
    const entry = await waitForAudit(server, 'doc.closed', (d) => d.code === 4429, 'u-sato');
    expect(entry.detail.why).toMatch(/update_rate|frame_rate|input_backlog/);
    // Far fewer than the 5000 reached the others, and the honest clients were never closed.
    honest.doc.getText('after-flood').insert(0, 'まだ話せます');
    await waitUntil(() => watcher.doc.getText('after-flood').toString() === 'まだ話せます', 10_000, 'honest edit after the flood');
    expect(watcher.doc.getText('flood').length).toBeLessThan(1000);
    expect([...honest.closes, ...watcher.closes]).toEqual([]);
    honest.destroy();
    watcher.destroy();
  });

  it('repeated awareness queries and step 1s are answered at a bounded rate, not once each', async () => {
    const writer = yClient(server.url, MEETING, cookies.tanaka!);
    await writer.synced();
    writer.doc.getText('big').insert(0, 'あ'.repeat(50_000)); // a document worth asking for
    writer.provider.awareness.setLocalStateField('presence', { here: true });
    const asker = rawSocket(server.url, MEETING, { cookie: cookies.suzuki! });
    await waitUntil(() => asker.frames.some((f) => kindOf(f) === 'awareness'), 5000, 'the writer’s presence at the asker');
    const before = asker.frames.length;
    for (let i = 0; i < 300; i++) asker.ws.send(frame.queryAwareness());
    for (let i = 0; i < 300; i++) asker.ws.send(frame.step1());
    // Marker: an edit made after the flood reaches the asker (broadcasts are never paced).
    const markerDone = () => asker.frames.slice(before).some((f) => kindOf(f) === 'update' && Buffer.from(f).includes(Buffer.from('合図')));
    await waitUntil(() => asker.frames.length > before, 5000, 'a first answer');
    writer.doc.getText('marker').insert(0, '合図');
    await waitUntil(markerDone, 10_000, 'the marker');
    // The step 1s asked while the burst was spent are answered once, later (coalesced).
    await waitUntil(() => asker.frames.slice(before).some((f) => kindOf(f) === 'step2'), 10_000, 'the paced step 2');
    const answers = asker.frames.slice(before);
    const step2s = answers.filter((f) => kindOf(f) === 'step2').length;
    const presences = answers.filter((f) => kindOf(f) === 'awareness').length;
    expect(step2s + presences).toBeLessThanOrEqual(8); // a burst of 4 answers, then 1 a second
    expect(asker.ws.readyState).toBe(1);
    asker.ws.close();
    writer.destroy();
  });

  it('updates under another member’s Yjs client id are refused (4422); the victim’s later edits survive', async () => {
    const victim = yClient(server.url, MEETING, cookies.tanaka!);
    await victim.synced();
    victim.doc.getText('victim').insert(0, '本人の記録');
    const forger = rawSocket(server.url, MEETING, { cookie: cookies.sato! });
    await forger.opened;
    forger.ws.send(frame.step1());
    await waitUntil(() => forger.frames.some((f) => Buffer.from(f).includes(Buffer.from('本人の記録'))), 5000, 'the victim’s edit at the forger');
    // The forger continues the victim's client id and clocks.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(victim.doc));
    forged.clientID = victim.doc.clientID;
    const [update] = typedUpdates(forged, '偽', 'victim');
    forger.ws.send(frame.update(update!));
    expect((await forger.closed).code).toBe(4422);
    await waitForAudit(server, 'doc.closed', (d) => d.why === 'foreign_client_id' && d.clientId === victim.doc.clientID, 'u-sato');
    // The victim keeps typing under its own id (same clocks the forger tried to take).
    victim.doc.getText('victim').insert(0, '続き:');
    const late = yClient(server.url, MEETING, cookies.ito!);
    await late.synced();
    await waitUntil(() => late.doc.getText('victim').toString() === '続き:本人の記録', 5000, 'the victim’s text at a late joiner');
    expect(late.doc.getText('victim').toString()).not.toContain('偽');
    late.destroy();
    victim.destroy();
  });

  it('one presence per connection, stamped by the server: nobody overwrites, removes or freezes another’s', async () => {
    const victim = yClient(server.url, MEETING, cookies.tanaka!);
    const watcher = yClient(server.url, MEETING, cookies.ito!);
    await Promise.all([victim.synced(), watcher.synced()]);
    victim.provider.awareness.setLocalStateField('presence', { note: 'v1' });
    const victimState = () => watcher.provider.awareness.getStates().get(victim.doc.clientID) as { presence?: { note?: string; userId?: string } } | undefined;
    await waitUntil(() => victimState()?.presence?.note === 'v1', 5000, 'the victim’s presence');
    const attacker = rawSocket(server.url, MEETING, { cookie: cookies.sato! });
    await attacker.opened;
    const ownId = 424242;
    attacker.ws.send(
      frame.awareness([
        { clientId: victim.doc.clientID, clock: 2 ** 30, json: JSON.stringify({ presence: { note: 'hijacked' } }) },
        { clientId: 777, clock: 1, json: JSON.stringify({ presence: { note: 'second state' } }) },
      ]),
    );
    attacker.ws.send(frame.awareness([{ clientId: victim.doc.clientID, clock: 2 ** 30 + 1, json: 'null' }]));
    attacker.ws.send(frame.awareness([{ clientId: ownId, clock: 1, json: JSON.stringify({ presence: { note: 'mine' } }) }]));
    // Marker: the attacker's own state arrives, stamped as sato.
    const seen = (id: number) => watcher.provider.awareness.getStates().get(id) as { presence?: { note?: string; userId?: string } } | undefined;
    await waitUntil(() => seen(ownId) !== undefined || seen(777) !== undefined, 5000, 'the attacker’s own presence');
    // The first id it announced (777: the victim's was refused) is its one state; 'mine' under another id is dropped.
    expect(seen(777)?.presence).toMatchObject({ note: 'second state', userId: 'u-sato' });
    expect(seen(ownId)).toBeUndefined();
    expect(victimState()?.presence).toMatchObject({ note: 'v1', userId: 'u-tanaka' });
    // Not frozen: the victim's next state (a normal clock) still shows.
    victim.provider.awareness.setLocalStateField('presence', { note: 'v2' });
    await waitUntil(() => victimState()?.presence?.note === 'v2', 5000, 'the victim’s next presence');
    // A huge state closes the sender with 1009.
    attacker.ws.send(frame.awareness([{ clientId: 777, clock: 2, json: JSON.stringify({ presence: { note: 'x'.repeat(100_000) } }) }]));
    expect((await attacker.closed).code).toBe(1009);
    await waitUntil(() => seen(777) === undefined, 5000, 'the attacker leaves the presence list');
    victim.destroy();
    watcher.destroy();
  });

  it('read-only: a synced viewer’s normal replies are no write; a real change is dropped and audited once', async () => {
    const doc = docOf('p-haru', 'basic', 'org-shakyo');
    const ctx = 'meeting:meeting-yamada-1';
    // The document has a delete set worth sending back (typed, then partly deleted).
    const writer = yClient(server.url, doc, cookies.tanaka!, ctx);
    await writer.synced();
    writer.doc.getText('ro').insert(0, '消される文残る文');
    writer.doc.getText('ro').delete(0, 5);
    const viewer = yClient(server.url, doc, cookies.yuki!, ctx);
    await viewer.synced();
    await waitUntil(() => viewer.doc.getText('ro').toString() === '残る文', 5000, 'the viewer has the text');
    // Marker: the viewer's frames are handled in order; the answer to this query comes after its step 2.
    const gotAwareness = new Promise<void>((resolve) => viewer.provider.ws!.addEventListener('message', (e) => kindOf(new Uint8Array(e.data as ArrayBuffer)) === 'awareness' && resolve()));
    viewer.provider.ws!.send(frame.queryAwareness());
    await gotAwareness;
    expect(await auditEntries(server, 'doc.write_dropped', 'u-yuki')).toEqual([]);
    // A real change is a write attempt: dropped, audited, never reaches the writer.
    viewer.doc.getText('ro').insert(0, '家族の書き込み');
    const entry = await waitForAudit(server, 'doc.write_dropped', () => true, 'u-yuki');
    expect(entry.docName).toBe(doc);
    writer.doc.getText('ro').insert(0, '後:');
    await waitUntil(() => viewer.doc.getText('ro').toString().includes('後:'), 5000, 'a later edit at the viewer');
    expect(writer.doc.getText('ro').toString()).toBe('後:残る文');
    writer.destroy();
    viewer.destroy();
  });

  it('a text frame or a truncated frame closes with 4400 and is audited with its reason', async () => {
    const s = rawSocket(server.url, MEETING, { cookie: cookies.takahashi! });
    await s.opened;
    s.ws.send(new Uint8Array([0, 2, 50, 1]));
    expect((await s.closed).code).toBe(4400);
    const entry = await waitForAudit(server, 'doc.closed', (d) => d.code === 4400, 'u-takahashi');
    expect(entry.detail).toMatchObject({ why: 'malformed', error: 'truncated message' });
    const t = rawSocket(server.url, MEETING, { cookie: cookies.takahashi! });
    await t.opened;
    t.ws.send('hello');
    expect((await t.closed).code).toBe(4400);
  });
});

describe('size limits (configured small here)', () => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => {
    const base = (await import('../../server/config.ts')).collabLimitsFromEnv({});
    server = await startTestServer({ limits: { ...base, maxUpdateBytes: 64 * 1024, maxDocBytes: 256 * 1024, maxBufferedBytes: 256 * 1024, connUpdateBytesBurst: 64 * 1024 * 1024 } });
    cookie = await login(server.url, 'tanaka');
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('an update over the maximum closes with 1009 and is audited', async () => {
    const s = rawSocket(server.url, MEETING, { cookie });
    await s.opened;
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x'.repeat(100 * 1024));
    s.ws.send(frame.update(Y.encodeStateAsUpdate(doc)));
    expect((await s.closed).code).toBe(1009);
    await waitForAudit(server, 'doc.closed', (d) => d.why === 'update_too_large', 'u-tanaka');
  });

  it('a document at its maximum refuses growth with 4413; what it holds stays', async () => {
    const s = rawSocket(server.url, MEETING, { cookie });
    await s.opened;
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 8; i++) doc.getText('t').insert(0, String(i).repeat(50 * 1024));
    for (const u of updates) s.ws.send(frame.update(u));
    expect((await s.closed).code).toBe(4413);
    const reader = yClient(server.url, MEETING, await login(server.url, 'sato'));
    await reader.synced();
    const kept = reader.doc.getText('t').length;
    expect(kept).toBeGreaterThanOrEqual(50 * 1024);
    expect(kept).toBeLessThanOrEqual(256 * 1024);
    reader.destroy();
  });
});

describe('backpressure (output cap configured small here)', () => {
  let server: TestServer;
  let cookie: string;
  beforeAll(async () => {
    const base = (await import('../../server/config.ts')).collabLimitsFromEnv({});
    server = await startTestServer({ limits: { ...base, maxBufferedBytes: 256 * 1024, connUpdateBytesBurst: 64 * 1024 * 1024 } });
    cookie = await login(server.url, 'tanaka');
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('a client that stops reading is cut off past the output cap (audited); others keep receiving', async () => {
    const slow = rawSocket(server.url, 'meeting/meeting-sasaki-1', { cookie });
    await slow.opened;
    (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const writer = rawSocket(server.url, 'meeting/meeting-sasaki-1', { cookie: await login(server.url, 'watanabe') });
    const reader = yClient(server.url, 'meeting/meeting-sasaki-1', await login(server.url, 'takahashi'));
    await Promise.all([writer.opened, reader.synced()]);
    // 60 KiB updates (under the update cap), far more than socket buffers hold, at the rate limit.
    const doc = new Y.Doc();
    let last: Uint8Array | null = null;
    doc.on('update', (u: Uint8Array) => (last = u));
    let sent = 0;
    while (!(await auditEntries(server, 'doc.closed', 'u-tanaka')).some((e) => e.detail.why === 'slow_reader')) {
      if (sent >= 600) throw new Error('the slow reader was never cut off');
      doc.getText(`x${sent}`).insert(0, 'y'.repeat(60 * 1024));
      writer.ws.send(frame.update(last!));
      sent += 1;
      // The reader keeps up (awaited), so the server's pace is the reader's.
      await waitUntil(() => reader.doc.getText(`x${sent - 1}`).length === 60 * 1024, 10_000, 'the reader keeps up');
    }
    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    await slow.closed;
    expect(reader.closes).toEqual([]);
    writer.ws.close();
    reader.destroy();
  });
});

describe('socket opens per user', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('a reconnect storm of one user is refused with 4429 (audited once a minute); another user still gets in', async () => {
    const cookie = await login(server.url, 'sato');
    const sockets = Array.from({ length: 90 }, () => rawSocket(server.url, MEETING, { cookie }));
    const closes = await Promise.all(
      sockets.map(async (s) => {
        await s.opened;
        // Either refused (closed by the server) or served (its first frame, the server's step 1).
        await Promise.race([s.closed, waitUntil(() => s.frames.length > 0, 10_000, 'served')]);
        return s.frames.length > 0 ? 'served' : (await s.closed).code;
      }),
    );
    expect(closes.filter((c) => c === 'served').length).toBeGreaterThanOrEqual(50);
    expect(closes.filter((c) => c === 4429).length).toBeGreaterThanOrEqual(20);
    expect(closes.every((c) => c === 'served' || c === 4429)).toBe(true);
    const denied = (await auditEntries(server, 'doc.denied', 'u-sato')).filter((e) => /too_many/.test(String(e.detail.reason)));
    expect(denied).toHaveLength(1);
    const other = yClient(server.url, MEETING, await login(server.url, 'ito'));
    await other.synced();
    other.destroy();
    for (const s of sockets) s.ws.terminate();
  });
});
