import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLIENT_DIR, startTestServer, type TestServer } from '../helpers/server.ts';
import { requireBuiltClient } from '../helpers/board-session.ts';

/**
 * The built client as a browser gets it (run `npx vite build` first; among the e2e tests for that): hashed assets compressed and
 * cached for good, index.html revalidated, a missing chunk a 404 rather than the app's HTML.
 */
describe('static assets are served compressed with long-lived cache headers', () => {
  let server: TestServer;
  let entry: string;
  beforeAll(async () => {
    requireBuiltClient();
    server = await startTestServer({ clientDir: BUILT_CLIENT_DIR });
    entry = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(readFileSync(join(BUILT_CLIENT_DIR, 'index.html'), 'utf8'))![1]!;
  });
  afterAll(() => server?.dispose());

  it('index.html (and every client route) is revalidated each time', async () => {
    for (const path of ['/', '/meetings/meeting-yamada-1']) {
      const response = await fetch(server.url + path);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain(entry);
    }
  });

  it('the entry script comes as brotli or gzip, byte for byte the built file, cached immutably', async () => {
    const original = readFileSync(join(BUILT_CLIENT_DIR, entry));
    for (const [encoding, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      const response = await fetch(server.url + entry, { headers: { 'accept-encoding': encoding } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-encoding')).toBe(encoding);
      expect(response.headers.get('vary')).toContain('Accept-Encoding');
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-type')).toContain('javascript');
      // Read the raw bytes: decode them ourselves to prove they are what the build wrote.
      const { request } = await import('node:http');
      const raw = await new Promise<Buffer>((resolve, reject) => {
        request(server.url + entry, { headers: { 'accept-encoding': encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
        })
          .on('error', reject)
          .end();
      });
      expect(raw.length).toBeLessThan(original.length / 2);
      expect(Buffer.compare(decode(raw), original)).toBe(0);
    }
    // A client that accepts nothing gets the plain file.
    const plain = await fetch(server.url + entry, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await plain.arrayBuffer()).length).toBe(original.length);
  });

  it('a chunk that does not exist is a 404, not the app page', async () => {
    const response = await fetch(`${server.url}/assets/EcomapPanel-doesnotexist.js`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('<div id="root">');
  });
});
