import type { Deps } from '../deps.ts';
import { AccessSnapshot } from '../access/access-snapshot.ts';
import { CloseCodes, type CloseCode } from '../../shared/protocol/close-codes.ts';
import { authorizeDocument } from './authorize.ts';
import type { Connection } from './connection.ts';

/** What happened to one connection; written to the audit log only after every socket is dealt with. */
export interface Outcome {
  conn: Connection;
  action: 'doc.revoked' | 'doc.downgraded';
  reason: string;
}

export interface Reevaluation {
  checked: number;
  closed: number;
  downgraded: number;
  outcomes: Outcome[];
}

/**
 * Decides the given connections again with the same function that admitted them, and acts on each
 * answer at once: lost access closes the socket (4410, or 4409 when the meeting it was opened in
 * has closed: the client then shows the record), lost write downgrades it in place so its further
 * updates are dropped. A decision that cannot be made (the store fails) closes too: failing open
 * would keep showing what may no longer be shown (closed with 1011, so the client comes back and is
 * decided afresh). Writes nothing to the audit log: the caller
 * (server/access/narrowing.ts) does that after, so an audit failure cannot keep a socket open.
 */
export async function redecide(connections: readonly Connection[], snapshot: AccessSnapshot): Promise<Reevaluation> {
  const result: Reevaluation = { checked: connections.length, closed: 0, downgraded: 0, outcomes: [] };
  await Promise.all(
    connections.map(async (conn) => {
      const decision = await authorizeDocument(snapshot, conn.user, conn.docName, conn.contextKey).catch(() => null);
      if (!decision || !decision.ok) {
        const reason = decision?.reason ?? 'error';
        conn.close(closeCodeFor(reason));
        result.closed += 1;
        result.outcomes.push({ conn, action: 'doc.revoked', reason });
      } else if (conn.access === 'write' && decision.access === 'read') {
        conn.access = 'read';
        result.downgraded += 1;
        result.outcomes.push({ conn, action: 'doc.downgraded', reason: decision.reason });
      } else if (decision.access === 'read') {
        // Never widened in place: a connection admitted read-only reconnects to gain write.
        conn.access = 'read';
      }
    }),
  );
  return result;
}

function closeCodeFor(reason: string): CloseCode {
  if (reason === 'meeting_closed') return CloseCodes.meetingClosed;
  // Undecidable (the store failed): closed all the same, but as a transient failure, so the
  // client reconnects and is decided afresh instead of dropping the document for good.
  if (reason === 'error') return CloseCodes.serverError;
  return CloseCodes.revoked;
}

/** Every open connection of one case on this node, decided again (see redecide). */
export async function reevaluateCase(deps: Deps, caseId: string): Promise<Reevaluation> {
  const connections = await deps.rooms.connectionsWhere((c) => c.caseId === caseId);
  return redecide(connections, new AccessSnapshot(deps.db));
}
