import type { Deps } from '../deps.ts';
import { sessionEnded } from '../access/access-changed.ts';

/**
 * A deactivated user (or every user of a deactivated organisation, or one whose password or second
 * factor was reset) is out at once: the sessions are deleted first, so no socket can come back
 * through the connection check, then each session's sockets and event streams are closed here and,
 * through the bus, on every other node (the same path as logging out).
 */
export async function endUserAccess(deps: Deps, userId: string): Promise<number> {
  const sessions = await deps.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
  await deps.auth.invalidateUserSessions(userId);
  await deps.db.deleteFrom('login_challenges').where('user_id', '=', userId).execute();
  for (const { id } of sessions) await sessionEnded(deps, id);
  return sessions.length;
}
