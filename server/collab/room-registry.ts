import type { DocStore } from '../store/doc-store.ts';
import type { Bus } from '../bus/bus.ts';
import { Room } from './room.ts';
import type { Connection } from './connection.ts';
import * as Y from 'yjs';

/** Compact a document's log when it holds more rows than this on unload. */
const COMPACT_THRESHOLD = 200;
/** How often live rooms re-read the store while the bus is unreachable. */
const OUTAGE_RESYNC_MS = 1000;

/** Thrown by acquire() while this node must not serve documents (see ControlTransport.certain). */
export class NotServingError extends Error {}

/**
 * Loads documents lazily, shares one Room per document, unloads it when its last connection
 * leaves. An unload in progress finishes storing before the same document is loaded again.
 * When the bus comes back after an interruption every live room re-reads its stored log, so
 * updates pub/sub lost meanwhile reach this node's clients.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, { room: Promise<Room>; refs: number }>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly stopResumed: () => void;
  private readonly outageTimer: ReturnType<typeof setInterval>;

  constructor(
    private readonly store: DocStore,
    private readonly bus: Bus,
    /** False while documents must not be served (the node may have missed an access change). */
    private readonly serving: () => boolean = () => true,
  ) {
    this.stopResumed = bus.onResumed(() => void this.resyncAll('bus reconnected'));
    // While the bus is down, other nodes' edits reach this node only through the store: re-read
    // it now and then, so meetings split across nodes keep converging during the outage.
    this.outageTimer = setInterval(() => {
      if (!this.bus.health().reachable && this.rooms.size > 0) void this.resyncAll('bus unreachable');
    }, OUTAGE_RESYNC_MS);
    this.outageTimer.unref();
  }

  async acquire(name: string): Promise<Room> {
    if (!this.serving()) throw new NotServingError('not serving documents until access changes are caught up');
    let entry = this.rooms.get(name);
    if (!entry) {
      const pending = this.unloading.get(name) ?? Promise.resolve();
      const created = { room: pending.then(() => Room.load(name, this.store, this.bus)), refs: 0 };
      entry = created;
      this.rooms.set(name, created);
      // A failed load must not stay cached for the next client.
      created.room.catch(() => {
        if (this.rooms.get(name) === created) this.rooms.delete(name);
      });
    }
    entry.refs += 1;
    // Joining a live room while the bus is down: it may lack what other nodes stored meanwhile.
    if (!this.bus.health().reachable) return entry.room.then(async (room) => (await room.resyncFromStore('joined during a bus outage'), room));
    return entry.room;
  }

  /** Every live room re-reads the store (after a bus gap: pub/sub lost what was sent meanwhile). */
  async resyncAll(why: string): Promise<void> {
    const rooms = await this.openRooms(() => true);
    await Promise.all(rooms.map((room) => room.resyncFromStore(why)));
  }

  release(name: string): void {
    const entry = this.rooms.get(name);
    if (!entry) return;
    entry.refs -= 1;
    if (entry.refs > 0) return;
    this.rooms.delete(name);
    const done = entry.room
      .then(async (room) => {
        await room.settled();
        await this.compactIfLarge(room);
        room.destroy();
      })
      .catch((error) => console.error(`[registry] unloading ${name} failed:`, error))
      .finally(() => {
        if (this.unloading.get(name) === done) this.unloading.delete(name);
      });
    this.unloading.set(name, done);
  }

  /** Live rooms whose name matches, for re-evaluating access after a change. */
  async openRooms(filter: (name: string) => boolean): Promise<Room[]> {
    const names = [...this.rooms.keys()].filter(filter);
    const rooms = await Promise.allSettled(names.map((n) => this.rooms.get(n)!.room));
    return rooms.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  }

  async connectionsWhere(filter: (conn: Connection) => boolean): Promise<Connection[]> {
    const rooms = await this.openRooms(() => true);
    return rooms.flatMap((room) => [...room.connections.keys()].filter(filter));
  }

  get size(): number {
    return this.rooms.size;
  }

  /** Wait for every unload in progress (shutdown, tests). */
  /** Stops listening to the bus (shutdown). */
  stop(): void {
    this.stopResumed();
    clearInterval(this.outageTimer);
  }

  async drain(): Promise<void> {
    await Promise.all([...this.unloading.values()]);
  }

  /**
   * Compacts when the log is long (COMPACT_THRESHOLD rows) or when it takes more than twice the
   * space of the state it encodes: many tiny updates (typing) each carry their own header, so a
   * short log can still be many times the size of the document (issue 5's bench). The snapshot
   * merges the stored rows with this node's document: another node may have stored an update this
   * node has not received yet, and deleting its row without merging it would lose it.
   */
  private async compactIfLarge(room: Room): Promise<void> {
    if (room.isBroken) return;
    const { updates, lastId } = await this.store.loadUpdates(room.name);
    if (updates.length < 2) return;
    const state = Y.encodeStateAsUpdate(room.doc);
    const storedBytes = updates.reduce((sum, u) => sum + u.byteLength, 0);
    if (updates.length < COMPACT_THRESHOLD && storedBytes <= 2 * state.byteLength) return;
    const merged = new Y.Doc();
    for (const update of updates) {
      try {
        Y.applyUpdate(merged, update);
      } catch {
        // Room.load skipped it too (and said so); it is part of nothing a client has seen.
      }
    }
    Y.applyUpdate(merged, state);
    const snapshot = Y.encodeStateAsUpdate(merged);
    merged.destroy();
    await this.store.compact(room.name, snapshot, lastId);
  }
}
