import type { Generated } from 'kysely';
import type { AuditAnchorTable, DocClientIdsTable, LoginChallengesTable, LoginThrottleTable, MunicipalitySettingsTable, SessionFactorsTable, SetupLinksTable, UserInvitationsTable, UserRecoveryCodesTable, UserTotpTable } from './schema-administration.ts';
import type { CaseKeysTable, CaseStatusChangesTable, ConsentDocumentsTable, InvitationsTable, PartnershipsTable, ReferralsTable, SupportDecisionsTable } from './schema-intake.ts';
import type { DecisionConfirmationsTable, MeetingAnnotationsTable, MeetingAttendanceTable, MeetingRecordBasisTable, MeetingRecordDetailsTable, MeetingRecordsTable, MeetingSnapshotsTable, PurgedRecordsTable, RecordKeeperCopiesTable, RecordTextTable, RecordsSettingsTable } from './schema-records.ts';

export type * from './schema-administration.ts';
export type * from './schema-intake.ts';
export type * from './schema-records.ts';

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
