/**
 * Events about a case that the server pushes to open boards over server-sent events
 * (`GET /api/cases/:caseId/events`). They carry no content: "fetch again". Defined once here; the
 * server's in-process CaseEvents, the bus's control events and the client's EventSource listeners
 * all use these types.
 */
export type CaseEvent =
  /** Who may see what in the case may have changed: fetch the manifest again. */
  | { type: 'access-changed'; caseId: string; why: string }
  /** A new compartment exists: the manifest may list one more document. */
  | { type: 'compartment-created'; caseId: string; docName: string }
  /** A decision was confirmed (issue 4): boards of the meeting fetch the confirmations again. */
  | { type: 'decisions-confirmed'; caseId: string; meetingId: string };

export type CaseEventType = CaseEvent['type'];

/** Every case event name, for the client's listeners (the `satisfies` keeps it exhaustive). */
export const CASE_EVENT_TYPES = ['access-changed', 'compartment-created', 'decisions-confirmed'] as const satisfies readonly CaseEventType[];

/** SSE events that are not case events: the stream is open, and keep-alive. */
export const STREAM_EVENTS = { ready: 'ready', ping: 'ping' } as const;

/** Everything an SSE stream of a case may send. */
export type CaseStreamEventName = CaseEventType | (typeof STREAM_EVENTS)[keyof typeof STREAM_EVENTS];

/** The data of a case event on the wire: only its kind (never content). */
export interface CaseEventWireData {
  why: CaseEventType;
}
