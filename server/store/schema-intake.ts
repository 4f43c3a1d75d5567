import type { Generated } from 'kysely';

/** Intake and cases over time (issue 10): つなぐシート, partnerships, status changes, 支援決定, signed consent forms, meeting invitations. Conventions as in schema.ts. */

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
