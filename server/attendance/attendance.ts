import type { Db } from '../store/db.ts';
import type { ParticipantView } from '../../shared/api/cases.ts';

/**
 * A participant opened the board of a running meeting: they attended. Only the first join counts
 * and a facilitator's correction ("left early" = absent) is never overwritten by a later join.
 */
export async function recordJoin(db: Db, meetingId: string, userId: string): Promise<void> {
  const meeting = await db.selectFrom('meetings').select('state').where('id', '=', meetingId).executeTakeFirst();
  if (meeting?.state !== 'open') return;
  const designated = await db.selectFrom('meeting_participants').select('user_id').where('meeting_id', '=', meetingId).where('user_id', '=', userId).executeTakeFirst();
  if (!designated) return;
  await db
    .insertInto('meeting_attendance')
    .values({ meeting_id: meetingId, user_id: userId, present: 1, source: 'joined', updated_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doNothing())
    .execute();
}

/** The facilitator marks someone present or absent (phone participants, corrections). */
export async function markAttendance(db: Db, meetingId: string, userId: string, present: boolean): Promise<void> {
  const row = { meeting_id: meetingId, user_id: userId, present: present ? 1 : 0, source: 'facilitator', updated_at: new Date().toISOString() };
  await db
    .insertInto('meeting_attendance')
    .values(row)
    .onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doUpdateSet({ present: row.present, source: row.source, updated_at: row.updated_at }))
    .execute();
}

/** Ids of those recorded present. */
export async function presentUserIds(db: Db, meetingId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('meeting_attendance').select('user_id').where('meeting_id', '=', meetingId).where('present', '=', 1).execute();
  return new Set(rows.map((r) => r.user_id));
}

/** The designated participants who attended: what the minutes list as 出席者. */
export async function attendeesOf(db: Db, meetingId: string, participants: ParticipantView[]): Promise<ParticipantView[]> {
  const present = await presentUserIds(db, meetingId);
  return participants.filter((p) => present.has(p.userId));
}
