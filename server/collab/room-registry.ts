import type { DocStore } from '../store/doc-store.ts';
import type { Bus } from '../bus/bus.ts';
import { Room } from './room.ts';
import type { Connection } from './connection.ts';
import * as Y from 'yjs';

/** Compact a document's log when it holds more rows than this on unload. */
const COMPACT_THRESHOLD = 200;

/**
 * Loads documents lazily, shares one Room per document, unloads it when its last connection
 * leaves. An unload in progress finishes storing before the same document is loaded again.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, { room: Promise<Room>; refs: number }>();
  private readonly unloading = new Map<string, Promise<void>>();

  constructor(
    private readonly store: DocStore,
    private readonly bus: Bus,
  ) {}

  async acquire(name: string): Promise<Room> {
    let entry = this.rooms.get(name);
    if (!entry) {
      const pending = this.unloading.get(name) ?? Promise.resolve();
      entry = { room: pending.then(() => Room.load(name, this.store, this.bus)), refs: 0 };
      this.rooms.set(name, entry);
      // A failed load must not stay cached for the next client.
      entry.room.catch(() => this.rooms.delete(name));
    }
    entry.refs += 1;
    return entry.room;
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
  async drain(): Promise<void> {
    await Promise.all([...this.unloading.values()]);
  }

  private async compactIfLarge(room: Room): Promise<void> {
    if (room.isBroken) return;
    const count = await this.store.countUpdates(room.name);
    if (count < COMPACT_THRESHOLD) return;
    const uptoId = await this.store.lastUpdateId(room.name);
    await this.store.compact(room.name, Y.encodeStateAsUpdate(room.doc), uptoId);
  }
}
