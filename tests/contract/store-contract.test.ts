import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresTestServer, startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket, waitUntil, yClient } from '../helpers/ws.ts';
import { docOf } from '../helpers/scenario.ts';
import { notesOf } from '../../shared/board/items.ts';

/**
 * One suite, every store: the flows the product stands on must behave the same on the embedded
 * SQLite file and on PostgreSQL (the multi-node deployment's store).
 */
const STORES = [
  { name: 'SQLite', start: () => startTestServer() },
  { name: 'PostgreSQL', start: () => startPostgresTestServer() },
];

for (const store of STORES) {
  describe(`store contract: ${store.name}`, () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await store.start();
    });
    afterAll(async () => {
      await server.dispose();
    });

    it('seeds, signs in, and lists the demo case', async () => {
      const cookie = await login(server.url, 'tanaka');
      const cases = await (await api(server.url, cookie, 'GET', '/api/cases')).json();
      expect(cases.map((c: { id: string }) => c.id).sort()).toEqual(['case-sasaki', 'case-yamada']);
    });

    it('two clients converge and the text survives a restart', async () => {
      const a = yClient(server.url, 'meeting/meeting-yamada-1', await login(server.url, 'tanaka'));
      const b = yClient(server.url, 'meeting/meeting-yamada-1', await login(server.url, 'sato'));
      await Promise.all([a.synced(), b.synced()]);
      a.doc.getText('contract').insert(0, '支援方針: 見守りを継続');
      await waitUntil(() => b.doc.getText('contract').toString() === '支援方針: 見守りを継続');
      a.destroy();
      b.destroy();
      server = await server.restart();
      const c = yClient(server.url, 'meeting/meeting-yamada-1', await login(server.url, 'ito'));
      await c.synced();
      expect(c.doc.getText('contract').toString()).toBe('支援方針: 見守りを継続');
      c.destroy();
    });

    it('compacts a long update log into a snapshot without losing anything', async () => {
      const name = docOf('p-haru', 'living', 'org-houkatsu');
      const writer = yClient(server.url, name, await login(server.url, 'sato'), 'meeting:meeting-yamada-1');
      const watcher = yClient(server.url, name, await login(server.url, 'tanaka'), 'meeting:meeting-yamada-1');
      await Promise.all([writer.synced(), watcher.synced()]);
      for (let i = 0; i < 250; i++) notesOf(writer.doc).set(`c${i}`, { id: `c${i}`, text: `記録${i}`, authorName: '', authorOrgName: '', createdAt: '' });
      // The server forwards an update only once it is stored: when the watcher has the last
      // note, all 250 are in the log.
      await waitUntil(() => notesOf(watcher.doc).get('c249')?.text === '記録249', 10_000, 'the notes to be stored');
      expect(await server.deps.docs.countUpdates(name)).toBeGreaterThanOrEqual(250);
      watcher.destroy();
      writer.destroy();
      await waitUntil(() => server.deps.rooms.size === 0, 3000, 'rooms to unload');
      await server.deps.rooms.drain();
      expect(await server.deps.docs.countUpdates(name)).toBeLessThan(5);
      const reader = yClient(server.url, name, await login(server.url, 'tanaka'), 'meeting:meeting-yamada-1');
      await reader.synced();
      expect(notesOf(reader.doc).get('c249')?.text).toBe('記録249');
      reader.destroy();
    });

    it('withdrawing consent closes the affected socket with 4410', async () => {
      const tanaka = await login(server.url, 'tanaka');
      const sato = await login(server.url, 'sato');
      const socket = rawSocket(server.url, docOf('p-haru', 'health', 'org-clinic'), { cookie: sato, ctx: 'meeting:meeting-yamada-1' });
      await waitUntil(() => socket.frames.length > 0);
      const res = await api(server.url, tanaka, 'POST', '/api/cases/case-yamada/persons/p-haru/consents', {
        status: 'withdrawn',
        method: 'oral',
        validFrom: null,
        validUntil: null,
        scope: [],
      });
      expect(res.status).toBe(201);
      expect((await socket.closed).code).toBe(4410);
    });
  });
}
