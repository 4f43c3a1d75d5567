import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { login } from '../helpers/http.ts';
import { rawSocket, waitUntil, yClient } from '../helpers/ws.ts';

type Shown = { user?: { name?: string; color?: string }; presence?: { userId?: string; orgName?: string } };

/** Presence and carets say who is typing: the server decides that, not the client. */
describe('a participant cannot pose as someone else in presence or carets', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('sato claiming to be the facilitator is shown as sato, with his agency', async () => {
    const watcher = yClient(server.url, 'meeting/meeting-yamada-1', await login(server.url, 'ito'));
    const impostor = yClient(server.url, 'meeting/meeting-yamada-1', await login(server.url, 'sato'));
    await Promise.all([watcher.synced(), impostor.synced()]);
    impostor.provider.awareness.setLocalState({ user: { name: '田中 美咲', color: '#000' }, presence: { userId: 'u-tanaka', orgName: 'はなみずき市社会福祉協議会' } });
    const seen = () => watcher.provider.awareness.getStates().get(impostor.doc.clientID) as Shown | undefined;
    await waitUntil(() => seen()?.user !== undefined, 3000, 'the impostor’s state');
    expect(seen()).toMatchObject({ user: { name: '佐藤 健一', color: '#000' }, presence: { userId: 'u-sato', orgName: '中央地域包括支援センター' } });
    watcher.destroy();
    impostor.destroy();
  });

  it('a malformed awareness frame closes only that socket', async () => {
    const s = rawSocket(server.url, 'meeting/meeting-yamada-1', { cookie: await login(server.url, 'sato') });
    await s.opened;
    // type awareness (1), a 4-byte payload: one state, client 7, clock 1, then a string that is not JSON.
    s.ws.send(new Uint8Array([1, 6, 1, 7, 1, 2, 0x7b, 0x7b]));
    expect((await s.closed).code).toBe(4400);
  });
});
