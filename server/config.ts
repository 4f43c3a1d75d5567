import { resolve } from 'node:path';

export interface ServerConfig {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Where the SQLite file lives when no DATABASE_URL is given. */
  dataDir: string;
  /** postgres://... selects PostgreSQL; empty means the embedded SQLite file. */
  databaseUrl: string | null;
  /** redis://... enables the multi-node bus. */
  redisUrl: string | null;
  /** Prefix of every bus channel: one per deployment sharing a Redis. */
  busPrefix: string;
  /** Origins besides the server's own that may call the API and open sockets (Vite dev server). */
  extraOrigins: string[];
  sessionTtlSeconds: number;
  secureCookies: boolean;
  /** Built client to serve; null serves the API only. */
  clientDir: string | null;
  /** Largest WebSocket frame accepted; larger ones close the connection with 1009. */
  maxMessageBytes: number;
  /** Also seed a past, closed meeting so the demo has a record to review (off in most tests). */
  seedHistory: boolean;
  /** How often consent validity periods are checked against the clock. */
  expiryCheckMs: number;
  /** Seed the demo municipality when the database is empty. */
  seedDemo: boolean;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 3000),
    dataDir: resolve(env.KASANE_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || null,
    redisUrl: env.REDIS_URL || null,
    busPrefix: env.KASANE_BUS_PREFIX ?? 'kasane:',
    extraOrigins: (env.KASANE_EXTRA_ORIGINS ?? 'http://localhost:5173,http://127.0.0.1:5173').split(',').filter(Boolean),
    sessionTtlSeconds: Number(env.KASANE_SESSION_TTL_SECONDS ?? 8 * 3600),
    secureCookies: env.KASANE_SECURE_COOKIES === '1',
    clientDir: resolve(env.KASANE_CLIENT_DIR ?? './dist/client'),
    maxMessageBytes: Number(env.KASANE_MAX_MESSAGE_BYTES ?? 2 * 1024 * 1024),
    seedDemo: env.KASANE_SEED_DEMO !== '0',
    seedHistory: env.KASANE_SEED_HISTORY !== '0',
    expiryCheckMs: Number(env.KASANE_EXPIRY_CHECK_MS ?? 60_000),
  };
}
