import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { DocStore } from '../store/doc-store.ts';
import type { Bus } from '../bus/bus.ts';
import type { Connection } from './connection.ts';
import { encodeAwarenessMessage, encodeUpdateMessage } from './messages.ts';
import { CloseCodes } from '../../shared/protocol/close-codes.ts';

/** Origin used while replaying the store into a fresh document: nothing to persist or send. */
const LOADING = Symbol('loading');
/** Origin of changes that are already stored (another node's, or re-read from the store). */
const STORED = Symbol('stored');

/** Store re-reads before refusing a foreign client id: at most this often per room (see recheckAgainstStore). */
const RECHECK_EVERY_MS = 1000;

/** Frames on a document's bus channel: the first byte says what follows. */
const BusFrame = { update: 0, awareness: 1 } as const;

/** A client's update that has been appended to the store and is now being applied. */
const ACCEPTED = Symbol('accepted');
interface Accepted {
  [ACCEPTED]: true;
  from: Connection;
}

function isAccepted(origin: unknown): origin is Accepted {
  return typeof origin === 'object' && origin !== null && ACCEPTED in origin;
}

/**
 * One live Yjs document and the connections editing it.
 *
 * The document in memory never holds anything that is not stored: a client's update is appended
 * to the store first and applied (and broadcast) only after the append resolved, one update at a
 * time in arrival order. So whatever the document answers, a sync step 2 to a joining client
 * included, a crash cannot take back; and a peer never sees an update that a crash could lose.
 *
 * Updates from other nodes are stored by them before they are published. Pub/sub can lose some
 * (a Redis outage, a dropped message); the room notices (the bus says it is back, or an update
 * stays pending because one it depends on never came) and re-reads the stored log, which holds
 * every accepted update, then sends its clients what they lacked.
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
  private resyncQueued = false;
  /** Re-reads of the store after a bus gap or a pending update (health, tests). */
  resyncs = 0;

  private unsubscribe: () => Promise<void> = async () => {};

  private constructor(
    readonly name: string,
    private readonly store: DocStore,
    private readonly bus: Bus,
  ) {
    // The server holds no awareness state of its own.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === LOADING) return;
      if (origin === STORED || isAccepted(origin)) {
        // What the store now holds and this room's clients may not: send it on (the effective
        // update, only what changed the document).
        this.sendToAll(update, isAccepted(origin) ? origin.from : null);
        return;
      }
      // An edit made on `room.doc` directly by server code (tests and benches write history this
      // way; no client update takes this path): stored afterwards, in the same chain.
      this.persistDirectEdit(update);
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
    applyStored(room.doc, updates, LOADING, name);
    room.lastStoredId = lastId;
    room.storedSinceLoad = updates.length;
    loaded = true;
    for (const frame of early) room.applyRemote(frame);
    return room;
  }

  private applyRemote(frame: Uint8Array): void {
    const body = frame.subarray(1);
    try {
      if (frame[0] === BusFrame.update) {
        Y.applyUpdate(this.doc, body, STORED);
        // An update that cannot be integrated depends on one this node never received: the bus
        // lost it. The store has it (it was stored before it was published).
        if (this.hasPending()) this.resyncFromStore('pending update from another node');
      } else if (frame[0] === BusFrame.awareness) awarenessProtocol.applyAwarenessUpdate(this.awareness, body, STORED);
    } catch (error) {
      console.error(`[room ${this.name}] bad frame from another node:`, error);
    }
  }

  private hasPending(): boolean {
    return this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
  }

  /**
   * Re-reads the stored log and applies what this node lacks (another node's updates that pub/sub
   * lost); clients receive only the difference, as ordinary updates. Queued behind appends in
   * progress; several requests meanwhile make one read.
   */
  resyncFromStore(why: string): Promise<void> {
    if (this.resyncQueued) return this.chain;
    this.resyncQueued = true;
    this.chain = this.chain.then(async () => {
      this.resyncQueued = false;
      if (this.failed) return;
      try {
        const { updates } = await this.store.loadUpdates(this.name);
        applyStored(this.doc, updates, STORED, this.name);
        this.resyncs += 1;
      } catch (error) {
        // The store is unreachable too: try again on the next trigger (the room keeps serving
        // what it has, all of which is stored).
        console.error(`[room ${this.name}] resync after ${why} failed:`, error);
      }
    });
    return this.chain;
  }

  private recheck: Promise<void> | null = null;
  private lastRecheckAt = Number.NEGATIVE_INFINITY;

  /**
   * Re-reads the store before an update is refused for carrying another user's client id: this
   * node may lack content the store holds (a message the bus lost), and an honest client that
   * relays it is not writing it. A forger can make this happen, so it happens at most once a
   * second per room; every check waiting meanwhile shares the next read, which starts after they
   * all asked.
   */
  recheckAgainstStore(): Promise<void> {
    this.recheck ??= new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, this.lastRecheckAt + RECHECK_EVERY_MS - performance.now()))).then(() => {
      this.recheck = null;
      this.lastRecheckAt = performance.now();
      return this.resyncFromStore('an update under another user’s client id');
    });
    return this.recheck;
  }

  private publish(kind: number, body: Uint8Array): void {
    const frame = new Uint8Array(body.length + 1);
    frame[0] = kind;
    frame.set(body, 1);
    this.bus.publish(`doc:${this.name}`, frame).catch((error) => console.error(`[room ${this.name}] publish failed:`, error));
  }

  /** Resolves once every update accepted so far is stored, applied and broadcast. */
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

  /**
   * Accept a client's update: it is checked now (a malformed update throws here, synchronously,
   * and nothing is stored), then appended to the store, and only then applied and broadcast. The
   * returned promise resolves when that is done and never rejects: a store failure closes the
   * room's connections (see below).
   *
   * Updates that arrive while an append is in flight are appended together, in one statement
   * (group commit, still one row each): the store's round trip, not the number of updates, bounds
   * the throughput.
   */
  applyClientUpdate(update: Uint8Array, from: Connection): Promise<void> {
    // Yjs's own decoder: throws on truncated or garbled bytes.
    Y.decodeUpdate(update);
    this.waiting.push({ update, from });
    this.unapplied += update.byteLength;
    if (!this.flushQueued) {
      this.flushQueued = true;
      this.chain = this.chain.then(() => this.flushClientUpdates());
    }
    return this.chain;
  }

  private waiting: { update: Uint8Array; from: Connection }[] = [];
  private flushQueued = false;
  /** Bytes accepted from clients but not yet in `doc` (being stored first): size limits count them. */
  private unapplied = 0;

  /** See `unapplied`: what the document will hold beyond what `doc` holds now. */
  get unappliedBytes(): number {
    return this.unapplied;
  }

  private async flushClientUpdates(): Promise<void> {
    this.flushQueued = false;
    const batch = this.waiting;
    this.waiting = [];
    const rows = batch.map((b) => b.update);
    const batchBytes = rows.reduce((n, r) => n + r.byteLength, 0);
    if (this.failed || batch.length === 0) {
      this.unapplied -= batchBytes;
      return;
    }
    try {
      if (rows.length > 1 && this.store.appendUpdates) await this.store.appendUpdates(this.name, rows);
      else for (const row of rows) await this.store.appendUpdate(this.name, row);
      this.storedSinceLoad += rows.length;
    } catch (error) {
      // The store refused: nothing of the batch was applied, so memory holds only what is stored;
      // but the room cannot accept edits it cannot keep. Drop every connection so clients resync
      // when they reconnect; their copies still hold the edits and send them again: nothing lost.
      console.error(`[room ${this.name}] append failed:`, error);
      this.unapplied -= batchBytes;
      this.failed = true;
      for (const conn of [...this.connections.keys()]) conn.close(CloseCodes.serverError);
      return;
    }
    // The other nodes get the updates as stored (not only the parts that integrated here: a part
    // waiting for a missing dependency must reach them too).
    for (const row of rows) this.publish(BusFrame.update, row);
    for (const { update, from } of batch) {
      try {
        Y.applyUpdate(this.doc, update, { [ACCEPTED]: true, from } satisfies Accepted);
      } catch (error) {
        // Decoded but not applicable: stored, yet harmless (a load skips it as well).
        console.error(`[room ${this.name}] a stored client update did not apply:`, error);
        from.close(CloseCodes.badRequest);
      }
    }
    this.unapplied -= batchBytes;
  }

  private sendToAll(update: Uint8Array, except: Connection | null): void {
    const message = encodeUpdateMessage(update);
    for (const conn of this.connections.keys()) {
      if (conn !== except) conn.send(message);
    }
  }

  private persistDirectEdit(update: Uint8Array): void {
    this.chain = this.chain.then(async () => {
      if (this.failed) return;
      try {
        await this.store.appendUpdate(this.name, update);
        this.storedSinceLoad += 1;
      } catch (error) {
        console.error(`[room ${this.name}] append failed:`, error);
        this.failed = true;
        for (const conn of [...this.connections.keys()]) conn.close(CloseCodes.serverError);
        return;
      }
      this.publish(BusFrame.update, update);
      this.sendToAll(update, null);
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
    if (origin !== STORED) this.publish(BusFrame.awareness, encoded);
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

/** Applies stored updates in one transaction; an unreadable one is skipped, not fatal. */
function applyStored(doc: Y.Doc, updates: Uint8Array[], origin: symbol, name: string): void {
  if (updates.length === 0) return;
  try {
    Y.applyUpdate(doc, Y.mergeUpdates(updates), origin);
    return;
  } catch {
    // One of them is unreadable: apply them one by one so the others still count.
  }
  doc.transact(() => {
    for (const update of updates) {
      try {
        Y.applyUpdate(doc, update, origin);
      } catch (error) {
        // A stored update that no longer applies must not make the whole document unreadable.
        console.error(`[room ${name}] skipped an unreadable stored update:`, error);
      }
    }
  }, origin);
}
