/**
 * The hostile participant of hostile.bench.ts, in its own process (its busy loop must not slow
 * the honest clients' own timing). One socket floods updates and reconnects after every close;
 * another stops reading and asks for the whole document and all presence in a loop.
 * Env: BENCH_URL, BENCH_COOKIE, BENCH_DOC. Prints its counts as JSON on SIGTERM.
 */
import * as Y from 'yjs';
import { rawSocket } from '../../helpers/ws.ts';
import { frame, typedUpdates } from '../../helpers/frames.ts';

const url = process.env.BENCH_URL!;
const cookie = process.env.BENCH_COOKIE!;
const doc = process.env.BENCH_DOC!;
let attacking = true;
const counts = { floodFrames: 0, floodConnections: 0, closeCodes: {} as Record<number, number>, amplifierConnections: 0, questions: 0 };

const flooder = (async () => {
  const updates = typedUpdates(new Y.Doc(), 'x'.repeat(20_000), 'flood').map((u) => frame.update(u));
  while (attacking) {
    const s = rawSocket(url, doc, { cookie });
    counts.floodConnections += 1;
    if (await s.opened) {
      for (const f of updates) {
        if (s.ws.readyState !== 1) break;
        s.ws.send(f);
        counts.floodFrames += 1;
      }
    }
    const { code } = await s.closed;
    counts.closeCodes[code] = (counts.closeCodes[code] ?? 0) + 1;
  }
})();

const amplifier = (async () => {
  while (attacking) {
    const s = rawSocket(url, doc, { cookie });
    counts.amplifierConnections += 1;
    if (!(await s.opened)) {
      await s.closed;
      continue;
    }
    (s.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    while (attacking && s.ws.readyState === 1) {
      for (let i = 0; i < 200; i++) s.ws.send(i % 2 ? frame.step1() : frame.queryAwareness());
      counts.questions += 200;
      await new Promise((r) => setTimeout(r, 10));
    }
    s.ws.terminate();
  }
})();

process.on('SIGTERM', () => {
  attacking = false;
  console.log(JSON.stringify(counts));
  process.exit(0);
});
void flooder;
void amplifier;
