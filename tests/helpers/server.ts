import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { configFromEnv, type ServerConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/start.ts';

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
  const config: ServerConfig = {
    ...configFromEnv({}),
    host: '127.0.0.1',
    port: 0,
    dataDir: dir,
    clientDir: overrides.clientDir ?? null,
    ...overrides,
  };
  const running = await startServer(config);
  const server: TestServer = {
    ...running,
    dataDir: dir,
    async restart() {
      await running.close();
      return startTestServer({ ...overrides, port: 0 }, dir);
    },
    async dispose() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

/** The built client, for browser tests. */
export const BUILT_CLIENT_DIR = resolve('dist/client');
