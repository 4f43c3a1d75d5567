import { randomBytes } from 'node:crypto';
import type { Deps } from '../deps.ts';
import { hashPassword } from '../auth/password.ts';
import { sessionEnded } from '../access/access-changed.ts';

/**
 * An invitee's account lives for one meeting. Ending it (revoked, or the meeting closed) signs
 * it out everywhere at once (sessions gone, sockets and event streams closed on every node) and
 * makes its password unusable, so the link, the code and the password all stop working.
 */
export async function endInviteeAccount(deps: Deps, userId: string): Promise<void> {
  const sessions = await deps.db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
  await deps.auth.invalidateUserSessions(userId);
  await deps.db.updateTable('users').set({ password_hash: await hashPassword(randomBytes(32).toString('hex')) }).where('id', '=', userId).execute();
  for (const s of sessions) await sessionEnded(deps, s.id);
}

/** Invitations whose meeting has closed end with it. Returns how many ended. */
export async function endInvitationsOfClosedMeetings(deps: Deps): Promise<number> {
  const rows = await deps.db
    .selectFrom('invitations')
    .innerJoin('meetings', 'meetings.id', 'invitations.meeting_id')
    .select(['invitations.id', 'invitations.user_id', 'invitations.case_id', 'invitations.meeting_id'])
    .where('meetings.state', '=', 'closed')
    .where('invitations.ended_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .execute();
  for (const row of rows) {
    await deps.db.updateTable('invitations').set({ ended_at: new Date().toISOString() }).where('id', '=', row.id).execute();
    if (row.user_id) await endInviteeAccount(deps, row.user_id);
    await deps.audit.record({ actorUserId: null, action: 'invitation.ended', caseId: row.case_id, detail: { invitationId: row.id, meetingId: row.meeting_id } });
  }
  return rows.length;
}

/** Checks now and then for meetings that closed (the close itself is another module's route). */
export function startInvitationSweeper(deps: Deps, intervalMs = 15_000): { stop(): void } {
  const timer = setInterval(() => {
    endInvitationsOfClosedMeetings(deps).catch((error) => console.error('[invitations] sweep failed:', error));
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
