import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { collabLimitsFromEnv } from '../../server/config.ts';
import type { RunningServer } from '../../server/start.ts';
import { eventually, health, spawnNode, startCluster, startRedis, type NodeProcess } from '../helpers/cluster.ts';
import { createTestDatabase } from '../helpers/postgres.ts';
import { login } from '../helpers/http.ts';
import { rawSocket, waitUntil, yClient } from '../helpers/ws.ts';
import { auditEntries, frame, typedUpdates } from '../helpers/frames.ts';

const MEETING = 'meeting/meeting-yamada-1';

/** Sends `count` one-character updates of a fresh Yjs client into field `field`; resolves with how the socket ended. */
async function flood(url: string, cookie: string, field: string, count: number) {
  const socket = rawSocket(url, MEETING, { cookie });
  await socket.opened;
  for (const update of typedUpdates(new Y.Doc(), 'x'.repeat(count), field)) socket.ws.send(frame.update(update));
  return socket.closed;
}

/** How much of `field` a reader opening the document on `url` now finds (what the node accepted). */
async function accepted(url: string, cookie: string, field: string): Promise<number> {
  const reader = yClient(url, MEETING, cookie);
  await reader.synced();
  const length = reader.doc.getText(field).length;
  reader.destroy();
  return length;
}

/**
 * One person types `text` in each of the given tabs (one field per tab, `${field}-${i}`: a tab
 * does not wait for the other's keystrokes), keystrokes alternating between the tabs, one every
 * 10 ms (100 a second in all, far above any typist). No caret moves: this is about the update
 * budget, and y-websocket clients re-send every presence change they hear, so 100 caret moves a
 * second would meet the per-connection presence limit (awareness_rate) of every reader first.
 */
async function typeAlternating(tabs: ReturnType<typeof yClient>[], field: string, text: string) {
  for (const ch of text) {
    for (const [i, tab] of tabs.entries()) {
      const t = tab.doc.getText(`${field}-${i}`);
      t.insert(t.length, ch);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/** Every reader holds `text` in each tab's field. */
const typedEverywhere = (readers: ReturnType<typeof yClient>[], tabs: number, field: string, text: string) =>
  waitUntil(() => readers.every((r) => Array.from({ length: tabs }, (_, i) => r.doc.getText(`${field}-${i}`).toString()).every((t) => t === text)), 20_000, `${field} at every reader`);

describe('the per-user update budget is one for all nodes (PostgreSQL + Redis)', () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(async () => {
    // Only the per-user budget limits here (the per-connection ones are far away), and it does not
    // refill: what a user gets in all is exactly one burst, however fast or slow this machine is.
    const limits = { ...collabLimitsFromEnv({}), connUpdateBurst: 10_000, connUpdatesPerSecond: 10_000, frameBurst: 10_000, framesPerSecond: 10_000, userUpdateBurst: 400, userUpdatesPerSecond: 0 };
    cluster = await startCluster(2, { limits });
    [a, b] = cluster.nodes as [RunningServer, RunningServer];
  });
  afterAll(async () => {
    await cluster.dispose();
  });

  it('a user flooding through a socket on each node is cut off (4429) after one budget in all, not one per node', async () => {
    const [onA, onB] = [await login(a.url, 'sato'), await login(b.url, 'sato')];
    // 600 each: a budget per node (400 + 400) would let 800 through.
    const closes = await Promise.all([flood(a.url, onA, 'flood-a', 600), flood(b.url, onB, 'flood-b', 600)]);
    expect(closes).toEqual([
      { code: 4429, reason: 'too many messages' },
      { code: 4429, reason: 'too many messages' },
    ]);
    const reader = await login(a.url, 'ito');
    const fromA = await accepted(a.url, reader, 'flood-a');
    const fromB = await accepted(b.url, await login(b.url, 'ito'), 'flood-b');
    expect(fromA + fromB).toBe(400);
    // Both cut for the user's budget (one audit log for both nodes), not for a connection's.
    const cut = (await auditEntries(a, 'doc.closed', 'u-sato')).filter((e) => e.detail.code === 4429);
    expect(cut.map((e) => e.detail.why)).toEqual(['user_update_rate', 'user_update_rate']);
    // Somebody else's budget is untouched: ito writes on A and it reaches B.
    const writer = yClient(a.url, MEETING, reader);
    const watcher = yClient(b.url, MEETING, await login(b.url, 'ito'));
    await Promise.all([writer.synced(), watcher.synced()]);
    writer.doc.getText('after').insert(0, 'まだ話せます');
    await waitUntil(() => watcher.doc.getText('after').toString() === 'まだ話せます', 10_000, 'an edit of another user after the flood');
    expect([...writer.closes, ...watcher.closes]).toEqual([]);
    writer.destroy();
    watcher.destroy();
  });

  it('a reconnect storm of one user spread over both nodes meets one socket-open budget in all', async () => {
    const cookies = [await login(a.url, 'suzuki'), await login(b.url, 'suzuki')];
    // 130 opens, 65 on each node: each node's own budget (60 at once, 2 a second) would refuse only
    // a handful; one budget in all refuses more than 30 unless the storm takes 20 seconds.
    const sockets = Array.from({ length: 130 }, (_, i) => rawSocket([a.url, b.url][i % 2]!, MEETING, { cookie: cookies[i % 2]! }));
    const ends = await Promise.all(
      sockets.map(async (s) => {
        await s.opened;
        // Either refused (closed by the server) or served (its first frame, the server's step 1).
        await Promise.race([s.closed, waitUntil(() => s.frames.length > 0, 15_000, 'served')]);
        return s.frames.length > 0 ? 'served' : (await s.closed).code;
      }),
    );
    expect(ends.every((e) => e === 'served' || e === 4429)).toBe(true);
    expect(ends.filter((e) => e === 4429).length).toBeGreaterThan(30);
    const served = ends.filter((e) => e === 'served').length;
    expect(served).toBeGreaterThanOrEqual(60);
    // Audited: every socket served, and the refusals once a minute on each node that refused.
    const refusals = async () => (await auditEntries(a, 'doc.denied', 'u-suzuki')).filter((e) => e.detail.reason === 'too_many_opens');
    await waitUntil(async () => (await auditEntries(a, 'doc.opened', 'u-suzuki')).length === served && (await refusals()).length === 2, 15_000, 'the storm in the audit log');
    for (const s of sockets) s.ws.terminate();
    await Promise.all(sockets.map((s) => s.closed));
  }, 60_000);
});

describe('an honest typist with a tab on each node (default limits)', () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  beforeAll(async () => {
    cluster = await startCluster(2);
  });
  afterAll(async () => {
    await cluster.dispose();
  });

  it('600 keystrokes at 100 a second over both tabs (more than one burst: the shared budget refills) are never cut', async () => {
    const [a, b] = cluster.nodes as [RunningServer, RunningServer];
    const tabs = [yClient(a.url, MEETING, await login(a.url, 'tanaka')), yClient(b.url, MEETING, await login(b.url, 'tanaka'))];
    const readers = [yClient(a.url, MEETING, await login(a.url, 'sato')), yClient(b.url, MEETING, await login(b.url, 'sato'))];
    await Promise.all([...tabs, ...readers].map((c) => c.synced()));
    const line = 'きょうの会議では地域包括支援センターからの報告を受けます。'.repeat(15).slice(0, 300);
    await typeAlternating(tabs, 'typing', line);
    // Every keystroke (300 in each tab) reached the readers on both nodes, in order.
    await typedEverywhere(readers, 2, 'typing', line);
    expect([...tabs, ...readers].flatMap((c) => c.closes)).toEqual([]);
    for (const c of [...tabs, ...readers]) c.destroy();
  }, 90_000);
});

/** Two server processes whose Redis (this test's own) is killed mid-meeting. */
describe('the shared budget while Redis is down', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let a: NodeProcess;
  let b: NodeProcess;
  const dir = mkdtempSync(join(tmpdir(), 'kasane-budget-'));
  const busReachable = async (node: NodeProcess, reachable: boolean) => (await health(node.url))?.body.bus.reachable === reachable;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await startRedis();
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      KASANE_BUS_PREFIX: `kasane-budget-${randomUUID()}:`,
      KASANE_DATA_DIR: dir,
      // The per-user budget is what a flood meets here, not a connection's.
      KASANE_UPDATE_BURST: '10000',
      KASANE_UPDATES_PER_SECOND: '10000',
      KASANE_FRAME_BURST: '10000',
      KASANE_FRAMES_PER_SECOND: '10000',
    };
    a = await spawnNode(env);
    b = await spawnNode(env);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.dispose();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('typing on both nodes goes on through the outage and after it; a flood meets each node’s own budget meanwhile', async () => {
    const tabs = [yClient(a.url, MEETING, await login(a.url, 'tanaka')), yClient(b.url, MEETING, await login(b.url, 'tanaka'))];
    const readers = [yClient(a.url, MEETING, await login(a.url, 'ito')), yClient(b.url, MEETING, await login(b.url, 'ito'))];
    await Promise.all([...tabs, ...readers].map((c) => c.synced()));
    const seenEverywhere = (field: string, text: string) => typedEverywhere(readers, 2, field, text);

    await typeAlternating(tabs, 'before', '支援会議の記録を始めます。');
    await seenEverywhere('before', '支援会議の記録を始めます。');

    await redis.stop();
    await eventually(async () => (await busReachable(a, false)) && (await busReachable(b, false)), 10_000, 'both nodes to notice the outage');
    // 200 keystrokes, 100 per node: five leases of the shared budget each, which Redis cannot give.
    const during = '停電中も入力できます。'.repeat(10).slice(0, 100);
    await typeAlternating(tabs, 'during', during);
    await seenEverywhere('during', during);
    expect(a.output()).toContain('[budget] shared per-user budgets unavailable');
    expect(b.output()).toContain('[budget] shared per-user budgets unavailable');
    // The node still protects itself with its own bucket: a flood is cut, after one budget.
    const cookie = await login(a.url, 'sato');
    expect(await flood(a.url, cookie, 'flood', 1500)).toEqual({ code: 4429, reason: 'too many messages' });
    const got = await accepted(a.url, cookie, 'flood');
    expect(got).toBeGreaterThanOrEqual(400);
    expect(got).toBeLessThan(1500);

    await redis.start();
    await eventually(async () => (await busReachable(a, true)) && (await busReachable(b, true)), 10_000, 'both nodes to reconnect');
    await typeAlternating(tabs, 'after', '復旧しました。');
    await seenEverywhere('after', '復旧しました。');
    expect(a.output()).toContain('[budget] Redis reachable');
    expect([...tabs, ...readers].flatMap((c) => c.closes)).toEqual([]);
    expect((await health(a.url))?.status).toBe(200);
    expect((await health(b.url))?.status).toBe(200);
    for (const c of [...tabs, ...readers]) c.destroy();
  }, 90_000);
});
