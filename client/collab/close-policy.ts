/**
 * What the client does after the server closes a document's socket. None of these reconnects by
 * itself: the answer would be the same (y-websocket stops on 44xx; 1009 is stopped here too).
 *
 * - 'sign-in'  4401: the session ended. The local copy (unsent edits) stays; the user signs in
 *              again and the board sends those edits when it reopens.
 * - 'drop'     4403/4404/4410: this viewer may no longer hold the document. It leaves memory,
 *              screen and the local copy at once; the screen says what kind of thing went and why.
 *              4409 (the meeting closed) too: the board moves to the meeting's record.
 * - 'halt'     1009 (too large), 4400 (unreadable message), 4413 (document full), 4429 (too many
 *              edits), 4426 (another protocol version: reload), any other 44xx: the document
 *              stays on screen with the edits kept locally, and the screen says what happened;
 *              the user may try again by hand.
 * 1011/1012/1013 (server error, restart, catching up) are transient: y-websocket reconnects.
 */
export type CloseAction = 'sign-in' | 'drop' | 'halt';

export const TOO_LARGE = 1009;

export function closeActionOf(code: number): CloseAction | null {
  if (code === 4401) return 'sign-in';
  if (code === 4403 || code === 4404 || code === 4409 || code === 4410) return 'drop';
  if (code === TOO_LARGE || (code >= 4400 && code < 4500)) return 'halt';
  return null;
}

/** y-websocket's shouldReconnect: only closes with no action above are worth retrying. */
export const shouldReconnect = (event: CloseEvent) => closeActionOf(event.code) === null;

/** The message key for a halted document ('haltTooLarge' …), see client/i18n/offline-messages.ts. */
export function haltMessageKey(code: number): 'haltTooLarge' | 'haltBadMessage' | 'haltTooMany' | 'haltDocFull' | 'haltReload' | 'haltOther' {
  if (code === TOO_LARGE) return 'haltTooLarge';
  if (code === 4400) return 'haltBadMessage';
  if (code === 4429) return 'haltTooMany';
  if (code === 4413) return 'haltDocFull';
  if (code === PROTOCOL_MISMATCH) return 'haltReload';
  return 'haltOther';
}

/** The page is older than the server: reconnecting cannot help, reloading the page does. */
export const PROTOCOL_MISMATCH = 4426;

/** A document that ended because its meeting closed: not a loss to announce (the record shows it). */
export const MEETING_CLOSED = 4409;

/** The session ended under an open document (4401): the app asks the user to sign in again. */
export const SESSION_ENDED_EVENT = 'kasane:session-ended';

export function announceSessionEnded(): void {
  window.dispatchEvent(new Event(SESSION_ENDED_EVENT));
}
