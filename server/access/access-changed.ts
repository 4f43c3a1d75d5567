import type { Deps } from '../deps.ts';
import { reevaluateCase, type Reevaluation } from '../collab/revocation.ts';
import { publishControl, subscribeControl, type ControlMessage } from '../bus/control.ts';
import { CloseCodes } from '../../shared/protocol/close-codes.ts';

/**
 * Call after committing anything that can change who sees what in a case. Connections on this
 * node that lost access are closed before this resolves (so an API call that awaits it answers
 * only once revocation has taken effect here); every other node is told through the bus and does
 * the same with its own connections.
 */
export async function accessChanged(deps: Deps, caseId: string, why: string): Promise<Reevaluation> {
  const result = await reevaluateCase(deps, caseId);
  deps.events.emit({ type: 'access-changed', caseId, why });
  await publishControl(deps.bus, { type: 'access-changed', caseId, why }).catch((error) => console.error('[bus] publish failed:', error));
  return result;
}

export async function compartmentCreated(deps: Deps, caseId: string, docName: string): Promise<void> {
  deps.events.emit({ type: 'compartment-created', caseId, docName });
  await publishControl(deps.bus, { type: 'compartment-created', caseId, docName }).catch((error) => console.error('[bus] publish failed:', error));
}

/** Logging out closes that session's sockets on every node. */
export async function sessionEnded(deps: Deps, sessionId: string): Promise<void> {
  await closeSessionSockets(deps, sessionId);
  await publishControl(deps.bus, { type: 'session-ended', sessionId }).catch((error) => console.error('[bus] publish failed:', error));
}

async function closeSessionSockets(deps: Deps, sessionId: string): Promise<void> {
  deps.events.sessionEnded(sessionId);
  for (const conn of await deps.rooms.connectionsWhere((c) => c.sessionId === sessionId)) conn.close(CloseCodes.signedOut);
}

/** What a node does when another node reports a change. */
export function listenToOtherNodes(deps: Deps): Promise<() => Promise<void>> {
  return subscribeControl(deps.bus, (message: ControlMessage) => {
    switch (message.type) {
      case 'access-changed':
        void reevaluateCase(deps, message.caseId).then(() => deps.events.emit(message));
        return;
      case 'compartment-created':
      case 'decisions-confirmed':
        deps.events.emit(message);
        return;
      case 'session-ended':
        void closeSessionSockets(deps, message.sessionId);
        return;
      case 'user-deactivated':
        void deps.rooms.connectionsWhere((c) => c.user.id === message.userId).then((connections) => {
          for (const conn of connections) conn.close(CloseCodes.signedOut);
        });
        return;
    }
  });
}
