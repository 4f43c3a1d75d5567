import type { Db } from '../store/db.ts';
import type { AnnotationView, Attendee, RecordMeeting } from '../../shared/api/records.ts';
import type { LabelView } from '../../shared/api/compartments.ts';
import { BUILT_IN_MEETING_KINDS } from '../../shared/domain/meeting-kinds.ts';

/** Reads of the records tables. Plain data in, plain data out; access is decided elsewhere. */

export interface MeetingWithRecord extends RecordMeeting {
  /** As frozen at close; empty before. */
  attendees: Attendee[];
}

function kindName(kindId: string, stored: string | null): string {
  return stored ?? BUILT_IN_MEETING_KINDS.find((k) => k.id === kindId)?.nameJa ?? kindId;
}

function baseQuery(db: Db) {
  return db
    .selectFrom('meetings')
    .innerJoin('cases', 'cases.id', 'meetings.case_id')
    .leftJoin('meeting_kinds', 'meeting_kinds.id', 'meetings.kind_id')
    .leftJoin('meeting_records', 'meeting_records.meeting_id', 'meetings.id')
    .leftJoin('users as approver', 'approver.id', 'meeting_records.approved_by')
    .selectAll('meetings')
    .select([
      'cases.title as case_title',
      'meeting_kinds.name_ja',
      'meeting_records.closed_at',
      'meeting_records.approved_at',
      'meeting_records.attendees_json',
      'approver.display_name as approver_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toMeeting(row: Row): MeetingWithRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    caseTitle: row.case_title,
    kindId: row.kind_id,
    kindName: kindName(row.kind_id, row.name_ja),
    moment: row.moment,
    title: row.title,
    scheduledAt: row.scheduled_at,
    openedAt: row.opened_at ?? null,
    videoUrl: row.video_url,
    state: row.state as RecordMeeting['state'],
    closedAt: row.closed_at,
    approvedAt: row.approved_at,
    approvedBy: row.approver_name,
    attendees: row.attendees_json ? (JSON.parse(row.attendees_json) as Attendee[]) : [],
  };
}

export async function loadMeetingWithRecord(db: Db, meetingId: string): Promise<MeetingWithRecord | null> {
  const row = await baseQuery(db).where('meetings.id', '=', meetingId).executeTakeFirst();
  return row ? toMeeting(row) : null;
}

export async function meetingsOfCase(db: Db, caseId: string): Promise<MeetingWithRecord[]> {
  const rows = await baseQuery(db).where('meetings.case_id', '=', caseId).orderBy('meetings.scheduled_at').orderBy('meetings.id').execute();
  return rows.map(toMeeting);
}

/** Stripped of the attendance, which only those admitted to the meeting document may see. */
export function publicMeeting({ attendees: _attendees, ...meeting }: MeetingWithRecord): RecordMeeting {
  return meeting;
}

/**
 * Computed once at freeze time (records/freeze.ts), so that listing 50 meetings decodes nothing.
 * Which of them a viewer sees is decided per snapshot, like the state itself.
 */
export interface SnapshotSummary {
  planStage?: string;
  decisions?: number;
}

export interface SnapshotRef {
  docName: string;
  label: LabelView | null;
  summary: SnapshotSummary;
}

export async function snapshotRefs(db: Db, meetingId: string): Promise<SnapshotRef[]> {
  const rows = await db
    .selectFrom('meeting_snapshots')
    .select(['doc_name', 'label_json', 'summary_json'])
    .where('meeting_id', '=', meetingId)
    .orderBy('doc_name')
    .execute();
  return rows.map((r) => ({
    docName: r.doc_name,
    label: r.label_json ? (JSON.parse(r.label_json) as LabelView) : null,
    summary: JSON.parse(r.summary_json) as SnapshotSummary,
  }));
}

export async function snapshotStates(db: Db, meetingId: string, docNames: string[]): Promise<Map<string, Uint8Array>> {
  if (docNames.length === 0) return new Map();
  const rows = await db
    .selectFrom('meeting_snapshots')
    .select(['doc_name', 'state'])
    .where('meeting_id', '=', meetingId)
    .where('doc_name', 'in', docNames)
    .execute();
  return new Map(rows.map((r) => [r.doc_name, new Uint8Array(r.state)]));
}

export async function annotationsOf(db: Db, meetingId: string): Promise<AnnotationView[]> {
  const rows = await db
    .selectFrom('meeting_annotations')
    .innerJoin('users', 'users.id', 'meeting_annotations.author_user_id')
    .select(['meeting_annotations.id', 'meeting_annotations.text', 'meeting_annotations.created_at', 'users.display_name'])
    .where('meeting_annotations.meeting_id', '=', meetingId)
    .orderBy('meeting_annotations.id')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), authorName: r.display_name, text: r.text, createdAt: r.created_at }));
}

export async function organisationNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('organisations').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
