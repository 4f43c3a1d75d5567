import type { Db } from '../store/db.ts';
import type { SessionUser } from '../auth/lucia.ts';
import { CloseCodes, type CloseCode } from '../../shared/protocol/close-codes.ts';
import { parseDocName } from '../../shared/policy/compartment-name.ts';
import type { Access } from '../../shared/policy/types.ts';

export type DocDecision =
  | { ok: true; access: Exclude<Access, 'none'>; caseId: string; contextKey: string; reason: string }
  | { ok: false; close: CloseCode; reason: string };

/**
 * The single place that decides whether a user may open a document, and how. Every WebSocket
 * connection passes here at open, and again whenever something that can narrow access changes.
 */
export async function authorizeDocument(db: Db, user: SessionUser, docName: string): Promise<DocDecision> {
  const parsed = parseDocName(docName);
  if (!parsed) return { ok: false, close: CloseCodes.notFound, reason: 'malformed_name' };
  if (parsed.type === 'meeting') return authorizeMeetingDoc(db, user, parsed.meetingId);
  return { ok: false, close: CloseCodes.forbidden, reason: 'compartments_not_open_yet' };
}

/** The meeting document is shared by everyone admitted to the meeting. */
async function authorizeMeetingDoc(db: Db, user: SessionUser, meetingId: string): Promise<DocDecision> {
  const meeting = await db
    .selectFrom('meetings')
    .innerJoin('cases', 'cases.id', 'meetings.case_id')
    .select(['meetings.id', 'meetings.case_id', 'meetings.state', 'cases.coordinator_user_id'])
    .where('meetings.id', '=', meetingId)
    .executeTakeFirst();
  if (!meeting) return { ok: false, close: CloseCodes.notFound, reason: 'unknown_meeting' };
  const participant = await db
    .selectFrom('meeting_participants')
    .select(['role'])
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  const isCoordinator = meeting.coordinator_user_id === user.id;
  if (!participant && !isCoordinator) return { ok: false, close: CloseCodes.forbidden, reason: 'not_participant' };
  const contextKey = `meeting:${meetingId}`;
  if (meeting.state === 'closed') return { ok: true, access: 'read', caseId: meeting.case_id, contextKey, reason: 'closed_read_only' };
  // The person, family and guests follow the meeting but do not write its minutes.
  const writes = isCoordinator || participant?.role === 'facilitator' || participant?.role === 'member';
  return { ok: true, access: writes ? 'write' : 'read', caseId: meeting.case_id, contextKey, reason: 'participant' };
}
