import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { configFromEnv } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { createTestDatabase } from './postgres.ts';

export const TEST_REDIS_URL = process.env.KASANE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Several server nodes on one fresh PostgreSQL database, joined by a real Redis bus with a channel
 * prefix of their own (so parallel test files never hear each other).
 */
export async function startCluster(size: number): Promise<{ nodes: RunningServer[]; dispose(): Promise<void> }> {
  const database = await createTestDatabase();
  const busPrefix = `kasane-test-${randomUUID()}:`;
  const dir = mkdtempSync(join(tmpdir(), 'kasane-cluster-'));
  const nodes: RunningServer[] = [];
  // One after the other: the first migrates and seeds, the others find it done.
  for (let i = 0; i < size; i++) {
    nodes.push(
      await startServer({ ...configFromEnv({}), host: '127.0.0.1', port: 0, dataDir: dir, clientDir: null, seedHistory: false, databaseUrl: database.url, redisUrl: TEST_REDIS_URL, busPrefix }),
    );
  }
  return {
    nodes,
    async dispose() {
      for (const node of nodes) await node.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
