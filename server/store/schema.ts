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
}

export interface DocUpdatesTable {
  id: Generated<number>;
  doc_name: string;
  data: Uint8Array;
  created_at: string;
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
}
