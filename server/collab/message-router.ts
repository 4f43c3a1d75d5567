import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Room } from './room.ts';
import type { Connection } from './connection.ts';
import { AwarenessTooLarge, decodeAwarenessUpdate, encodeAwarenessEntries, stampEntry, type AwarenessEntry } from './awareness-identity.ts';
import { MessageType, SyncType } from './messages.ts';
import { ClientIdOwners } from './client-ids.ts';
import { wouldChangeDocument } from './write-check.ts';
import { LimitExceeded, ProtocolError } from './refusals.ts';
import type { CollabGuards, ConnectionGuard } from './guards.ts';
import type { ReplyPacer } from './reply-pacer.ts';
import { CloseCodes } from '../../shared/protocol/close-codes.ts';

export { ProtocolError } from './refusals.ts';

/** New client ids one connection may introduce (offline sessions each had their own). */
const MAX_NEW_CLIENT_IDS = 64;
/** Presence ids one connection may try before it has one: refused tries each cost the store a look-up. */
const MAX_AWARENESS_CLAIMS = 8;

/** What a connection brings to the router besides itself. */
export interface RouterContext {
  room: Room;
  conn: Connection & { awarenessClientId: number | null };
  guards: CollabGuards;
  guard: ConnectionGuard;
  pacer: ReplyPacer;
  /** A read-only connection sent an update that would have changed the document. */
  onDroppedWrite(bytes: number): void;
  /** False once the connection is closed (revoked, refused, gone): checked after every wait. */
  isOpen(): boolean;
}

/**
 * The one place every client frame goes through (one exhaustive switch). Messages of one
 * connection are handled in order by the caller; this function may await the room's store chain.
 * Throws ProtocolError (malformed) or LimitExceeded (well formed, but too much or not yours).
 */
export async function routeMessage(ctx: RouterContext, data: Uint8Array): Promise<void> {
  const decoder = decoding.createDecoder(data);
  const type = readVarUint(decoder);
  switch (type) {
    case MessageType.sync: {
      const syncType = readVarUint(decoder);
      switch (syncType) {
        case SyncType.step1: {
          const stateVector = readBytes(decoder);
          try {
            Y.decodeStateVector(stateVector);
          } catch {
            throw new ProtocolError('malformed state vector');
          }
          await ctx.pacer.step1(stateVector);
          return;
        }
        case SyncType.step2:
        case SyncType.update:
          return receiveUpdate(ctx, readBytes(decoder));
        default:
          throw new ProtocolError(`unknown sync message ${syncType}`);
      }
    }
    case MessageType.awareness:
      return receiveAwareness(ctx, readBytes(decoder));
    case MessageType.queryAwareness:
      ctx.pacer.query();
      return;
    case MessageType.auth:
      // Authorisation happens at the upgrade; clients have nothing to say here.
      return;
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}

async function receiveUpdate(ctx: RouterContext, update: Uint8Array): Promise<void> {
  const { room, conn, guards, guard } = ctx;
  // Every y-websocket client answers the server's step 1 with an empty update ([0, 0]).
  if (isEmptyUpdate(update)) return;
  if (update.byteLength > guards.limits.maxUpdateBytes) {
    throw new LimitExceeded(CloseCodes.tooLarge, 'update_too_large', { bytes: update.byteLength });
  }
  if (!guard.updates.take() || !guard.updateBytes.take(update.byteLength)) throw new LimitExceeded(CloseCodes.rateLimited, 'update_rate');
  if (!(await guards.takeUserUpdate(conn.user.id))) throw new LimitExceeded(CloseCodes.rateLimited, 'user_update_rate');
  if (conn.access !== 'write') {
    // Comparing with the document costs a snapshot of it: at the paced rate only. Past that, a
    // read-only connection that keeps sending updates is counted as trying to write.
    let changes = true;
    if (guard.replies.take()) {
      try {
        changes = wouldChangeDocument(room.doc, update);
      } catch {
        throw new ProtocolError('malformed update');
      }
    }
    if (changes) {
      conn.droppedWrites += 1;
      ctx.onDroppedWrite(update.byteLength);
    }
    return;
  }
  let newClients: number[];
  try {
    newClients = ClientIdOwners.newContentClients(room.doc, update);
  } catch {
    throw new ProtocolError('malformed update');
  }
  if (newClients.length > 0) {
    // Ids this node has not seen in the document: each may cost a row in the store, so they are
    // counted before the store is asked.
    const unknown = newClients.filter((id) => guards.owners.cachedOwner(conn.docName, id) === undefined).length;
    if (guard.newClientIds + unknown > MAX_NEW_CLIENT_IDS) throw new LimitExceeded(CloseCodes.rateLimited, 'too_many_client_ids');
    guard.newClientIds += unknown;
    // Stored before the update is applied; the connection's next frame waits for this one.
    let forged = await guards.owners.claim(conn.docName, newClients, conn.user.id);
    if (forged !== null) {
      // Perhaps not new at all: this node may lack stored content that an honest client relays
      // (it came from another node, and the bus lost it). Judged again against the store.
      await room.recheckAgainstStore();
      const stillNew = ClientIdOwners.newContentClients(room.doc, update);
      forged = stillNew.length === 0 ? null : await guards.owners.claim(conn.docName, stillNew, conn.user.id);
    }
    if (forged !== null) throw new LimitExceeded(CloseCodes.foreignClientId, 'foreign_client_id', { clientId: forged });
    // Access may have been withdrawn or narrowed during the round trip: decided again here, the
    // update of a closed connection is not applied, and that of a downgraded one is a dropped write.
    if (!ctx.isOpen()) return;
    if (conn.access !== 'write') {
      conn.droppedWrites += 1;
      ctx.onDroppedWrite(update.byteLength);
      return;
    }
  }
  if (!guards.admitGrowth(room, update.byteLength)) {
    throw new LimitExceeded(CloseCodes.documentFull, 'document_too_large', { limit: guards.limits.maxDocBytes });
  }
  try {
    room.applyClientUpdate(update, conn);
  } catch {
    throw new ProtocolError('malformed update');
  }
  guards.grew(room, update.byteLength);
}

/** Echoed presence of others (a few carets) fits in this; a larger message is always charged. */
const FREE_ECHO_BYTES = 2048;

/**
 * One presence state per connection: the first client id it announces becomes its own (unless
 * another user's connection used that id in this document, on any node; after a few such refusals
 * it gets none), every state it sends is stamped with
 * its identity, and entries for any other client id are dropped. Nobody can overwrite, remove or
 * freeze (by a huge clock) another participant's presence.
 */
async function receiveAwareness(ctx: RouterContext, update: Uint8Array): Promise<void> {
  const { room, conn, guards, guard } = ctx;
  // A large message is charged before it is decoded, whoever it claims to be about.
  const charged = update.length > FREE_ECHO_BYTES;
  if (charged && !guard.awareness.take()) throw new LimitExceeded(CloseCodes.rateLimited, 'awareness_rate');
  let entries: AwarenessEntry[];
  try {
    entries = decodeAwarenessUpdate(update, guards.limits.maxAwarenessBytes);
  } catch (error) {
    if (error instanceof AwarenessTooLarge) throw new LimitExceeded(CloseCodes.tooLarge, 'awareness_too_large');
    throw new ProtocolError('malformed awareness update');
  }
  const own: AwarenessEntry[] = [];
  for (const entry of entries) {
    if (conn.awarenessClientId === null && guard.awarenessClaims < MAX_AWARENESS_CLAIMS) {
      guard.awarenessClaims += 1;
      if ((await guards.owners.claim(conn.docName, [entry.clientId], conn.user.id)) === null) conn.awarenessClientId = entry.clientId;
    }
    // A connection closed during the claim (revoked, signed out) shows no presence any more.
    if (!ctx.isOpen()) return;
    if (entry.clientId !== conn.awarenessClientId) continue;
    try {
      own.push(stampEntry(entry, conn.user, conn.orgName));
    } catch {
      throw new ProtocolError('malformed awareness state');
    }
  }
  // Only a connection's own presence is charged: y-websocket clients send back every presence
  // change they hear, so in a meeting where several people type, an honest reader's echoes
  // would spend its budget on entries that are dropped here anyway (the frame limit still bounds
  // how many such messages a connection may send).
  if (own.length === 0) return;
  if (!charged && !guard.awareness.take()) throw new LimitExceeded(CloseCodes.rateLimited, 'awareness_rate');
  try {
    awarenessProtocol.applyAwarenessUpdate(room.awareness, encodeAwarenessEntries(own.slice(-1)), conn);
  } catch {
    throw new ProtocolError('malformed awareness update');
  }
}

function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}

function readVarUint(decoder: decoding.Decoder): number {
  try {
    return decoding.readVarUint(decoder);
  } catch {
    throw new ProtocolError('truncated message');
  }
}

function readBytes(decoder: decoding.Decoder): Uint8Array {
  try {
    return decoding.readVarUint8Array(decoder);
  } catch {
    throw new ProtocolError('truncated message');
  }
}
