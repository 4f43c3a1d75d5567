/**
 * One hostile participant against everybody else on the node. 10 honest meetings x 5
 * participants type (fan-out: edit -> all 4 peers have it); meanwhile, in an 11th meeting, one
 * member floods updates (reconnecting after every 4429), and a second socket of his stops reading
 * and asks for the whole document and everybody's presence in a loop. HTTP is probed all along.
 * The server runs in its own child process, so its RSS and event loop are its own.
 * Run: npx tsx tests/bench/hostile.bench.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import * as Y from 'yjs';
import { login } from '../helpers/http.ts';
import { rawSocket, waitUntil, yClient } from '../helpers/ws.ts';
import { frame, typedUpdates } from '../helpers/frames.ts';
import { percentile, summary } from './stats.ts';

const HONEST_MEETINGS = 10;
const USERS = ['tanaka', 'sato', 'suzuki', 'takahashi', 'ito'];
const EDITS = 300;

async function launch(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/servers/kasane-node.ts'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_MEETINGS: String(HONEST_MEETINGS + 1) },
  });
  for await (const line of createInterface({ input: child.stdout! })) {
    if (line.startsWith('{')) return { url: JSON.parse(line).url as string, child };
  }
  throw new Error('the server exited before printing its URL');
}

function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

const { url, child } = await launch();
const cookies = Object.fromEntries(await Promise.all(USERS.map(async (u) => [u, await login(url, u)] as const)));
const rooms = Array.from({ length: HONEST_MEETINGS }, (_, m) => USERS.map((u) => yClient(url, `meeting/bench-${m}`, cookies[u]!)));
await Promise.all(rooms.flat().map((c) => c.synced()));

/** Times EDITS edits round-robin over the honest rooms, with HTTP probes every 50 ms. */
async function measure(label: string): Promise<{ fanout: number[]; probes: number[] }> {
  const fanout: number[] = [];
  const probes: number[] = [];
  let probing = true;
  const prober = (async () => {
    while (probing) {
      const t0 = performance.now();
      await fetch(`${url}/api/auth/me`).then((r) => r.arrayBuffer());
      probes.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  for (let e = 0; e < EDITS; e++) {
    const room = rooms[e % HONEST_MEETINGS]!;
    const typist = room[e % room.length]!;
    const arrivals = room.filter((c) => c !== typist).map((o) => new Promise<number>((resolve) => o.doc.once('update', () => resolve(performance.now()))));
    const t0 = performance.now();
    typist.doc.getText('minutes').insert(0, 'あ');
    fanout.push(Math.max(...(await Promise.all(arrivals))) - t0);
    await new Promise((r) => setTimeout(r, 5));
  }
  probing = false;
  await prober;
  console.log(summary(`${label}: edit -> all 4 peers`, fanout));
  console.log(summary(`${label}: HTTP probe`, probes));
  return { fanout, probes };
}

const quiet = await measure('no attacker');
const beforeAttack = memory(child.pid!);

// The attacked meeting holds a document worth asking for (about 600 KB).
const owner = yClient(url, `meeting/bench-${HONEST_MEETINGS}`, cookies.tanaka!);
await owner.synced();
for (let i = 0; i < 6; i++) owner.doc.getText(`big${i}`).insert(0, 'か'.repeat(33_000));

let attacking = true;
let floodCloses = 0;
let floodFrames = 0;
const flooder = (async () => {
  const updates = typedUpdates(new Y.Doc(), 'x'.repeat(20_000), 'flood').map((u) => frame.update(u));
  while (attacking) {
    const s = rawSocket(url, `meeting/bench-${HONEST_MEETINGS}`, { cookie: cookies.sato! });
    if (!(await s.opened)) continue;
    for (const f of updates) {
      if (s.ws.readyState !== 1) break;
      s.ws.send(f);
      floodFrames += 1;
    }
    await s.closed;
    floodCloses += 1;
  }
})();
const amplifier = (async () => {
  while (attacking) {
    const s = rawSocket(url, `meeting/bench-${HONEST_MEETINGS}`, { cookie: cookies.sato! });
    if (!(await s.opened)) continue;
    (s.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    while (attacking && s.ws.readyState === 1) {
      for (let i = 0; i < 200; i++) s.ws.send(i % 2 ? frame.step1() : frame.queryAwareness());
      await new Promise((r) => setTimeout(r, 10));
    }
    s.ws.terminate();
  }
})();
let peakDuringAttack = 0;
const sampler = setInterval(() => (peakDuringAttack = Math.max(peakDuringAttack, memory(child.pid!).rss)), 100);
await new Promise((r) => setTimeout(r, 1000)); // let the attack get going
const attacked = await measure('one flooding + amplifying participant in another room');
attacking = false;
clearInterval(sampler);
await Promise.race([Promise.all([flooder, amplifier]), new Promise((r) => setTimeout(r, 5000))]);

const ratio = (p: number) => percentile(attacked.fanout, p) / percentile(quiet.fanout, p);
console.log(`ratio attacked/quiet fan-out: p50 ${ratio(50).toFixed(2)}x, p99 ${ratio(99).toFixed(2)}x (target < 2x)`);
console.log(`attacker: ${floodFrames} update frames sent over ${floodCloses} connections (each closed with 4429)`);
const end = memory(child.pid!);
console.log(`server RSS: before attack ${(beforeAttack.rss / 2 ** 20).toFixed(0)} MiB, peak during attack ${(peakDuringAttack / 2 ** 20).toFixed(0)} MiB, process peak (VmHWM) ${(end.peak / 2 ** 20).toFixed(0)} MiB`);

owner.destroy();
for (const c of rooms.flat()) c.destroy();
child.kill('SIGTERM');
process.exit(0);
