import type { AuditFilterOptions, AuditNames, AuditPage, AuditVerifyResult } from '../../shared/api/audit.ts';
import { api, unwrap } from '../api/client.ts';

/** GET /api/audit, /api/audit/filters and /api/audit/verify (server/routes/audit.ts; shapes in shared/api/audit.ts). */
export interface AuditFilterValues {
  caseId: string;
  userId: string;
  from: string;
  to: string;
  action: string;
}

export const EMPTY_FILTER: AuditFilterValues = { caseId: '', userId: '', from: '', to: '', action: '' };
export const PAGE_SIZE = 50;

export function fetchAuditPage(filter: AuditFilterValues, beforeSeq: number | null): Promise<AuditPage> {
  // Empty filters are left out: the server treats a missing parameter as "any".
  const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== '')) as Record<string, string>;
  return unwrap<AuditPage>(
    api.audit.$get({ query: { ...query, limit: String(PAGE_SIZE), ...(beforeSeq !== null ? { beforeSeq: String(beforeSeq) } : {}) } }),
  );
}

export function verifyAuditChain(): Promise<AuditVerifyResult> {
  return unwrap<AuditVerifyResult>(api.audit.verify.$get());
}

/** Cases by title and users by name, for the filters (the ids are only the options' values). */
export function fetchAuditFilters(): Promise<AuditFilterOptions> {
  return unwrap<AuditFilterOptions>(api.audit.filters.$get());
}

/** Names of one more page added to those already shown (older pages keep theirs). */
export function mergeNames(a: AuditNames, b: AuditNames): AuditNames {
  const out = { ...a };
  for (const key of Object.keys(b) as (keyof AuditNames)[]) (out as Record<string, unknown>)[key] = { ...a[key], ...b[key] };
  return out;
}

export const NO_NAMES: AuditNames = { cases: {}, persons: {}, meetings: {}, users: {}, orgs: {}, invitations: {}, kinds: {}, referrals: {}, consentRecords: {} };
