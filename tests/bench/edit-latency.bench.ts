/**
 * Edit latency: one participant types, how long until every other participant's copy has it.
 * 20 meetings x 12 participants (240 WebSocket clients) on Kasane (auth, policy, SQLite append
 * before broadcast) and on the peer, y-websocket's reference server (in memory, no auth), each in
 * its own child process; the clients run here. Run: npx tsx tests/bench/edit-latency.bench.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { login } from '../helpers/http.ts';
import { waitUntil } from '../helpers/ws.ts';
import { percentile, summary } from './stats.ts';

const MEETINGS = 20;
const PER_MEETING = 12;
const EDITS = 400;
const USERS = ['tanaka', 'sato', 'suzuki', 'takahashi', 'ito'];

async function launch(command: string, args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_MEETINGS: String(MEETINGS) } });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    if (line.startsWith('{')) return { url: JSON.parse(line).url as string, child };
  }
  throw new Error(`${command} exited before printing its URL`);
}

async function run(name: string, url: string, docFor: (m: number) => string, cookieFor: (i: number) => Promise<string | null>) {
  const clients: { doc: Y.Doc; provider: WebsocketProvider; meeting: number }[] = [];
  for (let m = 0; m < MEETINGS; m++) {
    for (let i = 0; i < PER_MEETING; i++) {
      const cookie = await cookieFor(i);
      class Socket extends WebSocket {
        constructor(u: string, p?: string | string[]) {
          super(u, p, { headers: { origin: url, ...(cookie ? { cookie } : {}) } });
        }
      }
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(url.replace('http', 'ws') + (cookie ? '/collab' : ''), docFor(m), doc, {
        WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      });
      clients.push({ doc, provider, meeting: m });
    }
  }
  await waitUntil(() => clients.every((c) => c.provider.synced), 30_000, `${name}: all synced`);
  const samples: number[] = [];
  for (let e = 0; e < EDITS; e++) {
    const m = e % MEETINGS;
    const room = clients.filter((c) => c.meeting === m);
    const typist = room[e % PER_MEETING]!;
    const others = room.filter((c) => c !== typist);
    const text = typist.doc.getText('minutes');
    // Arrival is timed by each peer's own update event (no polling granularity in the figure).
    const arrivals = others.map(
      (o) => new Promise<number>((resolve) => o.doc.once('update', () => resolve(performance.now()))),
    );
    const t0 = performance.now();
    text.insert(text.length, 'あ');
    const times = await Promise.all(arrivals);
    samples.push(Math.max(...times) - t0);
    // Let awareness and acks settle so rounds do not overlap.
    await new Promise((r) => setTimeout(r, 2));
  }
  for (const c of clients) c.provider.destroy();
  return samples;
}

const kasane = await launch('npx', ['tsx', 'tests/bench/servers/kasane-node.ts']);
const cookies = await Promise.all(USERS.map((u) => login(kasane.url, u)));
const ours = await run('kasane', kasane.url, (m) => `meeting/bench-${m}`, async (i) => cookies[i % cookies.length]!);
kasane.child.kill('SIGTERM');

const peer = await launch('node', ['tests/bench/servers/reference-node.cjs']);
const theirs = await run('reference', peer.url, (m) => `bench-${m}`, async () => null);
peer.child.kill('SIGTERM');

console.log(`${MEETINGS} meetings x ${PER_MEETING} participants, ${EDITS} edits (one typist, all others must have it)`);
console.log(summary('kasane    edit -> all peers', ours));
console.log(summary('reference edit -> all peers', theirs));
console.log(`ratio kasane/reference: p50 ${(percentile(ours, 50) / percentile(theirs, 50)).toFixed(2)}x, p99 ${(percentile(ours, 99) / percentile(theirs, 99)).toFixed(2)}x`);
process.exit(0);
