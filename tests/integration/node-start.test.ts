import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:net';
import WebSocket from 'ws';
import { freePort, spawnNode } from '../helpers/cluster.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { login } from '../helpers/http.ts';
import { wsUrl } from '../helpers/ws.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.ts';

describe('a node that cannot listen says so and exits non-zero', () => {
  let blocker: Server;
  let port: number;
  const dir = mkdtempSync(join(tmpdir(), 'kasane-bind-'));
  beforeAll(async () => {
    port = await freePort();
    blocker = createServer();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', () => r()));
  });
  afterAll(async () => {
    await new Promise((r) => blocker.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('port already in use: exit code 1 and the reason in the log', async () => {
    const error = await spawnNode({ PORT: String(port), KASANE_DATA_DIR: dir }).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/server exited \(1\) before listening/);
    expect(error?.message).toMatch(/could not start: cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/);
  }, 30_000);
});

describe('the protocol version is checked at connect', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  const connect = (cookie: string, version: string) => {
    const ws = new WebSocket(`${wsUrl(server.url)}/meeting/meeting-yamada-1?v=${version}`, { headers: { cookie, origin: server.url } });
    const frames: Buffer[] = [];
    ws.on('message', (data: Buffer) => frames.push(data));
    const closed = new Promise<{ code: number; reason: string }>((r) => ws.on('close', (code, reason) => r({ code, reason: reason.toString() })));
    const firstFrame = new Promise<void>((r) => ws.once('message', () => r()));
    return { ws, frames, closed, firstFrame };
  };

  it('a client announcing another version is refused with 4426 before any document byte', async () => {
    const other = connect(await login(server.url, 'tanaka'), String(PROTOCOL_VERSION + 1));
    const closed = await other.closed;
    expect(closed).toEqual({ code: 4426, reason: 'protocol version mismatch, reload' });
    expect(other.frames).toEqual([]);
  });

  it('a client announcing this version is served', async () => {
    const same = connect(await login(server.url, 'tanaka'), String(PROTOCOL_VERSION));
    await same.firstFrame;
    expect(same.frames[0]?.[0]).toBe(0); // sync step 1 from the server
    same.ws.close();
    await same.closed;
  });
});
