import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { DocStore } from '../store/doc-store.ts';
import type { Bus } from '../bus/bus.ts';
import type { Connection } from './connection.ts';
import { encodeAwarenessMessage, encodeUpdateMessage } from './messages.ts';
import { CloseCodes } from '../../shared/protocol/close-codes.ts';

/** Origin used while replaying the store into a fresh document: nothing to persist or send. */
const LOADING = Symbol('loading');
/** Origin of changes another node accepted (and stored): broadcast here, never stored again. */
const REMOTE = Symbol('remote');

/** Frames on a document's bus channel: the first byte says what follows. */
const BusFrame = { update: 0, awareness: 1 } as const;

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

  private unsubscribe: () => Promise<void> = async () => {};

  private constructor(
    readonly name: string,
    private readonly store: DocStore,
    private readonly bus: Bus,
  ) {
    // The server holds no awareness state of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) this.broadcastInOrder(update, null);
      else if (origin !== LOADING) this.persistThenBroadcast(update, origin);
    });
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  static async load(name: string, store: DocStore, bus: Bus): Promise<Room> {
    const room = new Room(name, store, bus);
    // Subscribe before reading the store: an update another node stores meanwhile arrives here
    // (applying it twice is harmless, Yjs updates are idempotent) instead of falling in the gap.
    const early: Uint8Array[] = [];
    let loaded = false;
    room.unsubscribe = await bus.subscribe(`doc:${name}`, (frame) => (loaded ? room.applyRemote(frame) : early.push(frame)));
    let stored: Awaited<ReturnType<DocStore['loadUpdates']>>;
    try {
      stored = await store.loadUpdates(name);
    } catch (error) {
      room.destroy();
      throw error;
    }
    const { updates, lastId } = stored;
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
    loaded = true;
    for (const frame of early) room.applyRemote(frame);
    return room;
  }

  private applyRemote(frame: Uint8Array): void {
    const body = frame.subarray(1);
    try {
      if (frame[0] === BusFrame.update) Y.applyUpdate(this.doc, body, REMOTE);
      else if (frame[0] === BusFrame.awareness) awarenessProtocol.applyAwarenessUpdate(this.awareness, body, REMOTE);
    } catch (error) {
      console.error(`[room ${this.name}] bad frame from another node:`, error);
    }
  }

  private publish(kind: number, body: Uint8Array): void {
    const frame = new Uint8Array(body.length + 1);
    frame[0] = kind;
    frame.set(body, 1);
    this.bus.publish(`doc:${this.name}`, frame).catch((error) => console.error(`[room ${this.name}] publish failed:`, error));
  }

  private broadcastInOrder(update: Uint8Array, origin: unknown): void {
    this.chain = this.chain.then(() => {
      const message = encodeUpdateMessage(update);
      for (const conn of this.connections.keys()) {
        if (conn !== origin) conn.send(message);
      }
    });
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
      this.publish(BusFrame.update, update);
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
    const encoded = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
    if (origin !== REMOTE) this.publish(BusFrame.awareness, encoded);
    const message = encodeAwarenessMessage(encoded);
    for (const conn of this.connections.keys()) conn.send(message);
  };

  get isBroken(): boolean {
    return this.failed;
  }

  destroy(): void {
    void this.unsubscribe();
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
