import type { Deps } from '../deps.ts';
import { AccessSnapshot } from '../access/access-snapshot.ts';
import { CloseCodes } from '../../shared/protocol/close-codes.ts';
import { authorizeDocument } from './authorize.ts';
import type { Connection } from './connection.ts';

export interface Reevaluation {
  checked: number;
  closed: number;
  downgraded: number;
}

/**
 * After anything that can narrow access in a case (consent withdrawn or expired, scope narrowed,
 * participant removed, affirmation missing, meeting closed, item relabelled), every open
 * connection of that case on this node is decided again with the same function that admitted it.
 * Lost access: closed with 4410 (the client drops the document). Lost write: downgraded in place,
 * so its further updates are dropped. One snapshot serves the whole pass.
 */
export async function reevaluateCase(deps: Deps, caseId: string): Promise<Reevaluation> {
  const connections = await deps.rooms.connectionsWhere((c) => c.caseId === caseId);
  const snapshot = new AccessSnapshot(deps.db);
  const result: Reevaluation = { checked: connections.length, closed: 0, downgraded: 0 };
  await Promise.all(
    connections.map(async (conn) => {
      const decision = await authorizeDocument(snapshot, conn.user, conn.docName, conn.contextKey).catch(() => null);
      if (!decision || !decision.ok) {
        conn.close(CloseCodes.revoked);
        result.closed += 1;
        record(deps, conn, 'doc.revoked', { reason: decision?.reason ?? 'error' });
      } else if (conn.access === 'write' && decision.access === 'read') {
        conn.access = 'read';
        result.downgraded += 1;
        record(deps, conn, 'doc.downgraded', { reason: decision.reason });
      } else {
        conn.access = decision.access;
      }
    }),
  );
  return result;
}

function record(deps: Deps, conn: Connection, action: 'doc.revoked' | 'doc.downgraded', detail: Record<string, unknown>) {
  deps.audit
    .record({ actorUserId: conn.user.id, action, caseId: conn.caseId, docName: conn.docName, detail: { ...detail, context: conn.contextKey } })
    .catch((error) => console.error('[audit] could not record:', error));
}
