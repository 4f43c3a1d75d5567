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
  /** Origins besides the server's own that may call the API and open sockets (a reverse proxy's). */
  extraOrigins: string[];
  /** NODE_ENV=development: the Vite dev server's origins are trusted too (never in production). */
  development: boolean;
  /** Idle timeout: a session unused this long ends (Lucia extends it on use). */
  sessionTtlSeconds: number;
  /** Absolute lifetime: a session ends this long after sign-in, however busy. */
  sessionMaxAgeSeconds: number;
  /** How often open sockets are checked against their session (expired, revoked, too old). */
  sessionCheckMs: number;
  secureCookies: boolean;
  /** Built client to serve; null serves the API only. */
  clientDir: string | null;
  /** Largest WebSocket frame accepted; larger ones close the connection with 1009. */
  maxMessageBytes: number;
  /** Limits that keep one participant from hurting the others (see server/collab/limits.ts). */
  limits: CollabLimits;
  /** Largest HTTP request body read (413 beyond); sign-in requests get a much smaller bound. */
  maxBodyBytes: number;
  /** Also seed a past, closed meeting so the demo has a record to review (off in most tests). */
  seedHistory: boolean;
  /** How often consent validity periods are checked against the clock. */
  expiryCheckMs: number;
  /** Seed the demo municipality when the database is empty. */
  seedDemo: boolean;
  /** Sign-in throttling (server/auth/login-throttle.ts): free failures and lock lengths. */
  loginThrottle: ThrottleOptions;
}

/** See server/auth/login-throttle.ts. */
export interface ThrottleOptions {
  accountFreeFailures: number;
  addressFreeFailures: number;
  /** The first lock; each further failure doubles it, up to maxLockMs. */
  baseLockMs: number;
  maxLockMs: number;
  /** Failures are forgotten after this long without another one. */
  forgetAfterMs: number;
}

export function loginThrottleFromEnv(env: NodeJS.ProcessEnv): ThrottleOptions {
  return {
    accountFreeFailures: num(env.KASANE_LOGIN_ACCOUNT_FREE_FAILURES, 5),
    addressFreeFailures: num(env.KASANE_LOGIN_ADDRESS_FREE_FAILURES, 30),
    baseLockMs: num(env.KASANE_LOGIN_BASE_LOCK_MS, 1000),
    maxLockMs: num(env.KASANE_LOGIN_MAX_LOCK_MS, 15 * 60_000),
    forgetAfterMs: num(env.KASANE_LOGIN_FORGET_AFTER_MS, 60 * 60_000),
  };
}

export interface CollabLimits {
  /** Largest single Yjs update (step 2 or update); larger closes with 1009. */
  maxUpdateBytes: number;
  /** Largest document (encoded state); an update that would grow it past this closes with 4413. */
  maxDocBytes: number;
  /** Unsent output a connection may have queued before it is treated as a slow reader (1013). */
  maxBufferedBytes: number;
  /** Token buckets: burst size and refill per second. Typing is ~10 updates/s at most. The per-user one is shared by all nodes when Redis is configured (collab/guards.ts). */
  connUpdateBurst: number;
  connUpdatesPerSecond: number;
  userUpdateBurst: number;
  userUpdatesPerSecond: number;
  /** Bytes of updates per connection: burst and refill per second. */
  connUpdateBytesBurst: number;
  connUpdateBytesPerSecond: number;
  /** Awareness (presence, carets) messages per connection. */
  awarenessBurst: number;
  awarenessPerSecond: number;
  /** Frames of any kind per connection (decoding and queueing cost even when they do nothing). */
  frameBurst: number;
  framesPerSecond: number;
  /** Replies that cost the server a whole-document or whole-presence encoding (step 1, query). */
  expensiveReplyBurst: number;
  expensiveRepliesPerSecond: number;
  /** Largest awareness state (JSON) of one connection. */
  maxAwarenessBytes: number;
}

const num = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
};

export function collabLimitsFromEnv(env: NodeJS.ProcessEnv): CollabLimits {
  return {
    maxUpdateBytes: num(env.KASANE_MAX_UPDATE_BYTES, 1024 * 1024),
    maxDocBytes: num(env.KASANE_MAX_DOC_BYTES, 32 * 1024 * 1024),
    maxBufferedBytes: num(env.KASANE_MAX_BUFFERED_BYTES, 8 * 1024 * 1024),
    connUpdateBurst: num(env.KASANE_UPDATE_BURST, 200),
    connUpdatesPerSecond: num(env.KASANE_UPDATES_PER_SECOND, 40),
    userUpdateBurst: num(env.KASANE_USER_UPDATE_BURST, 400),
    userUpdatesPerSecond: num(env.KASANE_USER_UPDATES_PER_SECOND, 80),
    connUpdateBytesBurst: num(env.KASANE_UPDATE_BYTES_BURST, 8 * 1024 * 1024),
    connUpdateBytesPerSecond: num(env.KASANE_UPDATE_BYTES_PER_SECOND, 1024 * 1024),
    awarenessBurst: num(env.KASANE_AWARENESS_BURST, 200),
    awarenessPerSecond: num(env.KASANE_AWARENESS_PER_SECOND, 60),
    frameBurst: num(env.KASANE_FRAME_BURST, 1000),
    framesPerSecond: num(env.KASANE_FRAMES_PER_SECOND, 200),
    expensiveReplyBurst: num(env.KASANE_REPLY_BURST, 4),
    expensiveRepliesPerSecond: num(env.KASANE_REPLIES_PER_SECOND, 1),
    maxAwarenessBytes: num(env.KASANE_MAX_AWARENESS_BYTES, 16 * 1024),
  };
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 3000),
    dataDir: resolve(env.KASANE_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || null,
    redisUrl: env.REDIS_URL || null,
    busPrefix: env.KASANE_BUS_PREFIX ?? 'kasane:',
    extraOrigins: (env.KASANE_EXTRA_ORIGINS ?? '').split(',').filter(Boolean),
    development: env.NODE_ENV === 'development',
    sessionTtlSeconds: Number(env.KASANE_SESSION_TTL_SECONDS ?? 8 * 3600),
    sessionMaxAgeSeconds: num(env.KASANE_SESSION_MAX_AGE_SECONDS, 12 * 3600),
    sessionCheckMs: num(env.KASANE_SESSION_CHECK_MS, 60_000),
    secureCookies: env.KASANE_SECURE_COOKIES === '1',
    clientDir: resolve(env.KASANE_CLIENT_DIR ?? './dist/client'),
    maxMessageBytes: Number(env.KASANE_MAX_MESSAGE_BYTES ?? 2 * 1024 * 1024),
    limits: collabLimitsFromEnv(env),
    maxBodyBytes: num(env.KASANE_MAX_BODY_BYTES, 1024 * 1024),
    seedDemo: env.KASANE_SEED_DEMO !== '0',
    seedHistory: env.KASANE_SEED_HISTORY !== '0',
    expiryCheckMs: Number(env.KASANE_EXPIRY_CHECK_MS ?? 60_000),
    loginThrottle: loginThrottleFromEnv(env),
  };
}
