import type { Deps } from '../deps.ts';
import { subscribeControl } from '../bus/control.ts';
import { CloseCodes } from '../../shared/protocol/close-codes.ts';

export interface SessionWatch {
  /** Checks every open socket's session now; resolves with how many sockets it closed. */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

/** Sessions looked up per query. */
const CHUNK = 500;

/**
 * An open socket outlives the HTTP request that opened it, so its session is checked again: every
 * `intervalMs` and after every control event (access changed, session ended, … from any node).
 * A session that expired (idle), passed its absolute lifetime, or was deleted (logout, deactivated
 * user) closes its sockets with 4401. Reading the sessions table does not extend anything: an open
 * socket alone does not keep a session alive.
 */
export async function startSessionWatch(deps: Deps, intervalMs: number): Promise<SessionWatch> {
  let running: Promise<number> | null = null;
  let again = false;
  const tick = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = check(deps)
      .catch((error) => {
        console.error('[sessions] check failed:', error);
        return 0;
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          void tick();
        }
      });
    return running;
  };
  const timer = setInterval(() => void tick(), Math.max(1000, intervalMs));
  timer.unref();
  const unsubscribe = await subscribeControl(deps.bus, () => void tick());
  return {
    tick,
    async stop() {
      clearInterval(timer);
      await unsubscribe();
      await running;
    },
  };
}

async function check(deps: Deps): Promise<number> {
  const connections = await deps.rooms.connectionsWhere(() => true);
  if (connections.length === 0) return 0;
  const ids = [...new Set(connections.map((c) => c.sessionId))];
  const now = Date.now();
  const maxAgeMs = deps.config.sessionMaxAgeSeconds * 1000;
  const valid = new Set<string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await deps.db
      .selectFrom('sessions')
      .select(['id', 'expires_at', 'created_at'])
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) {
      const expired = Number(row.expires_at) <= now;
      const tooOld = row.created_at !== null && Number(row.created_at) + maxAgeMs <= now;
      if (!expired && !tooOld) valid.add(row.id);
    }
  }
  let closed = 0;
  for (const conn of connections) {
    if (valid.has(conn.sessionId)) continue;
    conn.close(CloseCodes.unauthenticated, 'session_expired');
    closed += 1;
  }
  return closed;
}
