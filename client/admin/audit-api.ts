import type { AuditPage, AuditVerifyResult } from '../../shared/api/audit.ts';
import { api, unwrap } from '../api/client.ts';

/** GET /api/audit and /api/audit/verify (server/routes/audit.ts; shapes in shared/api/audit.ts). */
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
