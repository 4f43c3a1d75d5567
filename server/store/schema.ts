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
  /** Set when deactivated (009): its users can no longer sign in; past entries keep its name. */
  deactivated_at: string | null;
}

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  display_name: string;
  org_id: string;
  role: string;
  created_at: string;
  /** 009: deactivated users cannot sign in; nothing they entered is removed. */
  deactivated_at: string | null;
  /** 009: manages the staff of their own organisation only. */
  is_org_admin: Generated<number>;
  /** 009: signed in with a one-time password that must be replaced first. */
  must_change_password: Generated<number>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  /** Milliseconds since the epoch. */
  expires_at: number;
  /** Sign-in time, milliseconds since the epoch (migration 008); null for older sessions. */
  created_at: number | null;
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
  /** Reading in kana (issue 10): duplicate checks and search. */
  kana?: string | null;
  /** YYYY-MM-DD when known (issue 10); age stays for when only the age is known. */
  birth_date?: string | null;
}

export interface MeetingsTable {
  id: string;
  case_id: string;
  kind_id: string;
  moment: string | null;
  title: string;
  scheduled_at: string;
  /** When the meeting was opened (migration 015); null before, or for meetings never opened. */
  opened_at?: string | null;
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
  /** 009: JSON {"<moment or ''>": string[]}: the municipality's agenda templates for this kind. */
  agenda_json: Generated<string>;
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

/** Users assigned to a case as its coordinators (case managers): they hold its management rights. */
/** Assigned coordinators of a case (created by migration 006 or, if absent, 010). */
export interface CaseCoordinatorsTable {
  case_id: string;
  user_id: string;
  assigned_at: string;
  assigned_by: string | null;
}

/** Control events between nodes (migration 007, server/bus/control-log.ts). */
export interface ControlEventsTable {
  id: Generated<number>;
  origin: string;
  body: string;
  created_at: string;
}

/** 009: one row (id 1): the municipality this installation serves. */
export interface MunicipalitySettingsTable {
  id: number;
  name: string;
  require_two_factor: number;
  session_idle_minutes: number;
  step_up_minutes: number;
  record_retention_years: number;
  audit_retention_years: number;
  is_demo: number;
  updated_at: string;
  updated_by: string | null;
}

export interface UserInvitationsTable {
  token_hash: string;
  user_id: string;
  expires_at: string;
  used_at: string | null;
  created_by: string;
  created_at: string;
}

export interface UserTotpTable {
  user_id: string;
  secret: string;
  enrolled_at: string | null;
  last_counter: Generated<number>;
  failed_count: Generated<number>;
}

export interface UserRecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface LoginChallengesTable {
  id_hash: string;
  user_id: string;
  kind: string;
  expires_at: number;
  failed_count: Generated<number>;
}

export interface SessionFactorsTable {
  session_id: string;
  verified_at: number;
}

/** A つなぐシート (issue 10). */
export interface ReferralsTable {
  id: string;
  referring_org_id: string;
  referred_by: string;
  to_org_id: string;
  consent_variant: string;
  status: string;
  decline_reason: string | null;
  case_id: string | null;
  decided_by: string | null;
  decided_at: string | null;
  household_json: string;
  address_key: string | null;
  content_json: string;
  created_at: string;
}

export interface PartnershipsTable {
  id: string;
  case_id: string;
  person_a: string;
  person_b: string;
  status: string;
  created_at: string;
}

export interface CaseKeysTable {
  case_id: string;
  address_key: string | null;
}

export interface CaseStatusChangesTable {
  id: Generated<number>;
  case_id: string;
  status: string;
  reason: string;
  /** 012: the category of a 中断 / 終結 (shared/domain/case-end-reasons.ts); null for 再開. */
  reason_code: string | null;
  effective_date: string;
  changed_by: string;
  changed_at: string;
}

export interface SupportDecisionsTable {
  id: Generated<number>;
  case_id: string;
  decided_on: string;
  approver: string;
  recorded_by: string;
  recorded_at: string;
}

export interface ConsentDocumentsTable {
  id: string;
  consent_record_id: number;
  case_id: string;
  filename: string;
  mime: string;
  size: number;
  data: Uint8Array;
  uploaded_by: string;
  uploaded_at: string;
}

export interface InvitationsTable {
  id: string;
  token_hash: string;
  meeting_id: string;
  case_id: string;
  role: string;
  person_id: string | null;
  display_name: string;
  affiliation: string | null;
  mode: string;
  code_hash: string | null;
  failed_attempts: Generated<number>;
  invited_by: string;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  user_id: string | null;
  revoked_at: string | null;
  ended_at: string | null;
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

/** 013: the user who first wrote (or showed presence) under a Yjs client id in a document. */
export interface DocClientIdsTable {
  doc_name: string;
  client_id: number;
  user_id: string;
  claimed_at: string;
}

/** 013: failed sign-ins per account name or source address; times in epoch milliseconds. */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  locked_until: number;
  last_failure: number;
}

/** 012: a meeting record removed when its retention period ran out (server/admin/retention.ts). */
export interface PurgedRecordsTable {
  meeting_id: string;
  case_id: string;
  purged_at: string;
  retention_years: number;
  case_ended_on: string;
}

/** 012: one row (id 1): the last audit entry removed by retention; the chain continues from it. */
export interface AuditAnchorTable {
  id: number;
  seq: number;
  hash: string;
  purged_at: string;
}

/** 012: the one-time link to create the first administrator (server/admin/setup-link.ts). */
export interface SetupLinksTable {
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  cases: CasesTable;
  case_coordinators: CaseCoordinatorsTable;
  persons: PersonsTable;
  meetings: MeetingsTable;
  meeting_participants: MeetingParticipantsTable;
  doc_updates: DocUpdatesTable;
  control_events: ControlEventsTable;
  doc_client_ids: DocClientIdsTable;
  login_throttle: LoginThrottleTable;
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
  municipality_settings: MunicipalitySettingsTable;
  user_invitations: UserInvitationsTable;
  user_totp: UserTotpTable;
  user_recovery_codes: UserRecoveryCodesTable;
  login_challenges: LoginChallengesTable;
  session_factors: SessionFactorsTable;
  referrals: ReferralsTable;
  partnerships: PartnershipsTable;
  case_keys: CaseKeysTable;
  case_status_changes: CaseStatusChangesTable;
  support_decisions: SupportDecisionsTable;
  consent_documents: ConsentDocumentsTable;
  invitations: InvitationsTable;
  purged_records: PurgedRecordsTable;
  audit_anchor: AuditAnchorTable;
  setup_links: SetupLinksTable;
}
