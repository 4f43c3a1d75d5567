/**
 * Redis outages between two Kasane processes on one PostgreSQL (BENCH_ROUNDS rounds, default 10):
 * each round kills the test's own redis-server, edits on both nodes, removes and re-adds a
 * participant during the outage, starts Redis again and times
 *  - removal during the outage -> the removed member's socket on the OTHER node closed (4410),
 *  - Redis ready again -> both nodes' clients hold each other's outage edits (reconvergence),
 *  - Redis ready again -> both nodes report the bus reachable in /api/health.
 * Usage: npx tsx tests/bench/bus-gap.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '../helpers/postgres.ts';
import { eventually, health, spawnNode, startRedis } from '../helpers/cluster.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket, waitUntil, yClient } from '../helpers/ws.ts';
import { summary } from './stats.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const DOC = 'meeting/meeting-yamada-1';
const dir = mkdtempSync(join(tmpdir(), 'kasane-bus-gap-'));
const database = await createTestDatabase();
const redis = await startRedis();
const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, KASANE_BUS_PREFIX: `bench-${randomUUID()}:`, KASANE_DATA_DIR: dir };
const a = await spawnNode(env);
const b = await spawnNode(env);
const tanakaA = await login(a.url, 'tanaka');
const onA = yClient(a.url, DOC, tanakaA);
const onB = yClient(b.url, DOC, await login(b.url, 'sato'));
await Promise.all([onA.synced(), onB.synced()]);
const reachable = async (want: boolean) => (await health(a.url))?.body.bus.reachable === want && (await health(b.url))?.body.bus.reachable === want;

// For comparison: the same removal with Redis up (the nudge over pub/sub, then the log read).
const revocationBusUp: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const socket = rawSocket(b.url, DOC, { cookie: await login(b.url, 'suzuki') });
  await waitUntil(() => socket.frames.length > 0, 5000, 'suzuki served on B');
  const t0 = performance.now();
  const removed = await api(a.url, tanakaA, 'DELETE', '/api/meetings/meeting-yamada-1/participants/u-suzuki');
  if (removed.status !== 200) throw new Error(`removal failed: ${removed.status}`);
  if ((await socket.closed).code !== 4410) throw new Error('expected 4410');
  revocationBusUp.push(performance.now() - t0);
  await api(a.url, tanakaA, 'POST', '/api/meetings/meeting-yamada-1/participants', { userId: 'u-suzuki', role: 'member' });
}

const revocation: number[] = [];
const reconverge: number[] = [];
const duringOutage: number[] = [];
let pendingAfter = 0;
const busBack: number[] = [];
let lostEdits = 0;
for (let round = 0; round < ROUNDS; round++) {
  const suzuki = await login(b.url, 'suzuki');
  const socket = rawSocket(b.url, DOC, { cookie: suzuki });
  await waitUntil(() => socket.frames.length > 0, 5000, 'suzuki served on B');
  await redis.stop();
  await eventually(() => reachable(false), 10_000, 'outage noticed');
  const want = (c: typeof onA) => {
    const items = new Set(c.doc.getArray<string>('gap').toArray());
    for (let i = 0; i < 20; i++) if (!items.has(`a${round}-${i}`) || !items.has(`b${round}-${i}`)) return false;
    return true;
  };
  const tEdit = performance.now();
  for (let i = 0; i < 20; i++) onA.doc.getArray<string>('gap').push([`a${round}-${i}`]);
  for (let i = 0; i < 20; i++) onB.doc.getArray<string>('gap').push([`b${round}-${i}`]);
  await waitUntil(() => want(onA) && want(onB), 15_000, 'convergence during the outage');
  duringOutage.push(performance.now() - tEdit);
  const t0 = performance.now();
  const removed = await api(a.url, tanakaA, 'DELETE', '/api/meetings/meeting-yamada-1/participants/u-suzuki');
  if (removed.status !== 200) throw new Error(`removal failed: ${removed.status}`);
  const closed = await socket.closed;
  revocation.push(performance.now() - t0);
  if (closed.code !== 4410) throw new Error(`expected 4410, got ${closed.code}`);
  await api(a.url, tanakaA, 'POST', '/api/meetings/meeting-yamada-1/participants', { userId: 'u-suzuki', role: 'member' });
  await redis.start();
  const t1 = performance.now();
  await eventually(() => reachable(true), 10_000, 'bus back');
  busBack.push(performance.now() - t1);
  // Edits of the same Yjs clients after the outage depend on those made during it.
  const tAfter = performance.now();
  onA.doc.getArray<string>('gap').push([`after-a${round}`]);
  onB.doc.getArray<string>('gap').push([`after-b${round}`]);
  const both = (c: typeof onA) => c.doc.getArray<string>('gap').toArray().includes(`after-a${round}`) && c.doc.getArray<string>('gap').toArray().includes(`after-b${round}`);
  try {
    await waitUntil(() => both(onA) && both(onB) && want(onA) && want(onB), 15_000, 'reconvergence');
  } catch {
    lostEdits += 1;
  }
  reconverge.push(performance.now() - tAfter);
  if (onA.doc.store.pendingStructs || onB.doc.store.pendingStructs) pendingAfter += 1;
}
console.log(`${ROUNDS} Redis outages, 2 nodes (child processes), PostgreSQL store; 20 edits per node per outage`);
console.log(summary('Redis up: participant removed on A -> socket on B closed', revocationBusUp));
console.log(summary('participant removed during the outage -> socket on the other node closed', revocation));
console.log(summary('Redis started -> both nodes report the bus reachable', busBack));
console.log(summary('edits on both nodes during the outage -> each node\'s client holds all 40 (through the store)', duringOutage));
console.log(summary('after the outage: one edit per node -> both clients hold both (pub/sub again)', reconverge));
console.log(`rounds that did not converge within 15 s: ${lostEdits}; rounds with updates left pending on a client: ${pendingAfter}`);
onA.destroy();
onB.destroy();
await Promise.all([a.stop(), b.stop()]);
await redis.dispose();
await database.drop();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
