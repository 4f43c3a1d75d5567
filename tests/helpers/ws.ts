import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

export function wsUrl(baseUrl: string): string {
  return baseUrl.replace(/^http/, 'ws') + '/collab';
}

/** What a raw socket saw: every frame, and how it ended. */
export interface RawSocket {
  ws: WebSocket;
  frames: Uint8Array[];
  /** HTTP status when the upgrade itself was refused. */
  upgradeStatus: Promise<number | null>;
  closed: Promise<{ code: number; reason: string }>;
  opened: Promise<boolean>;
}

/** A bare WebSocket, as an attacker would open one: no Yjs client logic at all. */
export function rawSocket(baseUrl: string, docName: string, opts: { cookie?: string; origin?: string | null; ctx?: string } = {}): RawSocket {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.origin !== null) headers.origin = opts.origin ?? baseUrl;
  const query = opts.ctx ? `?ctx=${encodeURIComponent(opts.ctx)}` : '';
  const ws = new WebSocket(`${wsUrl(baseUrl)}/${docName}${query}`, { headers });
  ws.binaryType = 'arraybuffer';
  const frames: Uint8Array[] = [];
  ws.on('message', (data: ArrayBuffer) => frames.push(new Uint8Array(data)));
  let upgradeResolve: (s: number | null) => void = () => {};
  const upgradeStatus = new Promise<number | null>((r) => (upgradeResolve = r));
  ws.on('unexpected-response', (_req, res) => {
    upgradeResolve(res.statusCode ?? 0);
    ws.terminate();
  });
  const opened = new Promise<boolean>((resolve) => {
    ws.on('open', () => {
      upgradeResolve(null);
      resolve(true);
    });
    ws.on('error', () => resolve(false));
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  ws.on('error', () => {});
  return { ws, frames, upgradeStatus, closed, opened };
}

/**
 * A real y-websocket client in Node, with the cookie and Origin a browser would send. `doc`: the
 * client's own document (e.g. one that keeps an earlier session's client id and edits).
 */
export function yClient(baseUrl: string, docName: string, cookie: string, ctx?: string, doc: Y.Doc = new Y.Doc()) {
  class CookieSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, origin: baseUrl } });
    }
  }
  const provider = new WebsocketProvider(wsUrl(baseUrl), docName, doc, {
    WebSocketPolyfill: CookieSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: ctx ? { ctx } : {},
  });
  const closes: { code: number; reason: string }[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    closes,
    synced: () => waitUntil(() => provider.synced, 5000, `${docName} sync`),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls until `condition` holds (it may be async, e.g. a look into the store). */
export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
