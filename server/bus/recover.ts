import type { Deps } from '../deps.ts';
import { reevaluateCase } from '../collab/revocation.ts';
import { CloseCodes } from '../../shared/protocol/close-codes.ts';

/**
 * What a node does about interruptions of the bus and of the control log (wired by start.ts):
 *
 * - The bus is back: pub/sub lost what was published meanwhile. Documents re-read their stored
 *   log (the registry does that itself); the control log is read from the last id (ControlLog);
 *   and, as a safety net independent of both, every case with open sockets on this node is
 *   decided again, the same re-evaluation an access change triggers.
 * - The control log cannot be read: this node may be missing a revocation. Every socket closes
 *   with a retryable code and documents are refused (RoomRegistry's `serving` gate) until the log
 *   is readable again; clients reconnect and are admitted afresh.
 */
export function watchInterruptions(deps: Deps): () => void {
  const stopResumed = deps.bus.onResumed(() => {
    void redecideOpenCases(deps).catch((error) => console.error('[bus] re-deciding open cases failed:', error));
  });
  const stopUncertain = deps.bus.control.onUncertain(() => {
    void deps.rooms.connectionsWhere(() => true).then((connections) => {
      for (const conn of connections) conn.close(CloseCodes.tryAgainLater);
      if (connections.length > 0) console.error(`[control] closed ${connections.length} sockets until access changes can be read again`);
    });
  });
  return () => {
    stopResumed();
    stopUncertain();
  };
}

async function redecideOpenCases(deps: Deps): Promise<void> {
  const cases = new Set((await deps.rooms.connectionsWhere(() => true)).map((c) => c.caseId));
  let closed = 0;
  for (const caseId of cases) closed += (await reevaluateCase(deps, caseId)).closed;
  if (cases.size > 0) console.log(`[bus] after the interruption: ${cases.size} open cases decided again, ${closed} sockets closed`);
}
