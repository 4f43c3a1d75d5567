import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '../helpers/postgres.ts';
import { eventually, health, spawnNode, startRedis, type NodeProcess } from '../helpers/cluster.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket, waitUntil, yClient } from '../helpers/ws.ts';

const MEETING_DOC = 'meeting/meeting-yamada-1';

/**
 * Two server processes on one real PostgreSQL, joined by a Redis that this test starts on its own
 * port and kills mid-run (a Redis blip). Nothing may be lost and no access may outlive its
 * withdrawal because of it.
 */
describe('a Redis outage between two nodes loses nothing and opens nothing', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let a: NodeProcess;
  let b: NodeProcess;
  const dir = mkdtempSync(join(tmpdir(), 'kasane-outage-'));

  const busReachable = async (node: NodeProcess, reachable: boolean) => (await health(node.url))?.body.bus.reachable === reachable;
  const outage = async () => {
    await redis.stop();
    await eventually(async () => (await busReachable(a, false)) && (await busReachable(b, false)), 10_000, 'both nodes to notice the outage');
  };
  const recovery = async () => {
    await redis.start();
    await eventually(async () => (await busReachable(a, true)) && (await busReachable(b, true)), 10_000, 'both nodes to reconnect');
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await startRedis();
    const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, KASANE_BUS_PREFIX: `kasane-outage-${randomUUID()}:`, KASANE_DATA_DIR: dir };
    // One after the other: the first migrates and seeds, the second finds it done.
    a = await spawnNode(env);
    b = await spawnNode(env);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.dispose();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('health says whether the store and the bus are reachable', async () => {
    const up = await health(a.url);
    expect(up?.status).toBe(200);
    expect(up?.body).toMatchObject({ status: 'ok', store: { reachable: true }, bus: { kind: 'redis', reachable: true }, control: { certain: true } });
    await outage();
    const down = await health(a.url);
    expect(down?.status).toBe(503);
    expect(down?.body).toMatchObject({ status: 'degraded', store: { reachable: true }, bus: { reachable: false } });
    expect(a.output()).toContain('Redis unreachable');
    await recovery();
    expect(a.output()).toContain('Redis reachable');
  });

  it('edits made on both nodes during the outage converge on both after it; a document opens from the store meanwhile', async () => {
    const onA = yClient(a.url, MEETING_DOC, await login(a.url, 'tanaka'));
    const onB = yClient(b.url, MEETING_DOC, await login(b.url, 'sato'));
    await Promise.all([onA.synced(), onB.synced()]);
    const text = (c: typeof onA) => c.doc.getText('outage').toString();
    onA.doc.getText('outage').insert(0, '[前]');
    await waitUntil(() => text(onB) === '[前]', 5000, 'the bus to carry an edit before the outage');

    await outage();
    // Several updates from the same Yjs client: each later one depends on the earlier ones, so
    // losing the first on the bus would leave the rest pending on the other node for good.
    for (const piece of ['[A1]', '[A2]', '[A3]']) onA.doc.getText('outage').insert(text(onA).length, piece);
    onB.doc.getText('outage').insert(0, '[B1]');
    // Opening the document during the outage works, from the store: it holds what A accepted.
    const opener = yClient(b.url, MEETING_DOC, await login(b.url, 'ito'));
    await opener.synced();
    await waitUntil(() => text(opener).includes('[A1][A2][A3]') && text(opener).includes('[B1]'), 10_000, 'a document opened during the outage to show both nodes’ stored edits');

    await recovery();
    onA.doc.getText('outage').insert(text(onA).length, '[A4]');
    const complete = (c: typeof onA) => ['[前]', '[A1][A2][A3]', '[B1]', '[A4]'].every((p) => text(c).includes(p));
    await waitUntil(() => complete(onA) && complete(onB) && complete(opener), 15_000, 'both nodes to converge after the outage');
    expect(text(onB)).toBe(text(onA));
    expect(text(opener)).toBe(text(onA));
    // Nothing waits for a missing update on any client.
    for (const c of [onA, onB, opener]) expect(c.doc.store.pendingStructs).toBeNull();
    for (const c of [onA, onB, opener]) c.destroy();
  });

  it('a participant removed on node A during the outage loses the meeting on node B too', async () => {
    const suzuki = await login(b.url, 'suzuki');
    const suzukiOnB = rawSocket(b.url, MEETING_DOC, { cookie: suzuki });
    await waitUntil(() => suzukiOnB.frames.length > 0, 5000, 'suzuki to be served on node B');

    await outage();
    const removed = await api(a.url, await login(a.url, 'tanaka'), 'DELETE', '/api/meetings/meeting-yamada-1/participants/u-suzuki');
    expect(removed.status).toBe(200);
    // Node B hears of it through the control log in the shared store, outage or not.
    expect((await suzukiOnB.closed).code).toBe(4410);
    const again = rawSocket(b.url, MEETING_DOC, { cookie: suzuki });
    expect((await again.closed).code).toBe(4403);
    await recovery();
    const afterwards = rawSocket(b.url, MEETING_DOC, { cookie: suzuki });
    expect((await afterwards.closed).code).toBe(4403);
  });
});
