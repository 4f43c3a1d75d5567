import type { Generated } from 'kysely';

/** Records of closed meetings (issues 5 and 11): frozen states, approvals, annotations, attendance, what the municipality files and what retention removed. Conventions as in schema.ts. */

/** A closed meeting's record (issue 5): when it closed, who attended, its approval (確定). */
export interface MeetingRecordsTable {
  meeting_id: string;
  closed_at: string;
  closed_by: string;
  /** JSON array of the participants at close: {userId, displayName, orgId, orgName, role}. */
  attendees_json: string;
  approved_at: string | null;
  approved_by: string | null;
}

/** The encoded Yjs state of one document as it stood when the meeting closed. */
export interface MeetingSnapshotsTable {
  meeting_id: string;
  doc_name: string;
  state: Uint8Array;
  /** The compartment's label as JSON; null for the meeting document. */
  label_json: string | null;
  /** {planStage?, decisions?}: what the timeline shows, without decoding the state. */
  summary_json: string;
  captured_at: string;
}

/** Append-only notes on a closed record (the only change an approved record admits). */
export interface MeetingAnnotationsTable {
  id: Generated<number>;
  meeting_id: string;
  author_user_id: string;
  text: string;
  created_at: string;
}

/** Searchable text of each snapshot: FTS5 (trigram) on SQLite, a pg_trgm-indexed table on PostgreSQL. */
export interface RecordTextTable {
  meeting_id: string;
  doc_name: string;
  text: string;
}

/** A decision confirmed by the facilitator, with a hash of the content confirmed (issue 4). */
export interface DecisionConfirmationsTable {
  meeting_id: string;
  decision_id: string;
  text_hash: string;
  confirmed_by: string;
  confirmed_at: string;
}

export interface MeetingAttendanceTable {
  meeting_id: string;
  user_id: string;
  present: number;
  source: string;
  updated_at: string;
}

/** Records fit to file (migration 011): the municipality's heading and 様式 number, key/value. */
export interface RecordsSettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
}

/** 開催方法, 開催場所 and 記録者 of a meeting (migration 011). */
export interface MeetingRecordDetailsTable {
  meeting_id: string;
  method: string | null;
  place: string | null;
  recorder_user_id: string | null;
  updated_at: string;
  updated_by: string;
}

/** Legal basis and consent states at the close, beside the frozen record (migration 011). */
export interface MeetingRecordBasisTable {
  meeting_id: string;
  basis_json: string;
  captured_at: string;
}

/** What an approved record showed each keeper when it was approved (migration 011). */
export interface RecordKeeperCopiesTable {
  meeting_id: string;
  user_id: string;
  doc_names_json: string;
  model_json: string;
  kept_at: string;
}

/** 012: a meeting record removed when its retention period ran out (server/admin/retention.ts). */
export interface PurgedRecordsTable {
  meeting_id: string;
  case_id: string;
  purged_at: string;
  retention_years: number;
  case_ended_on: string;
}
