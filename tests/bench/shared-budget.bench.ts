/**
 * The per-user update budget shared by two Kasane processes through Redis (issue 9): what a
 * keystroke costs. A typist on node A types BENCH_KEYS characters (default 1000) at 50 a second;
 * a reader on node B times each one's arrival. The test's own redis-server counts the budget
 * script calls (EVALSHA/EVAL in INFO commandstats): leases, not a round trip per keystroke.
 * Usage: npx tsx tests/bench/shared-budget.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createTestDatabase } from '../helpers/postgres.ts';
import { spawnNode, startRedis } from '../helpers/cluster.ts';
import { login } from '../helpers/http.ts';
import { yClient } from '../helpers/ws.ts';
import { summary } from './stats.ts';

const KEYS = Number(process.env.BENCH_KEYS ?? 1000);
const DOC = 'meeting/meeting-yamada-1';
const dir = mkdtempSync(join(tmpdir(), 'kasane-budget-bench-'));
const database = await createTestDatabase();
const redis = await startRedis();
const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, KASANE_BUS_PREFIX: `bench-${randomUUID()}:`, KASANE_DATA_DIR: dir };
const a = await spawnNode(env);
const b = await spawnNode(env);
const stats = new Redis(redis.url);

/** Calls of the budget script so far (the only Lua script Kasane runs). */
async function scriptCalls(): Promise<number> {
  const info = await stats.info('commandstats');
  let calls = 0;
  for (const match of info.matchAll(/cmdstat_(evalsha|eval):calls=(\d+)/g)) calls += Number(match[2]);
  return calls;
}

const typist = yClient(a.url, DOC, await login(a.url, 'tanaka'));
const reader = yClient(b.url, DOC, await login(b.url, 'sato'));
await Promise.all([typist.synced(), reader.synced()]);
const text = typist.doc.getText('bench');
const before = await scriptCalls();
const samples: number[] = [];
for (let i = 0; i < KEYS; i++) {
  const arrived = new Promise<number>((resolve) => reader.doc.once('update', () => resolve(performance.now())));
  const t0 = performance.now();
  text.insert(text.length, 'あ');
  samples.push((await arrived) - t0);
  await new Promise((r) => setTimeout(r, 20));
}
const calls = (await scriptCalls()) - before;
const closes = [...typist.closes, ...reader.closes];

console.log(`two nodes (PostgreSQL + Redis), one typist on A at 50 keystrokes/s, reader on B`);
console.log(summary('keystroke on A -> reader on B', samples));
console.log(`budget script calls in Redis: ${calls} for ${KEYS} keystrokes (${(calls / KEYS).toFixed(3)} per keystroke); sockets closed: ${closes.length}`);

typist.destroy();
reader.destroy();
stats.disconnect();
await Promise.all([a.stop(), b.stop()]);
await redis.dispose();
await database.drop();
rmSync(dir, { recursive: true, force: true });
