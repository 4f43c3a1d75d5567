/**
 * The version of the collaboration protocol spoken between client and server (the WebSocket
 * query parameter `v`, the SSE events, the close codes). Raise it when a change would make an old
 * client misread the server; the server refuses a client that announces another version with
 * `CloseCodes.protocolMismatch` (the page must be reloaded to get the new client).
 */
export const PROTOCOL_VERSION = 1;

/** Query parameter of the collaboration WebSocket that carries PROTOCOL_VERSION. */
export const PROTOCOL_VERSION_PARAM = 'v';

/**
 * A client that announces no version is an older build of this protocol version or a plain
 * y-websocket client (tests, tools): it is admitted. One that announces another version is not.
 */
export function isSupportedProtocolVersion(announced: string | null | undefined): boolean {
  return announced === undefined || announced === null || announced === String(PROTOCOL_VERSION);
}
