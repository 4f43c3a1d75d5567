import type { CaseEvent } from './case-events.ts';

/**
 * Messages about people and access (not documents) that every server node must hear: the case
 * events, plus those that concern sessions and accounts. They travel durably between nodes
 * (server/bus/control-log.ts): a node that missed one stops serving until it has caught up.
 */
export type ControlMessage =
  | CaseEvent
  /** A session ended (logout, revocation): its sockets and event streams close on every node. */
  | { type: 'session-ended'; sessionId: string }
  /** An account was deactivated: every session of it ends, on every node. */
  | { type: 'user-deactivated'; userId: string };

export type ControlMessageType = ControlMessage['type'];

const CONTROL_TYPES: Record<ControlMessageType, true> = {
  'access-changed': true,
  'compartment-created': true,
  'decisions-confirmed': true,
  'session-ended': true,
  'user-deactivated': true,
};

/** True for a well-formed control message (what arrives from the bus or the log is only JSON). */
export function isControlMessage(value: unknown): value is ControlMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !(type in CONTROL_TYPES)) return false;
  const v = value as Record<string, unknown>;
  switch (type as ControlMessageType) {
    case 'access-changed':
      return typeof v.caseId === 'string' && typeof v.why === 'string';
    case 'compartment-created':
      return typeof v.caseId === 'string' && typeof v.docName === 'string';
    case 'decisions-confirmed':
      return typeof v.caseId === 'string' && typeof v.meetingId === 'string';
    case 'session-ended':
      return typeof v.sessionId === 'string';
    case 'user-deactivated':
      return typeof v.userId === 'string';
  }
}

/** The case a control message concerns, if any. */
export function caseOf(message: ControlMessage): string | null {
  return 'caseId' in message ? message.caseId : null;
}
