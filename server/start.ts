import { serve, type ServerType } from '@hono/node-server';
import { createNodeWebSocket } from '@hono/node-ws';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ServerConfig } from './config.ts';
import type { AppEnv, Deps } from './deps.ts';
import { openPostgres, openSqlite, type Db } from './store/db.ts';
import { migrateToLatest } from './store/migrate.ts';
import { KyselyDocStore, type DocStore } from './store/doc-store.ts';
import { createLucia } from './auth/lucia.ts';
import { RoomRegistry } from './collab/room-registry.ts';
import { KyselyAuditLog } from './audit/audit-store.ts';
import { CaseEvents } from './access/case-events.ts';
import { LocalBus } from './bus/bus.ts';
import { RedisBus } from './bus/redis-bus.ts';
import { ControlLog } from './bus/control-log.ts';
import { watchInterruptions } from './bus/recover.ts';
import { listenToOtherNodes } from './access/access-changed.ts';
import { startExpiryWatch, type ExpiryWatch } from './access/expiry-watch.ts';
import { startSessionWatch, type SessionWatch } from './collab/session-watch.ts';
import { startInvitationSweeper } from './intake/invitation-end.ts';
import { startRetentionJob } from './admin/retention.ts';
import { issueSetupLinkIfNeeded, type SetupLinkIssue } from './admin/setup-link.ts';
import { createApp } from './app.ts';
import { seedDemoIfEmpty, type DemoLogin } from './seed/demo.ts';
import { seedDemoHistory } from './seed/demo-history.ts';
import { prepareInstallation } from './seed/going-live.ts';
import { applySessionLifetime, loadSettings } from './admin/settings-store.ts';
import { CloseCodes } from '../shared/protocol/close-codes.ts';

export interface RunningServer {
  url: string;
  port: number;
  deps: Deps;
  demoLogins: DemoLogin[];
  /** A real installation without an administrator: the setup link to print (server/admin/setup-link.ts). */
  setupLink: SetupLinkIssue | null;
  /** Checks consent validity periods against the clock (tick() runs one check now). */
  expiryWatch: ExpiryWatch;
  /** Checks open sockets against their sessions (tick() runs one check now). */
  sessionWatch: SessionWatch;
  close(): Promise<void>;
}

/** Seams for tests: a store double behind the real one (e.g. a slow store). */
export interface StartOptions {
  wrapDocStore?: (store: DocStore) => DocStore;
}

/** The composition root's work: pick the store, migrate, seed, wire the app and listen. */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const db: Db = config.databaseUrl ? openPostgres(config.databaseUrl) : openSqlite(join(config.dataDir, 'kasane.sqlite'));
  await migrateToLatest(db);
  const demoLogins = config.seedDemo ? await seedDemoIfEmpty(db) : [];
  // Meeting kinds and settings exist in every installation; outside the demo nothing else does.
  await prepareInstallation(db, { demo: demoLogins.length > 0, sessionTtlSeconds: config.sessionTtlSeconds });

  const docs: DocStore = new KyselyDocStore(db);
  const bus = config.redisUrl ? new RedisBus(config.redisUrl, config.busPrefix) : new LocalBus();
  // Several nodes: control events go through the durable log in the shared database.
  if (bus instanceof RedisBus) bus.control = await ControlLog.open(db, bus);
  const deps: Deps = {
    config,
    db,
    auth: createLucia(db, { sessionTtlSeconds: config.sessionTtlSeconds, secureCookies: config.secureCookies, sessionMaxAgeSeconds: config.sessionMaxAgeSeconds }),
    docs: options.wrapDocStore ? options.wrapDocStore(docs) : docs,
    rooms: undefined as unknown as RoomRegistry,
    audit: new KyselyAuditLog(db),
    events: new CaseEvents(),
    bus,
  };
  deps.rooms = new RoomRegistry(deps.docs, deps.bus, () => deps.bus.control.certain);
  applySessionLifetime(deps.auth, (await loadSettings(db)).sessionIdleMinutes);
  // No demo, no administrator yet: a one-time link to create one from a browser (or admin:create).
  const setupLink = config.seedDemo ? null : await issueSetupLinkIfNeeded(db, deps.audit);
  const stopListening = await listenToOtherNodes(deps);
  const stopWatching = watchInterruptions(deps);
  if (config.seedDemo && config.seedHistory && demoLogins.length > 0) await seedDemoHistory(deps);
  const expiryWatch = startExpiryWatch(deps, config.expiryCheckMs);
  const sessionWatch = await startSessionWatch(deps, config.sessionCheckMs);
  const invitationSweeper = startInvitationSweeper(deps);
  // Retention periods of the municipality settings: now, then daily (server/admin/retention.ts).
  const retention = startRetentionJob(deps);

  // node-ws needs the app that will receive upgrades; the real app is mounted inside it.
  const root = new Hono<AppEnv>();
  const nodeWs = createNodeWebSocket({ app: root });
  // Frames larger than this close the socket with 1009 before they are buffered whole.
  (nodeWs.wss.options as { maxPayload?: number }).maxPayload = config.maxMessageBytes;
  // One message per connection per event-loop turn: a flooder's 64 KiB chunk holds thousands of
  // tiny frames, and parsing them in one go stalls every other room for tens of milliseconds.
  // Deferred, connections take turns; the receiver's buffer fills and ws stops reading the
  // flooder's socket (TCP backpressure) instead of the server buffering for him.
  (nodeWs.wss.options as { allowSynchronousEvents?: boolean }).allowSynchronousEvents = false;
  const { app } = createApp(deps, nodeWs.upgradeWebSocket);
  root.route('/', app);

  let server: ServerType;
  try {
    server = await new Promise((resolve, reject) => {
      const s = serve({ fetch: root.fetch, hostname: config.host, port: config.port }, () => resolve(s));
      // A port that cannot be bound (in use, not permitted) fails the start instead of leaving a
      // node that looks alive and serves nothing.
      s.once('error', reject);
    });
  } catch (error) {
    expiryWatch.stop();
    await sessionWatch.stop();
    invitationSweeper.stop();
    retention.stop();
    await retention.idle();
    stopWatching();
    deps.rooms.stop();
    await stopListening();
    await deps.bus.close();
    await db.destroy();
    throw new Error(`cannot listen on ${config.host}:${config.port}: ${error instanceof Error ? error.message : String(error)}`);
  }
  nodeWs.injectWebSocket(server);
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${config.host}:${port}`,
    port,
    deps,
    demoLogins,
    setupLink,
    expiryWatch,
    sessionWatch,
    async close() {
      expiryWatch.stop();
      await sessionWatch.stop();
      invitationSweeper.stop();
      retention.stop();
      await retention.idle();
      for (const client of nodeWs.wss.clients) client.close(CloseCodes.shuttingDown.code, CloseCodes.shuttingDown.reason);
      const closing = new Promise<void>((resolve) => server.close(() => resolve()));
      // Open event streams (SSE) would keep close() waiting forever.
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await closing;
      // Sockets close asynchronously; give their rooms the chance to store and unload.
      await waitFor(() => deps.rooms.size === 0, 2000);
      await deps.rooms.drain();
      stopWatching();
      deps.rooms.stop();
      await stopListening();
      await deps.bus.close();
      await db.destroy();
    },
  };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
}
