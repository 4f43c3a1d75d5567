import type { Generated } from 'kysely';

/** Administration and sign-in (issues 9 and 10): municipality settings, invitations, second factor, throttling, shared guards, the audit anchor and the setup link. Conventions as in schema.ts. */

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
