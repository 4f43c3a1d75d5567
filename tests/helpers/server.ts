import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { configFromEnv, type ServerConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { createTestDatabase } from './postgres.ts';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Stop and start again on the same data (a restart, as after a deploy or a crash). */
  restart(): Promise<TestServer>;
  /** Stop and delete the data directory. */
  dispose(): Promise<void>;
}

/**
 * A real server on an ephemeral port with a real SQLite file in a fresh temp dir, seeded with the
 * demo municipality. Pass `overrides` for PostgreSQL, Redis, short sessions and so on.
 */
export async function startTestServer(overrides: Partial<ServerConfig> = {}, dataDir?: string): Promise<TestServer> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'kasane-test-'));
  return start(overrides, dir, null);
}

/** The same, on a fresh PostgreSQL database (dropped by dispose()). */
export async function startPostgresTestServer(overrides: Partial<ServerConfig> = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  return start({ ...overrides, databaseUrl: database.url }, mkdtempSync(join(tmpdir(), 'kasane-test-')), database.drop);
}

async function start(overrides: Partial<ServerConfig>, dir: string, dropDatabase: (() => Promise<void>) | null): Promise<TestServer> {
  const config: ServerConfig = {
    ...configFromEnv({}),
    host: '127.0.0.1',
    port: 0,
    dataDir: dir,
    clientDir: overrides.clientDir ?? null,
    // Tests state their own history; the demo's past meeting would only blur their expectations.
    seedHistory: false,
    ...overrides,
  };
  const running = await startServer(config);
  const server: TestServer = {
    ...running,
    dataDir: dir,
    async restart() {
      await running.close();
      return start({ ...overrides, port: 0 }, dir, dropDatabase);
    },
    async dispose() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
      await dropDatabase?.();
    },
  };
  return server;
}

/**
 * The built client, for browser tests. KASANE_E2E_CLIENT_DIR points at another build (a private
 * `vite build --outDir`), so a rebuild elsewhere cannot empty the files under a running test.
 */
export const BUILT_CLIENT_DIR = resolve(process.env.KASANE_E2E_CLIENT_DIR ?? 'dist/client');
