import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/start.ts';
import { startCluster } from '../helpers/cluster.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket, waitUntil, yClient } from '../helpers/ws.ts';
import { docOf } from '../helpers/scenario.ts';
import { notesOf } from '../../shared/board/items.ts';

/** Two nodes behind a (virtual) load balancer: PostgreSQL store, Redis bus, both real. */
describe('several server nodes share documents, presence and revocations', () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(async () => {
    cluster = await startCluster(2);
    [a, b] = cluster.nodes as [RunningServer, RunningServer];
  });
  afterAll(async () => {
    await cluster.dispose();
  });

  it('clients on different nodes converge and see each other present', async () => {
    const onA = yClient(a.url, 'meeting/meeting-yamada-1', await login(a.url, 'tanaka'));
    const onB = yClient(b.url, 'meeting/meeting-yamada-1', await login(b.url, 'sato'));
    await Promise.all([onA.synced(), onB.synced()]);
    onA.doc.getText('t').insert(0, 'ノードAから');
    onB.doc.getText('t').insert(0, 'ノードBから / ');
    await waitUntil(() => onA.doc.getText('t').toString() === onB.doc.getText('t').toString() && onA.doc.getText('t').length > 12, 5000, 'convergence');
    onA.provider.awareness.setLocalStateField('presence', { userId: 'u-tanaka' });
    const seen = () => [...onB.provider.awareness.getStates().values()].some((s) => (s as { presence?: { userId: string } }).presence?.userId === 'u-tanaka');
    await waitUntil(seen, 5000, 'presence across nodes');
    onA.destroy();
    await waitUntil(() => !seen(), 5000, 'leave across nodes');
    onB.destroy();
  });

  it('a late joiner on the other node gets everything, from the shared store', async () => {
    const writer = yClient(a.url, 'meeting/meeting-yamada-1', await login(a.url, 'ito'));
    await writer.synced();
    writer.doc.getText('late').insert(0, '後から参加');
    await new Promise((r) => setTimeout(r, 100));
    const reader = yClient(b.url, 'meeting/meeting-yamada-1', await login(b.url, 'suzuki'));
    await reader.synced();
    await waitUntil(() => reader.doc.getText('late').toString() === '後から参加');
    writer.destroy();
    reader.destroy();
  });

  it('withdrawing consent on node A closes the affected socket on node B', async () => {
    const ctx = 'meeting:meeting-yamada-1';
    const health = docOf('p-haru', 'health', 'org-clinic');
    const satoOnB = rawSocket(b.url, health, { cookie: await login(b.url, 'sato'), ctx });
    const itoOnB = yClient(b.url, health, await login(b.url, 'ito'), ctx);
    await itoOnB.synced();
    await waitUntil(() => satoOnB.frames.length > 0);
    const res = await api(a.url, await login(a.url, 'tanaka'), 'POST', '/api/cases/case-yamada/persons/p-haru/consents', {
      status: 'withdrawn',
      method: 'written',
      validFrom: null,
      validUntil: null,
      scope: [],
    });
    expect(res.status).toBe(201);
    const answered = Date.now();
    expect((await satoOnB.closed).code).toBe(4410);
    console.log(`cross-node revocation: socket closed ${Date.now() - answered} ms after the API answered`);
    // The clinic (supplier) keeps its document on node B.
    notesOf(itoOnB.doc).set('x', { id: 'x', text: '継続', authorName: '', authorOrgName: '', createdAt: '' });
    await new Promise((r) => setTimeout(r, 100));
    expect(itoOnB.closes).toEqual([]);
    itoOnB.destroy();
  });

  it('logging out on node A closes that session’s sockets on node B', async () => {
    const cookie = await login(a.url, 'takahashi');
    const onB = yClient(b.url, 'meeting/meeting-yamada-1', cookie);
    await onB.synced();
    expect((await api(a.url, cookie, 'POST', '/api/auth/logout')).status).toBe(204);
    await waitUntil(() => onB.closes.some((c) => c.code === 4401), 3000, 'logout across nodes');
    onB.destroy();
  });
});
