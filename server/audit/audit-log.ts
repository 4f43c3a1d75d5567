/**
 * The audit trail (DOMAIN.md: every view, edit, denial and consent change is logged, including
 * decisions not to share). Append-only and hash-chained; see audit-store.ts for the store.
 */
import type { AuditAction } from '../../shared/api/audit.ts';

// The action list is shared with the client (as a filter); re-exported so server code imports here.
export { AUDIT_ACTIONS, type AuditAction } from '../../shared/api/audit.ts';

export interface AuditEvent {
  actorUserId: string | null;
  action: AuditAction;
  caseId?: string | null;
  docName?: string | null;
  /** Small, JSON-serialisable facts: reason codes, ids, counts. Never item content. */
  detail?: Record<string, unknown>;
}

export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
}
