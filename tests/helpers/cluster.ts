import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { configFromEnv, type ServerConfig } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { createTestDatabase } from './postgres.ts';

export const TEST_REDIS_URL = process.env.KASANE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Several server nodes on one fresh PostgreSQL database, joined by a real Redis bus with a channel
 * prefix of their own (so parallel test files never hear each other). `partitioned`: each node
 * gets a prefix of its own, as if the bus lost every message between them (only the store joins them).
 */
export async function startCluster(
  size: number,
  overrides: Partial<ServerConfig> = {},
  options: { partitioned?: boolean } = {},
): Promise<{ nodes: RunningServer[]; dispose(): Promise<void> }> {
  const database = await createTestDatabase();
  const sharedPrefix = `kasane-test-${randomUUID()}:`;
  const dir = mkdtempSync(join(tmpdir(), 'kasane-cluster-'));
  const nodes: RunningServer[] = [];
  // One after the other: the first migrates and seeds, the others find it done.
  for (let i = 0; i < size; i++) {
    const busPrefix = options.partitioned ? `${sharedPrefix}${i}:` : sharedPrefix;
    nodes.push(
      await startServer({ ...configFromEnv({}), host: '127.0.0.1', port: 0, dataDir: dir, clientDir: null, seedHistory: false, databaseUrl: database.url, redisUrl: TEST_REDIS_URL, busPrefix, ...overrides }),
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

/** A free TCP port on loopback (taken and released: good enough for a test's own service). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A Redis of the test's own, on its own port, that the test can stop (SIGKILL: an outage, not a
 * goodbye) and start again on the same port, as a Redis blip would look to the nodes.
 */
export async function startRedis(): Promise<{
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** SIGSTOP / SIGCONT: a Redis that hangs with its connections open (answers nothing) and comes back. */
  pause(): void;
  resume(): void;
  dispose(): Promise<void>;
}> {
  const port = await freePort();
  let proc: ChildProcess | null = null;
  const start = async () => {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    proc = child;
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out.slice(-500)}`)));
      child.once('error', reject);
    });
  };
  const stop = async () => {
    const child = proc;
    proc = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  };
  await start();
  const signal = (sig: NodeJS.Signals) => {
    const child = proc as ChildProcess | null;
    child?.kill(sig);
  };
  const dispose = async () => {
    signal('SIGCONT');
    await stop();
  };
  return { url: `redis://127.0.0.1:${port}`, stop, start, pause: () => signal('SIGSTOP'), resume: () => signal('SIGCONT'), dispose };
}

/** One Kasane server as its own OS process (`node server/index.ts`), as deployed. */
export interface NodeProcess {
  url: string;
  proc: ChildProcess;
  /** Everything it printed (stdout and stderr), for assertions on its logs and for failures. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** kill -9: no shutdown code runs. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Starts `node --import tsx server/index.ts` with the given environment (PORT 0 unless given) and
 * resolves once it prints its URL; rejects with its output if it exits first.
 */
export async function spawnNode(env: Record<string, string>): Promise<NodeProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      HOST: '127.0.0.1',
      PORT: '0',
      KASANE_SEED_HISTORY: '0',
      KASANE_CLIENT_DIR: join(REPO, 'no-client-build'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  proc.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => proc.once('exit', (code, signal) => r({ code, signal })));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const onData = () => {
      const match = /running at (http:\/\/[^\s]+)/.exec(out);
      if (match) resolveUrl(match[1]!);
    };
    proc.stdout!.on('data', onData);
    void exited.then(({ code, signal }) => reject(new Error(`server exited (${code ?? signal}) before listening:\n${out.slice(-2000)}`)));
  });
  const node: NodeProcess = {
    url,
    proc,
    output: () => out,
    exited,
    async crash() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await exited;
    },
  };
  return node;
}

/** What GET /api/health answers (null when the node does not answer at all). */
export async function health(url: string): Promise<{ status: number; body: { status: string; store: { reachable: boolean }; bus: { kind: string; reachable: boolean }; control: { certain: boolean; position: number | null } } } | null> {
  try {
    const res = await fetch(`${url}/api/health`);
    return { status: res.status, body: await res.json() };
  } catch {
    return null;
  }
}

/** Polls an asynchronous condition until it holds (an event seen from outside a process). */
export async function eventually(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
