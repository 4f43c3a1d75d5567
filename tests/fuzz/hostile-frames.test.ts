import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket, waitUntil, yClient } from '../helpers/ws.ts';
import { frame } from '../helpers/frames.ts';

/**
 * Random, truncated and valid-but-hostile y-protocols frames from a signed-in member over a raw
 * WebSocket, against a real server with two honest participants in the same meeting. After every
 * sequence: the server answers HTTP, the honest pair still converges, nobody's presence was forged
 * and the process memory stayed bounded. Bounded here (fixed seed); `npm run fuzz` runs longer.
 */
const RUNS = Number(process.env.KASANE_FUZZ_RUNS ?? 40);
const SEED = Number(process.env.KASANE_FUZZ_SEED ?? 20261203);
const MEETING = 'meeting/meeting-yamada-1';
/** Codes a hostile frame may earn; 1011 (the server failed) never. */
const EXPECTED_CLOSES = new Set([4400, 4422, 4413, 4429, 1009, 1013]);
const RSS_GROWTH_BOUND = 600 * 1024 * 1024;

type Honest = ReturnType<typeof yClient>;

/** Descriptions of frames; built against the live honest documents when sent. */
type Move =
  | { kind: 'random'; bytes: Uint8Array }
  | { kind: 'truncated'; of: Exclude<Move, { kind: 'random' | 'truncated' }>; cut: number }
  | { kind: 'query'; times: number }
  | { kind: 'step1'; times: number; clients: [number, number][] }
  | { kind: 'forgedUpdate'; text: string }
  | { kind: 'ownUpdate'; text: string; clientId: number }
  | { kind: 'garbageUpdate'; bytes: Uint8Array }
  | { kind: 'awareness'; target: 'writer' | 'watcher' | 'own'; clock: number; json: string; extra: number }
  | { kind: 'hugeAwareness'; kib: number };

const valid = fc.oneof(
  fc.record({ kind: fc.constant('query' as const), times: fc.integer({ min: 1, max: 200 }) }),
  fc.record({
    kind: fc.constant('step1' as const),
    times: fc.integer({ min: 1, max: 200 }),
    clients: fc.array(fc.tuple(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 2 ** 31 })), { maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('forgedUpdate' as const), text: fc.string({ minLength: 1, maxLength: 20 }) }),
  fc.record({ kind: fc.constant('ownUpdate' as const), text: fc.string({ minLength: 1, maxLength: 200 }), clientId: fc.integer({ min: 1, max: 2 ** 31 }) }),
  fc.record({ kind: fc.constant('garbageUpdate' as const), bytes: fc.uint8Array({ maxLength: 64 }) }),
  fc.record({
    kind: fc.constant('awareness' as const),
    target: fc.constantFrom('writer' as const, 'watcher' as const, 'own' as const),
    clock: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constant(2 ** 31)),
    json: fc.oneof(fc.constant('null'), fc.constant('{"presence":{"userId":"u-tanaka","orgName":"x"},"user":{"name":"田中 美咲"}}'), fc.json(), fc.string()),
    extra: fc.integer({ min: 0, max: 50 }),
  }),
  fc.record({ kind: fc.constant('hugeAwareness' as const), kib: fc.integer({ min: 8, max: 1024 }) }),
) as fc.Arbitrary<Exclude<Move, { kind: 'random' | 'truncated' }>>;

const move: fc.Arbitrary<Move> = fc.oneof(
  { weight: 2, arbitrary: valid },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('random' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 96 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncated' as const), of: valid, cut: fc.integer({ min: 0, max: 40 }) }) },
);

function build(m: Move, writer: Honest, watcher: Honest): Uint8Array[] {
  switch (m.kind) {
    case 'random':
      return [m.bytes];
    case 'truncated':
      return build(m.of, writer, watcher).map((f) => f.subarray(0, Math.min(m.cut, Math.max(0, f.length - 1))));
    case 'query':
      return Array.from({ length: m.times }, () => frame.queryAwareness());
    case 'step1': {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, m.clients.length);
      for (const [client, clock] of m.clients) {
        encoding.writeVarUint(e, client);
        encoding.writeVarUint(e, clock);
      }
      const sv = encoding.toUint8Array(e);
      return Array.from({ length: m.times }, () => frame.step1(sv));
    }
    case 'forgedUpdate': {
      // Continue the honest writer's client id and clocks.
      const forged = new Y.Doc();
      Y.applyUpdate(forged, Y.encodeStateAsUpdate(writer.doc));
      forged.clientID = writer.doc.clientID;
      let update: Uint8Array | null = null;
      forged.on('update', (u: Uint8Array) => (update = u));
      forged.getText('honest').insert(0, `偽${m.text}`);
      return [frame.update(update!)];
    }
    case 'ownUpdate': {
      const doc = new Y.Doc();
      doc.clientID = m.clientId;
      doc.getText('attacker').insert(0, m.text);
      return [frame.update(Y.encodeStateAsUpdate(doc))];
    }
    case 'garbageUpdate':
      return [frame.update(m.bytes)];
    case 'awareness': {
      const id = m.target === 'writer' ? writer.doc.clientID : m.target === 'watcher' ? watcher.doc.clientID : 99;
      const states = [{ clientId: id, clock: m.clock, json: m.json }];
      for (let i = 0; i < m.extra; i++) states.push({ clientId: 1000 + i, clock: 1, json: '{"presence":{"userId":"u-tanaka"}}' });
      return [frame.awareness(states)];
    }
    case 'hugeAwareness':
      return [frame.awareness([{ clientId: 99, clock: 1, json: JSON.stringify({ presence: { note: 'x'.repeat(m.kib * 1024) } }) }])];
  }
}

describe('fuzz: hostile y-protocols frames over a raw WebSocket', () => {
  let server: TestServer;
  let writer: Honest;
  let watcher: Honest;
  let attackerCookie: string;
  let baselineRss = 0;
  beforeAll(async () => {
    server = await startTestServer();
    writer = yClient(server.url, MEETING, await login(server.url, 'tanaka'));
    watcher = yClient(server.url, MEETING, await login(server.url, 'ito'));
    attackerCookie = await login(server.url, 'sato');
    await Promise.all([writer.synced(), watcher.synced()]);
    writer.provider.awareness.setLocalStateField('presence', { note: 'writer' });
    await waitUntil(() => watcher.provider.awareness.getStates().has(writer.doc.clientID), 5000, 'writer presence');
    baselineRss = process.memoryUsage().rss;
  });
  afterAll(async () => {
    writer?.destroy();
    watcher?.destroy();
    await server?.dispose();
  });

  it(`keeps the server alive, the honest pair converging and presence true (${RUNS} runs, seed ${SEED})`, { timeout: 60_000 + RUNS * 3000 }, async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(move, { minLength: 1, maxLength: 12 }), async (moves) => {
        round += 1;
        const attacker = rawSocket(server.url, MEETING, { cookie: attackerCookie });
        await attacker.opened;
        for (const m of moves) {
          for (const f of build(m, writer, watcher)) if (attacker.ws.readyState === 1) attacker.ws.send(f);
        }
        // The honest pair keeps working: an edit made now reaches the watcher (positive marker).
        const marker = `round-${round};`;
        writer.doc.getText('honest').insert(writer.doc.getText('honest').length, marker);
        await waitUntil(() => watcher.doc.getText('honest').toString().includes(marker), 10_000, `honest edit ${round}`);
        expect(watcher.doc.getText('honest').toString()).toBe(writer.doc.getText('honest').toString());
        expect(watcher.doc.getText('honest').toString()).not.toContain('偽');
        // Presence: the writer's state is still the writer's; every other state is stamped with its owner.
        const states = watcher.provider.awareness.getStates() as Map<number, { presence?: { userId?: string; note?: string } }>;
        expect(states.get(writer.doc.clientID)?.presence).toMatchObject({ note: 'writer', userId: 'u-tanaka' });
        for (const [id, state] of states) {
          if (id === writer.doc.clientID || id === watcher.doc.clientID || !state?.presence) continue;
          expect(state.presence.userId, `state ${id}`).toBe('u-sato');
        }
        // The server answers HTTP, and a server-side failure (1011) was never the answer.
        expect((await api(server.url, null, 'GET', '/api/auth/me')).status).toBe(401);
        attacker.ws.terminate();
        const closed = await attacker.closed;
        if (closed.code !== 1006 && closed.code !== 1005) expect(EXPECTED_CLOSES.has(closed.code), `close ${closed.code}`).toBe(true);
        expect(process.memoryUsage().rss - baselineRss).toBeLessThan(RSS_GROWTH_BOUND);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(writer.closes.concat(watcher.closes)).toEqual([]);
  });
});
