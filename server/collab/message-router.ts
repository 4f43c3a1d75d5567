import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Room } from './room.ts';
import type { Connection } from './connection.ts';
import { stampIdentity } from './awareness-identity.ts';
import { MessageType, SyncType, encodeAwarenessMessage, encodeSyncStep2 } from './messages.ts';

/** A frame we cannot make sense of. The connection is closed with 4400; the room carries on. */
export class ProtocolError extends Error {}

export interface RouterHooks {
  /** A read-only connection tried to write: counted, logged, and otherwise ignored. */
  onDroppedWrite(conn: Connection, bytes: number): void;
}

/**
 * The one place every client frame goes through (one exhaustive switch). Messages of one
 * connection are handled in order by the caller; this function may await the room's store chain.
 */
export async function routeMessage(room: Room, conn: Connection, data: Uint8Array, hooks: RouterHooks): Promise<void> {
  const decoder = decoding.createDecoder(data);
  const type = readVarUint(decoder);
  switch (type) {
    case MessageType.sync: {
      const syncType = readVarUint(decoder);
      switch (syncType) {
        case SyncType.step1: {
          const stateVector = readBytes(decoder);
          // Answer only with what is already stored: a peer never sees what a crash could lose.
          await room.settled();
          let reply: Uint8Array;
          try {
            reply = encodeSyncStep2(room.doc, stateVector);
          } catch {
            throw new ProtocolError('malformed state vector');
          }
          conn.send(reply);
          return;
        }
        case SyncType.step2:
        case SyncType.update: {
          const update = readBytes(decoder);
          // Every y-websocket client answers the server's step 1 with an empty update ([0, 0]):
          // that is not a write attempt, so it is neither applied nor counted as dropped.
          if (isEmptyUpdate(update)) return;
          if (conn.access !== 'write') {
            conn.droppedWrites += 1;
            hooks.onDroppedWrite(conn, update.byteLength);
            return;
          }
          try {
            room.applyClientUpdate(update, conn);
          } catch {
            throw new ProtocolError('malformed update');
          }
          return;
        }
        default:
          throw new ProtocolError(`unknown sync message ${syncType}`);
      }
    }
    case MessageType.awareness: {
      const update = readBytes(decoder);
      try {
        awarenessProtocol.applyAwarenessUpdate(room.awareness, stampIdentity(update, conn.user, conn.orgName), conn);
      } catch {
        throw new ProtocolError('malformed awareness update');
      }
      return;
    }
    case MessageType.queryAwareness: {
      const states = [...room.awareness.getStates().keys()];
      conn.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(room.awareness, states)));
      return;
    }
    case MessageType.auth:
      // Authorisation happens at the upgrade; clients have nothing to say here.
      return;
    default:
      throw new ProtocolError(`unknown message type ${type}`);
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
