import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { login } from '../helpers/http.ts';
import { rawSocket, waitUntil, yClient } from '../helpers/ws.ts';

const MEETING_DOC = 'meeting/meeting-yamada-1';

describe('two people co-edit the minutes over real WebSockets', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('two y-websocket clients converge on the same text, both ways', async () => {
    const tanaka = yClient(server.url, MEETING_DOC, await login(server.url, 'tanaka'));
    const sato = yClient(server.url, MEETING_DOC, await login(server.url, 'sato'));
    await Promise.all([tanaka.synced(), sato.synced()]);

    tanaka.doc.getText('notes').insert(0, '本人は自宅での生活継続を希望。');
    sato.doc.getText('notes').insert(0, '包括: 週1回訪問。');
    await waitUntil(() => tanaka.doc.getText('notes').length === sato.doc.getText('notes').length && sato.doc.getText('notes').length > 20);
    expect(sato.doc.getText('notes').toString()).toBe(tanaka.doc.getText('notes').toString());
    expect(sato.doc.getText('notes').toString()).toContain('本人は自宅での生活継続を希望。');
    expect(tanaka.doc.getText('notes').toString()).toContain('包括: 週1回訪問。');
    tanaka.destroy();
    sato.destroy();
  });

  it('each sees the other in awareness (presence), and the leaver disappears at once', async () => {
    const tanaka = yClient(server.url, MEETING_DOC, await login(server.url, 'tanaka'));
    const sato = yClient(server.url, MEETING_DOC, await login(server.url, 'sato'));
    await Promise.all([tanaka.synced(), sato.synced()]);
    tanaka.provider.awareness.setLocalStateField('presence', { userId: 'u-tanaka' });
    sato.provider.awareness.setLocalStateField('presence', { userId: 'u-sato' });
    const seenBy = (c: typeof tanaka) => [...c.provider.awareness.getStates().values()].map((s) => (s as { presence?: { userId: string } }).presence?.userId);
    await waitUntil(() => seenBy(tanaka).includes('u-sato') && seenBy(sato).includes('u-tanaka'), 5000, 'presence');
    sato.destroy();
    await waitUntil(() => !seenBy(tanaka).includes('u-sato'), 3000, 'sato to leave');
    tanaka.destroy();
  });

  it('keeps everything typed across a server restart', async () => {
    const text = 'モニタリングは3か月後 (令和9年2月)。';
    const before = yClient(server.url, MEETING_DOC, await login(server.url, 'tanaka'));
    await before.synced();
    before.doc.getText('restart').insert(0, text);
    // Wait until the server has echoed the state: the update is stored before any peer sees it.
    const observer = yClient(server.url, MEETING_DOC, await login(server.url, 'sato'));
    await observer.synced();
    await waitUntil(() => observer.doc.getText('restart').toString() === text);
    before.destroy();
    observer.destroy();

    server = await server.restart();
    const after = yClient(server.url, MEETING_DOC, await login(server.url, 'sato'));
    await after.synced();
    expect(after.doc.getText('restart').toString()).toBe(text);
    after.destroy();
  });

  it('a malformed frame closes only that connection; the server and the document carry on', async () => {
    const cookie = await login(server.url, 'sato');
    const editor = yClient(server.url, MEETING_DOC, await login(server.url, 'tanaka'));
    await editor.synced();
    editor.doc.getText('robust').insert(0, '壊れたフレームの前');

    const attacker = rawSocket(server.url, MEETING_DOC, { cookie });
    expect(await attacker.opened).toBe(true);
    // type sync (0), sub-type update (2), then a length prefix promising far more than follows.
    attacker.ws.send(new Uint8Array([0, 2, 0xff, 0xff, 0x03, 1, 2, 3]));
    expect((await attacker.closed).code).toBe(4400);

    const garbage = rawSocket(server.url, MEETING_DOC, { cookie });
    await garbage.opened;
    // A well-framed update whose content is not a Yjs update.
    garbage.ws.send(new Uint8Array([0, 2, 5, 9, 9, 9, 9, 9]));
    expect((await garbage.closed).code).toBe(4400);

    const text = rawSocket(server.url, MEETING_DOC, { cookie });
    await text.opened;
    text.ws.send('hello');
    expect((await text.closed).code).toBe(4400);

    editor.doc.getText('robust').insert(0, '→ 後も編集できる: ');
    const reader = yClient(server.url, MEETING_DOC, cookie);
    await reader.synced();
    await waitUntil(() => reader.doc.getText('robust').toString() === '→ 後も編集できる: 壊れたフレームの前');
    editor.destroy();
    reader.destroy();
  });

  it('an oversized frame is refused with 1009 and nothing of it is stored', async () => {
    const cookie = await login(server.url, 'tanaka');
    const big = rawSocket(server.url, MEETING_DOC, { cookie });
    await big.opened;
    const payload = new Uint8Array(server.deps.config.maxMessageBytes + 1024);
    big.ws.send(payload);
    expect((await big.closed).code).toBe(1009);
    const after = yClient(server.url, MEETING_DOC, cookie);
    await after.synced();
    expect(after.doc.getText('restart').toString()).toContain('モニタリング');
    after.destroy();
  });

  it('sync step 2 waits for the store: a late joiner gets exactly what is durable', async () => {
    const writer = yClient(server.url, MEETING_DOC, await login(server.url, 'tanaka'));
    await writer.synced();
    for (let i = 0; i < 50; i++) writer.doc.getArray<number>('burst').push([i]);
    const late = yClient(server.url, MEETING_DOC, await login(server.url, 'sato'));
    await late.synced();
    await waitUntil(() => late.doc.getArray('burst').length === 50);
    const stored = await server.deps.docs.loadUpdates(MEETING_DOC);
    const replay = new Y.Doc();
    for (const u of stored.updates) Y.applyUpdate(replay, u);
    expect(replay.getArray('burst').length).toBe(50);
    writer.destroy();
    late.destroy();
  });
});
