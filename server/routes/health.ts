import { Hono } from 'hono';
import { sql } from 'kysely';
import type { AppEnv, Deps } from '../deps.ts';
import { dialectOf } from '../store/dialect.ts';

/** How long the store may take to answer `SELECT 1` before it counts as unreachable. */
const STORE_TIMEOUT_MS = 2000;

/**
 * GET /api/health: whether this node's store and bus are reachable, for load balancers and
 * operators. 200 when everything is, 503 otherwise (the body says what is not). Changes are
 * logged once each, not at every probe.
 */
export function healthRoutes(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  let storeWasReachable = true;
  app.get('/api/health', async (c) => {
    const store = await probeStore(deps);
    if (store.reachable !== storeWasReachable) {
      storeWasReachable = store.reachable;
      if (store.reachable) console.log('[health] store reachable again');
      else console.error(`[health] store unreachable: ${store.error}`);
    }
    const bus = deps.bus.health();
    const control = deps.bus.control.health();
    const ok = store.reachable && bus.reachable && control.certain;
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        status: ok ? 'ok' : 'degraded',
        store: { dialect: dialectOf(deps.db), reachable: store.reachable },
        bus: { kind: bus.kind, reachable: bus.reachable, since: bus.since },
        control: control,
        rooms: deps.rooms.size,
      },
      ok ? 200 : 503,
    );
  });
  return app;
}

async function probeStore(deps: Deps): Promise<{ reachable: boolean; error?: string }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      sql`SELECT 1`.execute(deps.db),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${STORE_TIMEOUT_MS} ms`)), STORE_TIMEOUT_MS))),
    ]);
    return { reachable: true };
  } catch (error) {
    return { reachable: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
