import type { Deps } from '../deps.ts';
import type { AuditEvent } from '../audit/audit-log.ts';
import type { Connection } from '../collab/connection.ts';
import { AccessSnapshot } from './access-snapshot.ts';
import { redecide, type Outcome, type Reevaluation } from '../collab/revocation.ts';
import { publishControl, type ControlMessage } from '../bus/control.ts';
import { CloseCodes } from '../../shared/protocol/close-codes.ts';

/**
 * Everything that can narrow who sees what (DOMAIN.md "What each participant may see"; issue 8
 * rule 10). One list, handled in one place: narrow() below. Nothing else closes or downgrades a
 * socket because access narrowed.
 */
export const CASE_NARROWING_EVENTS = [
  'consent_recorded',
  'consent_expired',
  'scope_narrowed',
  'participant_removed',
  'participant_redesignated',
  'affirmation_reset',
  'meeting_closed',
  'legal_basis_changed',
  'relabelled',
  /** Anything else a route reports as "access may have changed" (re-deciding is always safe). */
  'access_changed',
] as const;
export type CaseNarrowingEvent = (typeof CASE_NARROWING_EVENTS)[number];

export type NarrowingEvent =
  | { type: CaseNarrowingEvent; caseId: string }
  | { type: 'user_deactivated'; userId: string }
  | { type: 'session_ended'; sessionId: string };

export interface NarrowingOptions {
  /** The caller's own audit entry for the change (consent.changed ...): written after the sockets. */
  audit?: AuditEvent;
  /** False when the event came from another node over the bus: it is not sent back out. */
  publish?: boolean;
}

/**
 * Handles one access-narrowing event, in this order, each step unable to undo the one before:
 * 1. the sockets on this node are closed or downgraded (awaited: an API call that awaits this
 *    answers only once revocation has taken effect here);
 * 2. open event streams (SSE) are told, so boards drop what they may no longer show;
 * 3. the other nodes are told over the bus (they run step 1 and 2 for their sockets);
 * 4. the audit log is written.
 * A failure of steps 2-4 is logged and never reopens anything; a failure to decide in step 1
 * closes the socket (revocation.ts). The periodic sweep (sweep.ts) re-decides every open
 * connection as a safety net for an event that never arrived (a lost bus message, a crash).
 */
export async function narrow(deps: Deps, event: NarrowingEvent, options: NarrowingOptions = {}): Promise<Reevaluation> {
  const publish = options.publish ?? true;
  let result: Reevaluation;
  let control: ControlMessage[];
  if (event.type === 'session_ended') {
    result = closeAll(await deps.rooms.connectionsWhere((c) => c.sessionId === event.sessionId), 'session_ended');
    safely('events', () => deps.events.sessionEnded(event.sessionId));
    control = [{ type: 'session-ended', sessionId: event.sessionId }];
  } else if (event.type === 'user_deactivated') {
    const local = await deps.rooms.connectionsWhere((c) => c.user.id === event.userId);
    result = closeAll(local, 'user_deactivated');
    // Every session of the user ends everywhere: the bus carries sessions, not users.
    const stored = await deps.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', event.userId)
      .execute()
      .catch(() => [] as { id: string }[]);
    const sessions = new Set([...local.map((c) => c.sessionId), ...stored.map((s) => s.id)]);
    for (const sessionId of sessions) safely('events', () => deps.events.sessionEnded(sessionId));
    control = [...sessions].map((sessionId) => ({ type: 'session-ended', sessionId }));
    // The account cannot come straight back in with a session it still holds.
    await deps.auth.invalidateUserSessions(event.userId).catch((error) => console.error('[narrowing] sessions not ended:', error));
  } else {
    const connections = await deps.rooms.connectionsWhere((c) => c.caseId === event.caseId);
    result = await redecide(connections, new AccessSnapshot(deps.db));
    safely('events', () => deps.events.emit({ type: 'access-changed', caseId: event.caseId, why: event.type }));
    control = [{ type: 'access-changed', caseId: event.caseId, why: event.type }];
  }

  if (publish) {
    await Promise.all(control.map((message) => publishControl(deps.bus, message).catch((error) => console.error('[bus] publish failed:', error))));
  }
  await writeAudit(deps, result.outcomes, options.audit);
  return result;
}

/** Closes every given socket at once (a session or an account ended: nothing is left to decide). */
export function closeAll(connections: readonly Connection[], reason: 'session_ended' | 'user_deactivated' | 'error'): Reevaluation {
  const code = reason === 'session_ended' ? CloseCodes.signedOut : reason === 'error' ? CloseCodes.serverError : CloseCodes.revoked;
  for (const conn of connections) conn.close(code);
  return {
    checked: connections.length,
    closed: connections.length,
    downgraded: 0,
    outcomes: connections.map((conn) => ({ conn, action: 'doc.revoked' as const, reason })),
  };
}

export async function writeAudit(deps: Deps, outcomes: readonly Outcome[], own: AuditEvent | undefined): Promise<void> {
  const entries: AuditEvent[] = [
    ...(own ? [own] : []),
    ...outcomes.map(({ conn, action, reason }) => ({
      actorUserId: conn.user.id,
      action,
      caseId: conn.caseId,
      docName: conn.docName,
      detail: { reason, context: conn.contextKey },
    })),
  ];
  // In order, each on its own: one failed entry does not stop the others.
  for (const entry of entries) {
    try {
      await deps.audit.record(entry);
    } catch (error) {
      console.error('[audit] could not record:', error);
    }
  }
}

function safely(what: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    console.error(`[${what}] failed:`, error);
  }
}

/** Maps the reasons routes give to accessChanged() onto the list above. */
export function caseEventFor(why: string): CaseNarrowingEvent {
  switch (why) {
    case 'consent':
      return 'consent_recorded';
    case 'consent_expired':
      return 'consent_expired';
    case 'participant':
      return 'participant_removed';
    case 'affirmation':
      return 'affirmation_reset';
    case 'meeting_state':
      return 'meeting_closed';
    case 'legal_basis':
      return 'legal_basis_changed';
    case 'relabel':
      return 'relabelled';
    default:
      return (CASE_NARROWING_EVENTS as readonly string[]).includes(why) ? (why as CaseNarrowingEvent) : 'access_changed';
  }
}
