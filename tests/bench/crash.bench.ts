/**
 * kill -9 under load, BENCH_CYCLES times (default 10) per store (SQLite, PostgreSQL): see
 * tests/helpers/crash-cycle.ts. Prints, per store, how many updates peers had received before the
 * kill and how many of them the restarted node restored.
 * Usage: npx tsx tests/bench/crash.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../helpers/postgres.ts';
import { spawnNode } from '../helpers/cluster.ts';
import { crashCycle } from '../helpers/crash-cycle.ts';

const CYCLES = Number(process.env.BENCH_CYCLES ?? 10);
for (const store of ['SQLite', 'PostgreSQL'] as const) {
  const dir = mkdtempSync(join(tmpdir(), 'kasane-crash-bench-'));
  const database = store === 'PostgreSQL' ? await createTestDatabase() : null;
  const env: Record<string, string> = { KASANE_DATA_DIR: dir, ...(database ? { DATABASE_URL: database.url } : {}) };
  let node = await spawnNode(env);
  let received = 0;
  let restored = 0;
  let lostCycles = 0;
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    const { result, next } = await crashCycle(node, env, `c${cycle}`, 300 + Math.floor(Math.random() * 700));
    node = next;
    received += result.received;
    restored += result.restored;
    if (result.lost.length > 0) lostCycles += 1;
  }
  console.log(`${store}: ${CYCLES} kill -9 cycles, updates peers had received ${received}, restored ${restored}, lost ${received - restored} (cycles with a loss: ${lostCycles})`);
  await node.stop();
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
