/**
 * WebSocket close codes shared by server and client. 44xx mirror HTTP (y-websocket's own
 * convention): the client must not reconnect on them (the answer would be the same); it drops the
 * document instead. 1009/1011/1012 are transient: the client reconnects.
 */
export const CloseCodes = {
  badRequest: { code: 4400, reason: 'malformed message' },
  unauthenticated: { code: 4401, reason: 'not signed in or session expired' },
  signedOut: { code: 4401, reason: 'signed out' },
  /** Not sent any more: every refusal is notFound, so a refusal never tells what exists. */
  forbidden: { code: 4403, reason: 'no access to this document' },
  /** The one refusal of a document, whether it is unknown, forbidden, of another case or context. */
  notFound: { code: 4404, reason: 'unknown document' },
  revoked: { code: 4410, reason: 'access withdrawn' },
  /** The meeting this socket was opened in has closed: its live documents are gone, its frozen
   * record is what it shows now. The client moves the user to the record view. */
  meetingClosed: { code: 4409, reason: 'meeting closed; see its record' },
  // One participant must not hurt the others (server/collab/guards.ts): final, no reconnect loop.
  foreignClientId: { code: 4422, reason: 'update under another participant’s client id' },
  documentFull: { code: 4413, reason: 'document size limit reached' },
  rateLimited: { code: 4429, reason: 'too many messages' },
  // The client stopped reading while the server had 8 MiB for it: transient, it may reconnect.
  slowReader: { code: 1013, reason: 'too much unsent output' },
  tooLarge: { code: 1009, reason: 'message too large' },
  serverError: { code: 1011, reason: 'server error' },
  shuttingDown: { code: 1012, reason: 'server restarting' },
  /** The node cannot be sure it heard every access change (bus or store unreachable): retry. */
  tryAgainLater: { code: 1013, reason: 'server catching up, try again' },
  /** The client speaks another PROTOCOL_VERSION (shared/protocol/version.ts): reload the page. */
  protocolMismatch: { code: 4426, reason: 'protocol version mismatch, reload' },
} as const;

export type CloseCode = (typeof CloseCodes)[keyof typeof CloseCodes];

/** Codes after which reconnecting cannot help: the client discards the document. */
export function isFinalClose(code: number): boolean {
  return code >= 4400 && code < 4500;
}
