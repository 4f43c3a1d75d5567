import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { SessionUser } from '../auth/lucia.ts';

/** An awareness state larger than the limit: the connection is closed with 1009. */
export class AwarenessTooLarge extends Error {}

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The JSON text as sent ("null" when the client left). */
  json: string;
}

/** Wire format (y-protocols/awareness): varUint count, then per state varUint clientID, varUint clock, varString JSON. */
export function decodeAwarenessUpdate(update: Uint8Array, maxStateBytes: number): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (json.length > maxStateBytes) throw new AwarenessTooLarge(`awareness state of ${json.length} bytes`);
    entries.push({ clientId, clock, json });
  }
  return entries;
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Presence and carets show who is who, so the server, not the client, says who a state belongs
 * to: every awareness state a connection sends is stamped with the signed-in user's id, name and
 * organisation before anyone else sees it. A client that claims to be somebody else (another
 * name on its caret, another user id in the participant list) is simply corrected.
 */
export function stampIdentity(update: Uint8Array, user: SessionUser, orgName: string, maxStateBytes = Number.POSITIVE_INFINITY): Uint8Array {
  return encodeAwarenessEntries(decodeAwarenessUpdate(update, maxStateBytes).map((e) => stampEntry(e, user, orgName)));
}

export function stampEntry(entry: AwarenessEntry, user: SessionUser, orgName: string): AwarenessEntry {
  return { ...entry, json: stampState(entry.json, user, orgName) };
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
