import type { Db } from './store/db.ts';
import type { Auth, SessionUser } from './auth/lucia.ts';
import type { DocStore } from './store/doc-store.ts';
import type { RoomRegistry } from './collab/room-registry.ts';
import type { ServerConfig } from './config.ts';
import type { AuditLog } from './audit/audit-log.ts';
import type { CaseEvents } from './access/case-events.ts';
import type { Bus } from './bus/bus.ts';

/** Everything a route or the collaboration endpoint needs, built once by the composition root. */
export interface Deps {
  config: ServerConfig;
  db: Db;
  auth: Auth;
  docs: DocStore;
  rooms: RoomRegistry;
  audit: AuditLog;
  events: CaseEvents;
  bus: Bus;
}

/** Hono's per-request variables. */
export interface AppEnv {
  Variables: {
    user: SessionUser | null;
    sessionId: string | null;
  };
}
