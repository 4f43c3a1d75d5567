import type { Deps } from '../deps.ts';
import type { Connection } from '../collab/connection.ts';
import { redecide, type Reevaluation } from '../collab/revocation.ts';
import { AccessSnapshot } from './access-snapshot.ts';
import { closeAll, writeAudit } from './narrowing.ts';

/**
 * The safety net under the narrowing events (narrowing.ts): every open connection on this node is
 * decided again from the store, as if every event had just happened. It catches whatever an event
 * missed (a bus message lost while Redis was down, a process that died between commit and notify,
 * a session that simply expired, an account removed). Sockets first, audit after, as everywhere.
 */
export async function sweepConnections(deps: Deps): Promise<Reevaluation> {
  const all = await deps.rooms.connectionsWhere(() => true);
  if (all.length === 0) return { checked: 0, closed: 0, downgraded: 0, outcomes: [] };

  const live = await liveSessions(deps, [...new Set(all.map((c) => c.sessionId))]);
  if (live === null) {
    // Nothing can be decided: fail closed, as a transient error (clients reconnect and are decided again).
    const failed = closeAll(all, 'error');
    await writeAudit(deps, failed.outcomes, undefined);
    return failed;
  }
  const alive = (c: Connection) => live.has(`${c.sessionId}|${c.user.id}`);
  const signedOut = closeAll(all.filter((c) => !alive(c)), 'session_ended');

  const rest = all.filter(alive);
  const decided = await redecide(rest, new AccessSnapshot(deps.db));

  const touched = new Set([...signedOut.outcomes, ...decided.outcomes].map((o) => o.conn.caseId));
  for (const caseId of touched) deps.events.emit({ type: 'access-changed', caseId, why: 'sweep' });
  const outcomes = [...signedOut.outcomes, ...decided.outcomes];
  await writeAudit(deps, outcomes, undefined);
  return {
    checked: all.length,
    closed: signedOut.closed + decided.closed,
    downgraded: decided.downgraded,
    outcomes,
  };
}

/**
 * "session|user" of the sessions that still exist, have not expired and belong to an existing
 * account; null when the store cannot say.
 */
async function liveSessions(deps: Deps, sessionIds: string[]): Promise<Set<string> | null> {
  const live = new Set<string>();
  const now = Date.now();
  try {
    for (let i = 0; i < sessionIds.length; i += 500) {
      const rows = await deps.db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['sessions.id', 'sessions.user_id', 'sessions.expires_at'])
        .where('sessions.id', 'in', sessionIds.slice(i, i + 500))
        .execute();
      for (const r of rows) if (Number(r.expires_at) > now) live.add(`${r.id}|${r.user_id}`);
    }
  } catch (error) {
    console.error('[sweep] sessions could not be read; closing to be safe:', error);
    return null;
  }
  return live;
}
