import type { SessionUser } from '../auth/lucia.ts';
import { CloseCodes, type CloseCode } from '../../shared/protocol/close-codes.ts';
import type { Access } from '../../shared/policy/types.ts';
import type { AccessSnapshot, DocAccess } from '../access/access-snapshot.ts';

export type DocDecision =
  | { ok: true; access: Exclude<Access, 'none'>; caseId: string; contextKey: string; reason: DocAccess['reason'] }
  | { ok: false; close: CloseCode; reason: DocAccess['reason'] | 'no_session' | 'malformed_name' | 'protocol_version'; caseId: string | null };

/**
 * The single place that turns the policy's answer into a connection decision. Every WebSocket
 * passes here at open, and again whenever something that can narrow access changes.
 *
 * Every refusal is the same refusal (issue 8 rule 3): an unknown document, a forbidden one, one of
 * another case, a foreign or unknown context all close with the one "unknown document" code and
 * reason, so the socket says nothing about what exists. Why it was refused is for the audit log
 * (`reason`), never for the wire.
 */
export async function authorizeDocument(
  snapshot: AccessSnapshot,
  user: SessionUser,
  docName: string,
  contextKey: string | null,
): Promise<DocDecision> {
  const decision = await snapshot.decide(user, docName, contextKey);
  if (decision.access === 'none' || !decision.caseId || !decision.contextKey) {
    return { ok: false, close: CloseCodes.notFound, reason: decision.reason, caseId: decision.caseId };
  }
  return { ok: true, access: decision.access, caseId: decision.caseId, contextKey: decision.contextKey, reason: decision.reason };
}
