import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { SessionUser } from '../auth/lucia.ts';

/**
 * Presence and carets show who is who, so the server, not the client, says who a state belongs
 * to: every awareness state a connection sends is stamped with the signed-in user's id, name and
 * organisation before anyone else sees it. A client that claims to be somebody else (another
 * name on its caret, another user id in the participant list) is simply corrected.
 *
 * Wire format (y-protocols/awareness): varUint count, then per state varUint clientID,
 * varUint clock, varString JSON state ("null" when the client left).
 */
export function stampIdentity(update: Uint8Array, user: SessionUser, orgName: string): Uint8Array {
  const decoder = decoding.createDecoder(update);
  const encoder = encoding.createEncoder();
  const count = decoding.readVarUint(decoder);
  encoding.writeVarUint(encoder, count);
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(encoder, decoding.readVarUint(decoder));
    encoding.writeVarUint(encoder, decoding.readVarUint(decoder));
    const json = decoding.readVarString(decoder);
    encoding.writeVarString(encoder, stampState(json, user, orgName));
  }
  return encoding.toUint8Array(encoder);
}

function stampState(json: string, user: SessionUser, orgName: string): string {
  const state = JSON.parse(json) as Record<string, unknown> | null;
  if (state === null || typeof state !== 'object' || Array.isArray(state)) return 'null';
  if (state.user !== undefined) {
    const claimed = typeof state.user === 'object' && state.user !== null ? (state.user as Record<string, unknown>) : {};
    state.user = { ...claimed, name: user.displayName };
  }
  if (state.presence !== undefined) state.presence = { ...(state.presence as object), userId: user.id, orgName };
  return JSON.stringify(state);
}
