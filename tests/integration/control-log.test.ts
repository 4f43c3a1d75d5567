import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite, type Db } from '../../server/store/db.ts';
import { migrateToLatest } from '../../server/store/migrate.ts';
import { LocalBus } from '../../server/bus/bus.ts';
import { ControlLog } from '../../server/bus/control-log.ts';
import { RoomRegistry, NotServingError } from '../../server/collab/room-registry.ts';
import { KyselyDocStore } from '../../server/store/doc-store.ts';
import type { ControlMessage } from '../../shared/protocol/control-events.ts';
import { waitUntil } from '../helpers/ws.ts';

/** A node's bus without pub/sub at all: control events can arrive only through the log. */
class SilentBus extends LocalBus {
  constructor(override readonly nodeId: string) {
    super();
  }
}

/**
 * The durable control log on a real database file, as two nodes see it (two connections to one
 * file, no pub/sub between them): what one publishes, the other hears exactly once and in order;
 * a row that becomes visible late (an earlier id committed after a later one) is not skipped; a
 * node that cannot read the log stops serving documents.
 */
describe('control events travel through the store', () => {
  let dir: string;
  let dbA: Db;
  let dbB: Db;
  let logA: ControlLog;
  let logB: ControlLog;
  let heardByB: ControlMessage[];
  let heardByA: ControlMessage[];
  const options = { pollMs: 20, outagePollMs: 20, staleMs: 100, gapWaitMs: 60_000 };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kasane-control-'));
    dbA = openSqlite(join(dir, 'kasane.sqlite'));
    await migrateToLatest(dbA);
    dbB = openSqlite(join(dir, 'kasane.sqlite'));
    logA = await ControlLog.open(dbA, new SilentBus('node-a'), options);
    logB = await ControlLog.open(dbB, new SilentBus('node-b'), options);
    heardByA = [];
    heardByB = [];
    await logA.subscribe((m) => heardByA.push(m));
    await logB.subscribe((m) => heardByB.push(m));
  });
  afterEach(async () => {
    await logA.close();
    await logB.close();
    await dbA.destroy();
    await dbB.destroy().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  it('what node A publishes, node B hears once, in order; A does not hear itself', async () => {
    await logA.publish({ type: 'access-changed', caseId: 'case-yamada', why: 'participant' });
    await logA.publish({ type: 'session-ended', sessionId: 's1' });
    await logB.publish({ type: 'user-deactivated', userId: 'u-sato' });
    await waitUntil(() => heardByB.length === 2 && heardByA.length === 1, 5000, 'both nodes to read the log');
    expect(heardByB).toEqual([
      { type: 'access-changed', caseId: 'case-yamada', why: 'participant' },
      { type: 'session-ended', sessionId: 's1' },
    ]);
    expect(heardByA).toEqual([{ type: 'user-deactivated', userId: 'u-sato' }]);
    // A later event arrives after everything before it: nothing is delivered twice.
    await logA.publish({ type: 'compartment-created', caseId: 'case-yamada', docName: 'x' });
    await waitUntil(() => heardByB.length === 3, 5000, 'the third event');
    expect(heardByB.map((m) => m.type)).toEqual(['access-changed', 'session-ended', 'compartment-created']);
  });

  it('an earlier id that becomes visible after a later one is still delivered', async () => {
    const base = logB.health().position!;
    const row = (id: number, sessionId: string) => ({ id, origin: 'node-x', body: JSON.stringify({ type: 'session-ended', sessionId }), created_at: new Date().toISOString() });
    // Id base+2 commits first (as a faster concurrent transaction would)...
    await dbA.insertInto('control_events').values(row(base + 2, 'later')).execute();
    await waitUntil(() => heardByB.length === 1, 5000, 'the later id');
    // ...then base+1: the reader stayed below the hole and picks it up.
    await dbA.insertInto('control_events').values(row(base + 1, 'earlier')).execute();
    await waitUntil(() => heardByB.length === 2, 5000, 'the earlier id');
    expect(heardByB).toEqual([
      { type: 'session-ended', sessionId: 'later' },
      { type: 'session-ended', sessionId: 'earlier' },
    ]);
    await waitUntil(() => logB.health().position === base + 2, 5000, 'the position to pass both');
  });

  it('garbage in the log is skipped, not delivered, and does not stop the reader', async () => {
    await dbA.insertInto('control_events').values({ origin: 'node-x', body: '{"type":"drop-tables"}', created_at: new Date().toISOString() }).execute();
    await logA.publish({ type: 'session-ended', sessionId: 'after-garbage' });
    await waitUntil(() => heardByB.length === 1, 5000, 'the valid event');
    expect(heardByB).toEqual([{ type: 'session-ended', sessionId: 'after-garbage' }]);
  });

  it('a node that cannot read the log stops serving documents until it can', async () => {
    const rooms = new RoomRegistry(new KyselyDocStore(dbB), new SilentBus('node-b'), () => logB.certain);
    const room = await rooms.acquire('meeting/meeting-yamada-1');
    rooms.release(room.name);
    await rooms.drain();
    let uncertain = 0;
    logB.onUncertain(() => (uncertain += 1));
    await dbB.destroy();
    await waitUntil(() => uncertain === 1, 5000, 'the node to notice it cannot read the log');
    expect(logB.certain).toBe(false);
    expect(logB.health()).toMatchObject({ durable: true, certain: false });
    await expect(rooms.acquire('meeting/meeting-yamada-1')).rejects.toBeInstanceOf(NotServingError);
    rooms.stop();
  });
});
