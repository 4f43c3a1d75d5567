/**
 * What the first screen costs: the initial JavaScript (the entry script and what index.html
 * preloads) in bytes, raw / gzip -9 / brotli, and the time until the first screen is usable in
 * Debian's Chromium over an emulated office line (40 ms latency, 10 Mbit/s down, 5 up):
 *  - cold: a new browser profile opens the app until the sign-in form is on screen;
 *  - board: a signed-in user opens the meeting board until its agenda is on screen (the assets
 *    of the sign-in page are in the HTTP cache, as on any second visit).
 * Run: npx vite build && npx tsx tests/bench/first-screen.bench.ts [--client dist/client] [--runs 10]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { startTestServer } from '../helpers/server.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { summary } from './stats.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const clientDir = resolve(arg('client', 'dist/client'));
const RUNS = Number(arg('runs', '10'));
const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;

// --- bundle sizes ---
const html = readFileSync(join(clientDir, 'index.html'), 'utf8');
const initial = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"|<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => (m[1] ?? m[2])!);
const sizes = (file: string) => {
  const data = readFileSync(join(clientDir, file));
  return { raw: data.length, gzip: gzipSync(data, { level: 9 }).length, brotli: brotliCompressSync(data).length };
};
const sum = (files: string[]) =>
  files.map(sizes).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const allJs = readdirSync(join(clientDir, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `/assets/${f}`);
const init = sum(initial);
const all = sum(allJs);
console.log(`client: ${clientDir}`);
console.log(`initial JS (${initial.length} files): raw ${kB(init.raw)}, gzip ${kB(init.gzip)}, brotli ${kB(init.brotli)}`);
console.log(`all JS (${allJs.length} files): raw ${kB(all.raw)}, gzip ${kB(all.gzip)}, brotli ${kB(all.brotli)}`);

// --- first screen in Chromium ---
const server = await startTestServer({ clientDir });
const browser = await launchBrowser();
const cold: number[] = [];
const boardTimes: number[] = [];
const coldBytes: number[] = [];
const boardBytes: number[] = [];

/** Emulated office line; returns a counter of bytes that came over the wire (compressed size). */
async function throttle(page: Page): Promise<{ bytes: () => number; reset: () => void }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength));
  return { bytes: () => bytes, reset: () => (bytes = 0) };
}

try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const wire = await throttle(page);
    let t = performance.now();
    await page.goto(server.url);
    await page.locator('input[name=username]').waitFor({ state: 'visible' });
    cold.push(performance.now() - t);
    coldBytes.push(wire.bytes());

    await page.locator('input[name=username]').fill('sato');
    await page.locator('input[name=password]').fill('kasane-demo');
    await page.locator('button[type=submit]').click();
    await page.getByTestId('current-user').waitFor({ state: 'visible' });
    wire.reset();
    t = performance.now();
    await page.goto(`${server.url}/meetings/meeting-yamada-1#agenda`);
    await page.getByTestId('agenda-item').first().waitFor({ state: 'visible', timeout: 30_000 });
    boardTimes.push(performance.now() - t);
    boardBytes.push(wire.bytes());
    await context.close();
  }
} finally {
  await browser.close();
  await server.dispose();
}
console.log(summary('cold: open the app -> sign-in form on screen', cold));
console.log(summary('cold: bytes over the wire', coldBytes.map((b) => b / 1000), ' kB'));
console.log(summary('board: open the meeting board -> agenda on screen (second visit)', boardTimes));
console.log(summary('board: bytes over the wire', boardBytes.map((b) => b / 1000), ' kB'));
