import type { Generated } from 'kysely';

/**
 * Table types for Kysely. One schema for SQLite and PostgreSQL: ids are text, timestamps are
 * ISO-8601 text (sortable, dialect-neutral), booleans are 0/1 integers.
 */
export interface OrganisationsTable {
  id: string;
  name: string;
  field: string;
  /** 多機関協働事業者: the coordinating agency that convenes conferences. */
  is_coordinator: number;
}

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  display_name: string;
  org_id: string;
  role: string;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  /** Milliseconds since the epoch. */
  expires_at: number;
}

export interface CasesTable {
  id: string;
  title: string;
  coordinator_user_id: string;
  /** 'support_meeting' (no consent yet: 支援会議 only) or 'consent' (重層的支援会議 possible). */
  legal_basis: string;
  created_at: string;
}

export interface PersonsTable {
  id: string;
  case_id: string;
  name: string;
  relation: string;
  sex: string;
  age: number | null;
  is_subject: number;
  deceased: number;
}

export interface MeetingsTable {
  id: string;
  case_id: string;
  kind_id: string;
  moment: string | null;
  title: string;
  scheduled_at: string;
  state: string;
  video_url: string | null;
  created_by: string;
}

export interface MeetingParticipantsTable {
  meeting_id: string;
  user_id: string;
  role: string;
  person_id: string | null;
  affirmed_at: string | null;
  added_at: string | null;
}

export interface MeetingKindsTable {
  id: string;
  name_ja: string;
  name_en: string;
  consent_required: number;
  confidentiality_required: number;
}

export interface ConsentRecordsTable {
  id: Generated<number>;
  case_id: string;
  person_id: string;
  status: string;
  method: string | null;
  valid_from: string | null;
  valid_until: string | null;
  scope_json: string;
  note: string | null;
  document_ref: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface LegalBasisChangesTable {
  id: Generated<number>;
  case_id: string;
  from_basis: string | null;
  to_basis: string;
  reason: string;
  changed_by: string;
  changed_at: string;
}

export interface CompartmentsTable {
  doc_name: string;
  case_id: string;
  person_id: string;
  category: string;
  supplier_org_id: string;
  allow_org_ids: string | null;
  not_to_person: number;
  created_by: string;
  created_at: string;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  actor_user_id: string | null;
  action: string;
  case_id: string | null;
  doc_name: string | null;
  detail_json: string;
  prev_hash: string;
  hash: string;
}

export interface DocUpdatesTable {
  id: Generated<number>;
  doc_name: string;
  data: Uint8Array;
  created_at: string;
}

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

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  cases: CasesTable;
  persons: PersonsTable;
  meetings: MeetingsTable;
  meeting_participants: MeetingParticipantsTable;
  doc_updates: DocUpdatesTable;
  meeting_kinds: MeetingKindsTable;
  consent_records: ConsentRecordsTable;
  legal_basis_changes: LegalBasisChangesTable;
  compartments: CompartmentsTable;
  audit_log: AuditLogTable;
  meeting_attendance: MeetingAttendanceTable;
  records_settings: RecordsSettingsTable;
  meeting_record_details: MeetingRecordDetailsTable;
  meeting_record_basis: MeetingRecordBasisTable;
  record_keeper_copies: RecordKeeperCopiesTable;
  meeting_records: MeetingRecordsTable;
  meeting_snapshots: MeetingSnapshotsTable;
  meeting_annotations: MeetingAnnotationsTable;
  record_text_fts: RecordTextTable;
  decision_confirmations: DecisionConfirmationsTable;
}
