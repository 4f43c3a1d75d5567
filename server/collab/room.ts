import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { DocStore } from '../store/doc-store.ts';
import type { Connection } from './connection.ts';
import { encodeAwarenessMessage, encodeUpdateMessage } from './messages.ts';
import { CloseCodes } from '../../shared/protocol/close-codes.ts';

/** Origin used while replaying the store into a fresh document: nothing to persist or send. */
const LOADING = Symbol('loading');

/**
 * One live Yjs document and the connections editing it. Every change, whatever its origin, goes
 * through one ordered chain: append to the store, then broadcast. A peer therefore never sees an
 * update that a crash could lose.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Each connection with the awareness client ids it announced (removed when it leaves). */
  readonly connections = new Map<Connection, Set<number>>();
  private chain: Promise<void> = Promise.resolve();
  private failed = false;
  private lastStoredId = 0;
  private storedSinceLoad = 0;

  private constructor(
    readonly name: string,
    private readonly store: DocStore,
  ) {
    // The server holds no awareness state of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== LOADING) this.persistThenBroadcast(update, origin);
    });
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  static async load(name: string, store: DocStore): Promise<Room> {
    const room = new Room(name, store);
    const { updates, lastId } = await store.loadUpdates(name);
    for (const update of updates) {
      try {
        Y.applyUpdate(room.doc, update, LOADING);
      } catch (error) {
        // A stored update that no longer applies must not make the whole document unreadable.
        console.error(`[room ${name}] skipped an unreadable stored update:`, error);
      }
    }
    room.lastStoredId = lastId;
    room.storedSinceLoad = updates.length;
    return room;
  }

  /** Resolves once everything accepted so far is stored (and broadcast). */
  settled(): Promise<void> {
    return this.chain;
  }

  get storedUpdateCount(): number {
    return this.storedSinceLoad;
  }

  get lastLoadedId(): number {
    return this.lastStoredId;
  }

  join(conn: Connection): void {
    this.connections.set(conn, new Set());
  }

  leave(conn: Connection): void {
    const clientIds = this.connections.get(conn);
    this.connections.delete(conn);
    if (clientIds && clientIds.size > 0) {
      // Others see the person leave at once instead of after the 30 s awareness timeout.
      awarenessProtocol.removeAwarenessStates(this.awareness, [...clientIds], null);
    }
  }

  /** Apply a client's update. Validation is Yjs's own decoding; a malformed update throws here. */
  applyClientUpdate(update: Uint8Array, from: Connection): void {
    Y.applyUpdate(this.doc, update, from);
  }

  private persistThenBroadcast(update: Uint8Array, origin: unknown): void {
    this.chain = this.chain.then(async () => {
      if (this.failed) return;
      try {
        await this.store.appendUpdate(this.name, update);
        this.storedSinceLoad += 1;
      } catch (error) {
        // The store refused: the in-memory state is now ahead of what is durable. Drop every
        // connection so clients resync from what is stored; their copies still hold the edit
        // and will send it again, so nothing is lost.
        console.error(`[room ${this.name}] append failed:`, error);
        this.failed = true;
        for (const conn of [...this.connections.keys()]) conn.close(CloseCodes.serverError);
        return;
      }
      const message = encodeUpdateMessage(update);
      for (const conn of this.connections.keys()) {
        if (conn !== origin) conn.send(message);
      }
    });
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    const owned = this.connections.get(origin as Connection);
    if (owned) {
      for (const id of added) owned.add(id);
      for (const id of removed) owned.delete(id);
    }
    const message = encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const conn of this.connections.keys()) conn.send(message);
  };

  get isBroken(): boolean {
    return this.failed;
  }

  destroy(): void {
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
