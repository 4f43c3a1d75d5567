import type { Db } from '../store/db.ts';
import type { SessionUser } from '../auth/lucia.ts';
import { canManageCase } from '../access/case-roles.ts';

interface UserRow {
  id: string;
  display_name: string;
  org_id: string;
  role: string;
}

/**
 * The users a picker may offer to this user (issue 8, rule 6: "a person in a DV shelter is never
 * listed to agencies outside her case"). Agency staff know each other. A household account (the
 * person or a family member: an account of a 'resident' organisation, or anybody seated as person
 * or family in a meeting) is listed only to those who already share a meeting with them or manage
 * a case they take part in; one not yet in any case to facilitators, who designate newcomers.
 * A household account itself sees only those it shares a meeting with.
 */
export async function usersKnownTo(db: Db, viewer: SessionUser): Promise<UserRow[]> {
  const users = await db.selectFrom('users').select(['id', 'display_name', 'org_id', 'role']).where('role', '!=', 'administrator').orderBy('id').execute();
  const residentOrgs = new Set((await db.selectFrom('organisations').select('id').where('field', '=', 'resident').execute()).map((o) => o.id));
  const seats = await db
    .selectFrom('meeting_participants')
    .innerJoin('meetings', 'meetings.id', 'meeting_participants.meeting_id')
    .select(['meeting_participants.user_id', 'meeting_participants.meeting_id', 'meeting_participants.role', 'meetings.case_id'])
    .execute();
  const household = new Set([...users.filter((u) => residentOrgs.has(u.org_id)).map((u) => u.id), ...seats.filter((s) => s.role === 'person' || s.role === 'family').map((s) => s.user_id)]);
  if (viewer.role === 'administrator') return users;

  const myMeetings = new Set(seats.filter((s) => s.user_id === viewer.id).map((s) => s.meeting_id));
  const managed = new Map<string, boolean>();
  const manages = async (caseId: string) => {
    if (!managed.has(caseId)) managed.set(caseId, await canManageCase(db, viewer, caseId));
    return managed.get(caseId)!;
  };
  const knows = async (userId: string) => {
    const theirs = seats.filter((s) => s.user_id === userId);
    if (theirs.some((s) => myMeetings.has(s.meeting_id))) return true;
    for (const caseId of new Set(theirs.map((s) => s.case_id))) if (await manages(caseId)) return true;
    return theirs.length === 0 && viewer.role === 'facilitator';
  };

  const viewerIsHousehold = household.has(viewer.id);
  const out: UserRow[] = [];
  for (const u of users) {
    if (u.id === viewer.id) out.push(u);
    else if (!viewerIsHousehold && !household.has(u.id)) out.push(u);
    else if (await knows(u.id)) out.push(u);
  }
  return out;
}
