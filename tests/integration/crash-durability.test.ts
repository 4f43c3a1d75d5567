import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../helpers/postgres.ts';
import { spawnNode, type NodeProcess } from '../helpers/cluster.ts';
import { crashCycle } from '../helpers/crash-cycle.ts';

/**
 * kill -9 on a server process under load, on both stores: every update any peer received must be
 * restored after the restart (a peer never sees what a crash could lose). The benchmark
 * tests/bench/crash.bench.ts runs many cycles and prints the counts.
 */
const STORES = [
  { name: 'SQLite', env: async (dir: string) => ({ env: { KASANE_DATA_DIR: dir }, drop: async () => {} }) },
  {
    name: 'PostgreSQL',
    env: async (dir: string) => {
      const database = await createTestDatabase();
      return { env: { KASANE_DATA_DIR: dir, DATABASE_URL: database.url }, drop: database.drop };
    },
  },
];

for (const store of STORES) {
  describe(`kill -9 under load loses nothing a peer saw: ${store.name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'kasane-crash-'));
    let env: Record<string, string>;
    let drop: () => Promise<void>;
    let node: NodeProcess;
    beforeAll(async () => {
      ({ env, drop } = await store.env(dir));
      node = await spawnNode(env);
    }, 60_000);
    afterAll(async () => {
      await node?.stop();
      await drop?.();
      rmSync(dir, { recursive: true, force: true });
    });

    it('a crash mid-flood: every update a peer received is restored', async () => {
      const { result, next } = await crashCycle(node, env, 'cycle', 300);
      node = next;
      console.log(`${store.name} kill -9: peers had received ${result.received} updates, ${result.restored} restored`);
      expect(result.received).toBeGreaterThanOrEqual(300);
      expect(result.lost).toEqual([]);
    }, 60_000);
  });
}
