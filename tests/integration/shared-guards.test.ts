import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/start.ts';
import { loginThrottleFromEnv } from '../../server/config.ts';
import { KyselyClientIdStore } from '../../server/store/client-id-store.ts';
import { startCluster } from '../helpers/cluster.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket, waitUntil, yClient } from '../helpers/ws.ts';
import { auditEntries, frame, typedUpdates, waitForAudit } from '../helpers/frames.ts';

const MEETING = 'meeting/meeting-yamada-1';
/** Locks long enough that no test outlives one by accident: a lock expiring is never what passes a test. */
const LONG_LOCKS = { ...loginThrottleFromEnv({}), baseLockMs: 10 * 60_000, maxLockMs: 60 * 60_000 };

const attempt = async (url: string, username: string, password: string) => {
  const res = await api(url, null, 'POST', '/api/auth/login', { username, password });
  return { status: res.status, body: await res.json(), retryAfter: res.headers.get('retry-after') };
};

/** The forger's frame: the victim's client id, continuing the victim's clocks from what `state` holds. */
function forgedUpdate(state: Uint8Array, victimClientId: number): Uint8Array {
  const forged = new Y.Doc();
  Y.applyUpdate(forged, state);
  forged.clientID = victimClientId;
  const [update] = typedUpdates(forged, '偽', 'victim');
  forged.destroy();
  return update!;
}

/** Resolves once a raw socket has received a frame containing `text` (the document reached it). */
const sawText = (socket: ReturnType<typeof rawSocket>, text: string) =>
  waitUntil(() => socket.frames.some((f) => Buffer.from(f).includes(Buffer.from(text))), 5000, `${text} at the socket`);

/**
 * Guards that must hold over the whole deployment, not per node: Yjs client-id owners and the
 * sign-in throttle are in the shared store. The attacker uses the other node, or waits for a restart.
 */
describe('two nodes (PostgreSQL + Redis): one owner per client id, one throttle per account', () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(async () => {
    cluster = await startCluster(2, { loginThrottle: LONG_LOCKS });
    [a, b] = cluster.nodes as [RunningServer, RunningServer];
  });
  afterAll(async () => {
    await cluster.dispose();
  });

  it('a member on node B writing under the client id the victim claimed on node A is closed with 4422; the victim’s later edits survive', async () => {
    const victim = yClient(a.url, MEETING, await login(a.url, 'tanaka'));
    await victim.synced();
    victim.doc.getText('victim').insert(0, '本人の記録');
    // The forger is on the other node: it has only ever seen the victim's content, never its claim.
    const forger = rawSocket(b.url, MEETING, { cookie: await login(b.url, 'sato') });
    await forger.opened;
    forger.ws.send(frame.step1());
    await sawText(forger, '本人の記録');
    forger.ws.send(frame.update(forgedUpdate(Y.encodeStateAsUpdate(victim.doc), victim.doc.clientID)));
    expect(await forger.closed).toEqual({ code: 4422, reason: expect.any(String) });
    await waitForAudit(b, 'doc.closed', (d) => d.why === 'foreign_client_id' && d.clientId === victim.doc.clientID, 'u-sato');
    // The victim types on under its own id, with the very clocks the forger tried to take.
    victim.doc.getText('victim').insert(0, '続き:');
    const lateOnB = yClient(b.url, MEETING, await login(b.url, 'ito'));
    await lateOnB.synced();
    await waitUntil(() => lateOnB.doc.getText('victim').toString() === '続き:本人の記録', 5000, 'the victim’s text on node B');
    expect(lateOnB.doc.getText('victim').toString()).not.toContain('偽');
    expect(victim.closes).toEqual([]);
    lateOnB.destroy();
    victim.destroy();
  });

  it('presence under the victim’s client id from node B is dropped; the forger’s own presence is the only one it gets', async () => {
    const victim = yClient(a.url, MEETING, await login(a.url, 'tanaka'));
    const watcher = yClient(a.url, MEETING, await login(a.url, 'ito'));
    await Promise.all([victim.synced(), watcher.synced()]);
    victim.provider.awareness.setLocalStateField('presence', { note: 'v1' });
    const state = (id: number) => watcher.provider.awareness.getStates().get(id) as { presence?: { note?: string; userId?: string } } | undefined;
    await waitUntil(() => state(victim.doc.clientID)?.presence?.note === 'v1', 5000, 'the victim’s presence');
    const forger = rawSocket(b.url, MEETING, { cookie: await login(b.url, 'sato') });
    await forger.opened;
    const ownId = 515151;
    forger.ws.send(
      frame.awareness([
        { clientId: victim.doc.clientID, clock: 2 ** 30, json: JSON.stringify({ presence: { note: 'hijacked' } }) },
        { clientId: ownId, clock: 1, json: JSON.stringify({ presence: { note: 'mine' } }) },
      ]),
    );
    // Marker: the forger's own state crosses to node A, stamped as sato.
    await waitUntil(() => state(ownId) !== undefined, 5000, 'the forger’s own presence on node A');
    expect(state(ownId)?.presence).toMatchObject({ note: 'mine', userId: 'u-sato' });
    expect(state(victim.doc.clientID)?.presence).toMatchObject({ note: 'v1', userId: 'u-tanaka' });
    forger.ws.close();
    victim.destroy();
    watcher.destroy();
  });

  it('two nodes claiming the same client ids at the same moment agree on one owner for each', async () => {
    const onA = new KyselyClientIdStore(a.deps.db);
    const onB = new KyselyClientIdStore(b.deps.db);
    const doc = `race/${Date.now()}`;
    const ids = Array.from({ length: 20 }, (_, i) => 1000 + i);
    // Each id claimed by both nodes at once, for different users, in both orders.
    const answers = await Promise.all(
      ids.flatMap((id, i) => {
        const claims = [() => onA.claim(doc, [id], 'u-tanaka'), () => onB.claim(doc, [id], 'u-sato')];
        return (i % 2 ? claims.reverse() : claims).map((claim) => claim().then((owners) => ({ id, owner: owners.get(id) })));
      }),
    );
    for (const id of ids) {
      const owners = new Set(answers.filter((x) => x.id === id).map((x) => x.owner));
      expect(owners.size).toBe(1);
      expect(['u-tanaka', 'u-sato']).toContain([...owners][0]);
    }
    const rows = await a.deps.db.selectFrom('doc_client_ids').select(['client_id', 'user_id']).where('doc_name', '=', doc).execute();
    expect(rows).toHaveLength(ids.length);
    for (const row of rows) expect(answers.find((x) => x.id === Number(row.client_id))?.owner).toBe(row.user_id);
  });

  it('failed sign-ins spread over both nodes lock the account on both, with the same answers for a name nobody has', async () => {
    const run = async (username: string) => {
      const seen: number[] = [];
      // Three on each node: a per-node count would stay within the five free failures on both.
      for (let i = 0; i < 6; i++) seen.push((await attempt(i % 2 ? a.url : b.url, username, 'wrong')).status);
      return { seen, lockedOnA: await attempt(a.url, username, 'kasane-demo'), lockedOnB: await attempt(b.url, username, 'kasane-demo') };
    };
    const known = await run('takahashi');
    const unknown = await run('dare-mo-inai');
    expect(known.seen).toEqual([401, 401, 401, 401, 401, 401]);
    expect(known.lockedOnA.status).toBe(429);
    expect(known.lockedOnB.status).toBe(429);
    expect(known.lockedOnA.body).toEqual({ error: 'too_many_attempts', message: expect.stringContaining('ログイン') });
    expect(Number(known.lockedOnB.retryAfter)).toBeGreaterThan(60);
    expect(unknown.seen).toEqual(known.seen);
    expect([unknown.lockedOnA.status, unknown.lockedOnB.status]).toEqual([429, 429]);
    expect(unknown.lockedOnA.body).toEqual(known.lockedOnA.body);
    // Audited once, when the sixth failure imposed the lock (one audit log for both nodes).
    const audited = await auditEntries(a, 'auth.login_throttled');
    expect(audited.filter((e) => e.detail.username === 'takahashi')).toHaveLength(1);
    expect(audited.find((e) => e.detail.username === 'takahashi')).toMatchObject({ actorUserId: 'u-takahashi', detail: { scope: 'account' } });
    // Another account from the same address is not locked by these.
    expect((await attempt(b.url, 'suzuki', 'kasane-demo')).status).toBe(200);
  });

  it('an administrator’s unlock on node B frees the account on node A at once', async () => {
    for (let i = 0; i < 6; i++) expect((await attempt(i % 2 ? a.url : b.url, 'watanabe', 'wrong')).status).toBe(401);
    expect((await attempt(a.url, 'watanabe', 'kasane-demo')).status).toBe(429);
    const admin = await login(b.url, 'admin');
    expect((await api(b.url, admin, 'POST', '/api/admin/users/u-watanabe/unlock')).status).toBe(200);
    expect((await attempt(a.url, 'watanabe', 'kasane-demo')).status).toBe(200);
  });
});

describe('two nodes whose bus loses every message (only the store joins them)', () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  beforeAll(async () => {
    cluster = await startCluster(2, {}, { partitioned: true });
  });
  afterAll(async () => {
    await cluster.dispose();
  });

  it('an honest client relaying another participant’s stored edit to the node that lacks it is no forger', async () => {
    const [a, b] = cluster.nodes as [RunningServer, RunningServer];
    // Node B has the document open before the edit, and never hears of it over the bus.
    const onB = yClient(b.url, MEETING, await login(b.url, 'ito'));
    await onB.synced();
    const author = yClient(a.url, MEETING, await login(a.url, 'tanaka'));
    const relayer = yClient(a.url, MEETING, await login(a.url, 'sato'));
    await Promise.all([author.synced(), relayer.synced()]);
    author.doc.getText('relay').insert(0, '田中の記録');
    await waitUntil(() => relayer.doc.getText('relay').toString() === '田中の記録', 5000, 'the author’s edit at the relayer');
    // sato's tab reconnects through the load balancer to node B, with everything it holds.
    relayer.provider.destroy();
    const moved = yClient(b.url, MEETING, await login(b.url, 'sato'), undefined, relayer.doc);
    await moved.synced();
    moved.doc.getText('relay-next').insert(0, '佐藤の続き');
    await waitUntil(
      () => onB.doc.getText('relay').toString() === '田中の記録' && onB.doc.getText('relay-next').toString() === '佐藤の続き',
      5000,
      'both edits at the other client on node B',
    );
    expect(moved.closes).toEqual([]);
    expect(moved.provider.wsconnected).toBe(true);
    moved.destroy();
    author.destroy();
    onB.destroy();
  });
});

describe('one node across a restart (SQLite): nothing claimed or locked is forgotten', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ loginThrottle: LONG_LOCKS });
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('after a restart the victim’s client id is still the victim’s: a forger is closed with 4422, the victim’s later edits survive', async () => {
    const victim = yClient(server.url, MEETING, await login(server.url, 'tanaka'));
    const peer = yClient(server.url, MEETING, await login(server.url, 'ito'));
    await Promise.all([victim.synced(), peer.synced()]);
    victim.doc.getText('victim').insert(0, '本人の記録');
    // A peer receives an update only once it is stored.
    await waitUntil(() => peer.doc.getText('victim').toString() === '本人の記録', 5000, 'the victim’s edit to be stored');
    const victimId = victim.doc.clientID;
    const victimState = Y.encodeStateAsUpdate(victim.doc);
    victim.destroy();
    peer.destroy();

    server = await server.restart();
    const forger = rawSocket(server.url, MEETING, { cookie: await login(server.url, 'sato') });
    await forger.opened;
    forger.ws.send(frame.step1());
    await sawText(forger, '本人の記録');
    forger.ws.send(frame.update(forgedUpdate(victimState, victimId)));
    expect((await forger.closed).code).toBe(4422);
    await waitForAudit(server, 'doc.closed', (d) => d.why === 'foreign_client_id' && d.clientId === victimId, 'u-sato');

    // The victim comes back with its own document (same client id, as a browser tab that stayed open) and types on.
    const ownDoc = new Y.Doc();
    ownDoc.clientID = victimId;
    Y.applyUpdate(ownDoc, victimState);
    const back = yClient(server.url, MEETING, await login(server.url, 'tanaka'), undefined, ownDoc);
    await back.synced();
    back.doc.getText('victim').insert(0, '続き:');
    const late = yClient(server.url, MEETING, await login(server.url, 'suzuki'));
    await late.synced();
    await waitUntil(() => late.doc.getText('victim').toString() === '続き:本人の記録', 5000, 'the victim’s text at a late joiner');
    expect(late.doc.getText('victim').toString()).not.toContain('偽');
    expect(back.closes).toEqual([]);
    late.destroy();
    back.destroy();
  });

  it('a restart keeps a sign-in lock: the right password is still refused', async () => {
    for (let i = 0; i < 6; i++) expect((await attempt(server.url, 'takahashi', 'wrong')).status).toBe(401);
    expect((await attempt(server.url, 'takahashi', 'kasane-demo')).status).toBe(429);
    server = await server.restart();
    const after = await attempt(server.url, 'takahashi', 'kasane-demo');
    expect(after.status).toBe(429);
    expect(Number(after.retryAfter)).toBeGreaterThan(60);
  });
});
