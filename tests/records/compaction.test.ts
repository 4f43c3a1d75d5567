import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqlite, type Db } from '../../server/store/db.ts';
import { migrateToLatest } from '../../server/store/migrate.ts';
import { KyselyDocStore } from '../../server/store/doc-store.ts';
import { RoomRegistry } from '../../server/collab/room-registry.ts';
import { LocalBus } from '../../server/bus/bus.ts';
import { board } from '../../shared/board/schema.ts';

/** Stored bytes of a document's log against the size of the state it encodes. */
async function ratio(store: KyselyDocStore, name: string): Promise<{ rows: number; stored: number; state: number }> {
  const { updates } = await store.loadUpdates(name);
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return { rows: updates.length, stored: updates.reduce((n, u) => n + u.byteLength, 0), state: Y.encodeStateAsUpdate(doc).byteLength };
}

describe('update logs are compacted on unload so stored size stays within 2x of the state', () => {
  let db: Db;
  let store: KyselyDocStore;
  let rooms: RoomRegistry;
  beforeEach(async () => {
    db = openSqlite(':memory:');
    await migrateToLatest(db);
    store = new KyselyDocStore(db);
    rooms = new RoomRegistry(store, new LocalBus());
  });
  afterEach(async () => {
    await db.destroy();
  });

  async function session(name: string, edit: (doc: Y.Doc, i: number) => void, times: number): Promise<void> {
    const room = await rooms.acquire(name);
    for (let i = 0; i < times; i++) room.doc.transact(() => edit(room.doc, i), 'test-client');
    await room.settled();
    rooms.release(name);
    await rooms.drain();
  }

  it('typing (many tiny updates, fewer than the row threshold) is compacted by size', async () => {
    const type = (doc: Y.Doc, i: number) => {
      const minutes = board.minutes(doc);
      if (minutes.length === 0) minutes.insert(0, [new Y.XmlText('')]);
      (minutes.get(0) as Y.XmlText).insert(i, '議');
    };
    await session('meeting/typing', type, 150);
    const r = await ratio(store, 'meeting/typing');
    expect(r.rows).toBe(1);
    expect(r.stored).toBeLessThanOrEqual(2 * r.state);
  });

  it('a few large updates are left alone (compaction would gain nothing)', async () => {
    const note = (doc: Y.Doc, i: number) => board.notes(doc).set(`n${i}`, { id: `n${i}`, text: '長い記録'.repeat(50), authorName: '', authorOrgName: '', createdAt: '' });
    await session('case/c/p/p/basic/o/o', note, 5);
    const r = await ratio(store, 'case/c/p/p/basic/o/o');
    expect(r.rows).toBe(5);
    expect(r.stored).toBeLessThanOrEqual(2 * r.state);
  });

  it('keeps an update another node stored but this node never received', async () => {
    await session('meeting/shared', (doc) => board.notes(doc).set('a', { id: 'a', text: 'ここ', authorName: '', authorOrgName: '', createdAt: '' }), 1);
    const room = await rooms.acquire('meeting/shared');
    // Another node's update goes straight to the store (its bus frame has not arrived here).
    const other = new Y.Doc();
    board.notes(other).set('b', { id: 'b', text: '他ノード', authorName: '', authorOrgName: '', createdAt: '' });
    await store.appendUpdate('meeting/shared', Y.encodeStateAsUpdate(other));
    for (let i = 0; i < 250; i++) room.doc.transact(() => board.notes(room.doc).set(`x${i}`, { id: `x${i}`, text: String(i), authorName: '', authorOrgName: '', createdAt: '' }), 'c');
    await room.settled();
    rooms.release('meeting/shared');
    await rooms.drain();
    const { updates } = await store.loadUpdates('meeting/shared');
    expect(updates).toHaveLength(1);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, updates[0]!);
    expect(board.notes(doc).get('b')?.text).toBe('他ノード');
    expect(board.notes(doc).size).toBe(252);
  });
});
