import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';

/** y-websocket's message type for presence (awareness). */
const MESSAGE_AWARENESS = 1;

interface ProviderInternals {
  _awarenessUpdateHandler: (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => void;
  ws: { readyState: number; send(data: Uint8Array): void } | null;
  wsconnected: boolean;
}

/**
 * Makes the provider send only this tab's own presence. y-websocket sends every presence change
 * it applies, also the ones it just received from the server: in a meeting where several people
 * type (each keystroke moves a caret), every tab echoed everybody's carets back, the server's
 * traffic grew with the square of the participants, and honest tabs ran into the per-connection
 * presence limit. The server keeps only each connection's own entry anyway, so the echo carried
 * nothing. What is still sent: changes of our own state (typing, selection, the 15-second
 * renewal, leaving).
 */
export function sendOwnPresenceOnly(provider: WebsocketProvider): void {
  const internals = provider as unknown as ProviderInternals;
  const { awareness } = provider;
  awareness.off('update', internals._awarenessUpdateHandler);
  internals._awarenessUpdateHandler = ({ added, updated, removed }) => {
    const own = awareness.clientID;
    if (!added.includes(own) && !updated.includes(own) && !removed.includes(own)) return;
    // As y-websocket's own handler: only over an open socket (on reconnect it sends our state itself).
    if (!internals.wsconnected || !internals.ws || internals.ws.readyState !== 1) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [own]));
    internals.ws.send(encoding.toUint8Array(encoder));
  };
  awareness.on('update', internals._awarenessUpdateHandler);
}
