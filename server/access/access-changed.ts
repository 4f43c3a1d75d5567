import type { Deps } from '../deps.ts';
import type { AuditEvent } from '../audit/audit-log.ts';
import type { Reevaluation } from '../collab/revocation.ts';
import { publishControl, subscribeControl, type ControlMessage } from '../bus/control.ts';
import { caseEventFor, narrow } from './narrowing.ts';

/**
 * Call after committing anything that can change who sees what in a case. Delegates to the one
 * narrowing path (narrowing.ts): connections on this node that lost access are closed before
 * this resolves, every other node is told through the bus, and the audit is written last. Pass
 * the change's own audit entry as `audit` so that a failing audit store cannot keep a socket open.
 */
export function accessChanged(deps: Deps, caseId: string, why: string, audit?: AuditEvent): Promise<Reevaluation> {
  return narrow(deps, { type: caseEventFor(why), caseId }, { audit });
}

export async function compartmentCreated(deps: Deps, caseId: string, docName: string): Promise<void> {
  deps.events.emit({ type: 'compartment-created', caseId, docName });
  await publishControl(deps.bus, { type: 'compartment-created', caseId, docName }).catch((error) => console.error('[bus] publish failed:', error));
}

/** Logging out closes that session's sockets on every node. */
export async function sessionEnded(deps: Deps, sessionId: string): Promise<void> {
  await narrow(deps, { type: 'session_ended', sessionId });
}

/** Deactivating an account closes all of its sockets and ends its sessions on every node. */
export async function userDeactivated(deps: Deps, userId: string): Promise<void> {
  await narrow(deps, { type: 'user_deactivated', userId });
}

/** What a node does when another node reports a change: the same narrowing, without re-publishing. */
export function listenToOtherNodes(deps: Deps): Promise<() => Promise<void>> {
  return subscribeControl(deps.bus, (message: ControlMessage) => {
    switch (message.type) {
      case 'access-changed':
        void narrow(deps, { type: caseEventFor(message.why), caseId: message.caseId }, { publish: false }).catch((error) =>
          console.error('[narrowing] failed:', error),
        );
        return;
      case 'compartment-created':
      case 'decisions-confirmed':
        deps.events.emit(message);
        return;
      case 'session-ended':
        void narrow(deps, { type: 'session_ended', sessionId: message.sessionId }, { publish: false }).catch((error) =>
          console.error('[narrowing] failed:', error),
        );
        return;
      case 'user-deactivated':
        void narrow(deps, { type: 'user_deactivated', userId: message.userId }, { publish: false }).catch((error) =>
          console.error('[narrowing] failed:', error),
        );
        return;
    }
  });
}
