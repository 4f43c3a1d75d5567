import type { Db } from '../store/db.ts';
import type { SessionUser } from '../auth/lucia.ts';
import type { MeetingKindFlags } from '../../shared/domain/meeting-kinds.ts';
import { BUILT_IN_MEETING_KINDS } from '../../shared/domain/meeting-kinds.ts';
import { canManageCase } from '../access/case-roles.ts';
import { loadMeeting, type MeetingRow } from '../access/load.ts';
import { caseIdsVisibleTo } from './case-queries.ts';

/**
 * Who may know that a thing exists (issue 8, rules 3 and 7). Every route that takes an id asks
 * here first and answers `notFound` when the answer is no, before it looks at whether the thing
 * (or anything inside it) exists; only then may a route give a 403 or 409, which by then tells
 * the user nothing they may not know.
 */

/** The user takes part in one of the case's meetings, or manages the case. */
export async function knowsCase(db: Db, user: SessionUser, caseId: string): Promise<boolean> {
  if ((await caseIdsVisibleTo(db, user.id)).includes(caseId)) return true;
  return canManageCase(db, user, caseId);
}

/**
 * A 支援会議 (any kind whose members owe the confidentiality duty) is 非公開: its existence, title,
 * participants and record are for its designated members and the case's coordinators only.
 * Flags come from the municipality's configuration; an unknown kind counts as closed.
 */
export function closedToPublic(flags: MeetingKindFlags): boolean {
  return flags.confidentialityRequired;
}

export async function meetingKindFlags(db: Db): Promise<(kindId: string) => MeetingKindFlags> {
  const rows = await db.selectFrom('meeting_kinds').select(['id', 'consent_required', 'confidentiality_required']).execute();
  const configured = new Map(rows.map((r) => [r.id, { consentRequired: r.consent_required === 1, confidentialityRequired: r.confidentiality_required === 1 }]));
  return (kindId) => configured.get(kindId) ?? BUILT_IN_MEETING_KINDS.find((k) => k.id === kindId) ?? { consentRequired: true, confidentialityRequired: true };
}

/**
 * The meetings of one case this user may know of: all of them for those who manage the case;
 * otherwise the open (非公開 でない) ones of a case they know, and the closed ones they are
 * designated to. Order is kept.
 */
export async function meetingsKnownTo<M extends { id: string; kind_id?: string; kindId?: string }>(
  db: Db,
  user: SessionUser,
  caseId: string,
  meetings: M[],
): Promise<M[]> {
  if (meetings.length === 0) return [];
  if (await canManageCase(db, user, caseId)) return meetings;
  const flagsOf = await meetingKindFlags(db);
  const mine = new Set(
    (
      await db
        .selectFrom('meeting_participants')
        .select('meeting_id')
        .where('user_id', '=', user.id)
        .where(
          'meeting_id',
          'in',
          meetings.map((m) => m.id),
        )
        .execute()
    ).map((r) => r.meeting_id),
  );
  return meetings.filter((m) => mine.has(m.id) || !closedToPublic(flagsOf((m.kind_id ?? m.kindId)!)));
}

/** The meeting, when this user may know of it; null exactly as for an unknown id. */
export async function knownMeeting(db: Db, user: SessionUser, meetingId: string): Promise<MeetingRow | null> {
  const meeting = await loadMeeting(db, meetingId);
  if (!meeting) return null;
  if (!(await knowsCase(db, user, meeting.caseId))) return null;
  const known = await meetingsKnownTo(db, user, meeting.caseId, [{ id: meeting.id, kindId: meeting.kindId }]);
  return known.length > 0 ? meeting : null;
}
