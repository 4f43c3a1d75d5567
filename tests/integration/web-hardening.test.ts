import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket, waitUntil, yClient } from '../helpers/ws.ts';
import { auditEntries, waitForAudit } from '../helpers/frames.ts';
import { LoginThrottle } from '../../server/auth/login-throttle.ts';
import { openPostgres, openSqlite, type Db } from '../../server/store/db.ts';
import { migrateToLatest } from '../../server/store/migrate.ts';
import { createTestDatabase } from '../helpers/postgres.ts';

const MEETING = 'meeting/meeting-yamada-1';

/** Sends `declared` bytes of body (Content-Length) but only writes `written`; resolves with the status. */
function oversizedPost(url: string, path: string, declared: number, written: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = request({ hostname, port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': declared, origin: url } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (e) => reject(e));
    req.write(Buffer.alloc(written, 0x20));
  });
}

/** A chunked body (no Content-Length), streamed until the server answers. */
function chunkedPost(url: string, path: string, cookie: string, chunks: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = request({ hostname, port, path, method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', origin: url, cookie } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    let i = 0;
    const pump = () => {
      while (i < chunks && req.write(Buffer.alloc(64 * 1024, 0x20))) i++;
      if (i < chunks) req.once('drain', pump);
      else req.end();
    };
    pump();
  });
}

describe('web hardening', () => {
  let server: TestServer;
  beforeAll(async () => {
    const clientDir = mkdtempSync(join(tmpdir(), 'kasane-client-'));
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>かさね</title><script type="module" src="/assets/app.js"></script>');
    server = await startTestServer({ clientDir });
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('every response carries the security headers; API answers are no-store', async () => {
    const cookie = await login(server.url, 'tanaka');
    const answers = [
      await fetch(`${server.url}/`),
      await fetch(`${server.url}/cases/anything`),
      await api(server.url, null, 'GET', '/api/auth/me'),
      await api(server.url, cookie, 'GET', '/api/cases'),
      await api(server.url, cookie, 'GET', '/api/no-such-route'),
    ];
    for (const res of answers) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, res.url).toContain("script-src 'self'");
      expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      // Plain HTTP here (KASANE_SECURE_COOKIES off): no HSTS.
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    for (const res of answers.slice(2)) expect(res.headers.get('cache-control'), res.url).toBe('no-store');
    expect((await answers[0]!.text())).toContain('かさね');
  });

  it('an unauthenticated 100 MiB sign-in body is refused with 413 before it is read', async () => {
    expect(await oversizedPost(server.url, '/api/auth/login', 100 * 1024 * 1024, 64 * 1024)).toBe(413);
    // The server is fine afterwards.
    expect((await api(server.url, null, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('a chunked body past the limit is cut off with 413 (no Content-Length to trust)', async () => {
    const cookie = await login(server.url, 'tanaka');
    expect(await chunkedPost(server.url, '/api/cases', cookie, 40)).toBe(413); // 2.5 MiB > 1 MiB
  });

  it('the session cookie is a browser-session cookie (no Max-Age, no Expires), HttpOnly, SameSite', async () => {
    const res = await api(server.url, null, 'POST', '/api/auth/login', { username: 'sato', password: 'kasane-demo' });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^kasane_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(cookie).not.toMatch(/Max-Age|Expires/i);
  });

  it('a session past its absolute lifetime is refused, and its open socket closes with 4401 (audited)', async () => {
    const cookie = await login(server.url, 'sato');
    const client = yClient(server.url, MEETING, cookie);
    await client.synced();
    const sessionId = cookie.split('=')[1]!;
    const old = Date.now() - (server.deps.config.sessionMaxAgeSeconds + 60) * 1000;
    await server.deps.db.updateTable('sessions').set({ created_at: old }).where('id', '=', sessionId).execute();
    expect(await server.sessionWatch.tick()).toBeGreaterThanOrEqual(1);
    await waitUntil(() => client.closes.some((c) => c.code === 4401), 5000, '4401');
    await waitForAudit(server, 'doc.closed', (d) => d.why === 'session_expired', 'u-sato');
    expect((await api(server.url, cookie, 'GET', '/api/cases')).status).toBe(401);
    client.destroy();
  });

  it('an idle-expired or deleted session closes its open sockets at the next check', async () => {
    const cookie = await login(server.url, 'ito');
    const s = rawSocket(server.url, MEETING, { cookie });
    await s.opened;
    await server.deps.db.deleteFrom('sessions').where('id', '=', cookie.split('=')[1]!).execute();
    await server.sessionWatch.tick();
    expect((await s.closed).code).toBe(4401);
  });

  it('the Vite dev server’s origin is not trusted outside development', async () => {
    const cookie = await login(server.url, 'tanaka');
    const post = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie, origin: 'http://localhost:5173' } });
    expect(post.status).toBe(403);
    const s = rawSocket(server.url, MEETING, { cookie, origin: 'http://localhost:5173' });
    expect(await s.upgradeStatus).toBe(403);
  });
});

describe('development mode trusts the dev server origin', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ development: true });
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('a socket from http://localhost:5173 opens', async () => {
    const s = rawSocket(server.url, MEETING, { cookie: await login(server.url, 'tanaka'), origin: 'http://localhost:5173' });
    expect(await s.opened).toBe(true);
    s.ws.close();
  });
});

describe('HSTS when served over TLS', () => {
  it('KASANE_SECURE_COOKIES=1 adds Strict-Transport-Security and Secure cookies', async () => {
    const server = await startTestServer({ secureCookies: true });
    try {
      const res = await api(server.url, null, 'POST', '/api/auth/login', { username: 'sato', password: 'kasane-demo' });
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(res.headers.get('set-cookie')).toMatch(/; Secure$/);
    } finally {
      await server.dispose();
    }
  });
});

describe('sign-in throttling', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  const attempt = async (username: string, password: string) => {
    const res = await api(server.url, null, 'POST', '/api/auth/login', { username, password });
    return { status: res.status, body: await res.json(), retryAfter: res.headers.get('retry-after') };
  };

  it('after the free failures an account is locked, even for the right password; an unknown name gets the same answers', async () => {
    const run = async (username: string) => {
      const seen: number[] = [];
      for (let i = 0; i < 6; i++) seen.push((await attempt(username, 'wrong')).status);
      const locked = await attempt(username, 'kasane-demo');
      return { seen, locked };
    };
    const known = await run('takahashi');
    const unknown = await run('nobody-at-all');
    expect(known.seen).toEqual([401, 401, 401, 401, 401, 401]);
    expect(known.locked.status).toBe(429);
    expect(Number(known.locked.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(known.locked.body).toEqual({ error: 'too_many_attempts', message: expect.stringContaining('ログイン') });
    // No enumeration: exactly the same answers for a name nobody has.
    expect(unknown.seen).toEqual(known.seen);
    expect(unknown.locked).toEqual(known.locked);
    const audited = await auditEntries(server, 'auth.login_throttled');
    expect(audited.map((e) => e.detail.username).sort()).toEqual(['nobody-at-all', 'takahashi']);
    expect(audited.find((e) => e.detail.username === 'takahashi')).toMatchObject({ actorUserId: 'u-takahashi', detail: { scope: 'account' } });
    // Another account from the same address is not locked by these.
    expect((await attempt('suzuki', 'kasane-demo')).status).toBe(200);
  });
});

/** The throttle's arithmetic on the real store of each kind, with the clock under test control. */
describe.each(['sqlite', 'postgres'] as const)('LoginThrottle arithmetic on %s', (kind) => {
  let db: Db;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    if (kind === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'kasane-throttle-'));
      db = openSqlite(join(dir, 'kasane.sqlite'));
      dispose = async () => {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      };
    } else {
      const database = await createTestDatabase();
      db = openPostgres(database.url);
      dispose = async () => {
        await db.destroy();
        await database.drop();
      };
    }
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await dispose();
  });

  it('doubles the lock with each failure past the free ones, caps it, refuses while locked, and forgets after an hour', async () => {
    let now = 1_700_000_000_000;
    const t = new LoginThrottle(db, { accountFreeFailures: 2, addressFreeFailures: 100, baseLockMs: 1000, maxLockMs: 8000, forgetAfterMs: 3_600_000 }, () => now);
    expect(await t.reserve('a', 'ip')).toEqual({ granted: true, lockMs: 0, scope: null });
    expect(await t.reserve('a', 'ip')).toEqual({ granted: true, lockMs: 0, scope: null });
    const locks: number[] = [];
    for (let i = 0; i < 6; i++) {
      const reservation = await t.reserve('a', 'ip');
      if (!reservation.granted) throw new Error(`attempt ${i + 3} refused`);
      locks.push(reservation.lockMs);
      expect((await t.check('A', 'other-ip')).waitMs).toBe(reservation.lockMs); // names compare case-insensitively
      // While locked, another attempt is refused and not counted (the next lock is no longer).
      expect(await t.reserve('a', 'other-ip')).toEqual({ granted: false, waitMs: reservation.lockMs, scope: 'account' });
      now += reservation.lockMs;
      expect((await t.check('a', 'ip')).waitMs).toBe(0);
    }
    expect(locks).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    now += 3_600_001;
    expect(await t.reserve('a', 'ip')).toEqual({ granted: true, lockMs: 0, scope: null });
    await t.succeeded('a', 'ip');
    expect((await t.check('a', 'ip')).waitMs).toBe(0);
  });

  it('a burst of attempts on two throttles on one store (two nodes) gets the free ones and one more, then the lock', async () => {
    let now = 1_700_000_000_000;
    const options = { accountFreeFailures: 5, addressFreeFailures: 100, baseLockMs: 1000, maxLockMs: 8000, forgetAfterMs: 3_600_000 };
    const nodeA = new LoginThrottle(db, options, () => now);
    const nodeB = new LoginThrottle(db, options, () => now);
    // Twenty at once, ten on each node, none settled yet (their passwords are still being checked).
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? nodeA : nodeB).reserve('race', `ip-${i}`)));
    const granted = results.filter((r) => r.granted);
    expect(granted.map((r) => r.lockMs).sort()).toEqual([0, 0, 0, 0, 0, 1000]);
    expect(results.filter((r) => !r.granted).every((r) => r.scope === 'account')).toBe(true);
    expect(await nodeA.check('race', 'elsewhere')).toEqual({ waitMs: 1000, scope: 'account' });
    expect(await nodeB.check('race', 'elsewhere')).toEqual({ waitMs: 1000, scope: 'account' });
    now += 3_600_001 + 1000;
    await nodeA.prune();
    const left = await db.selectFrom('login_throttle').select('key').where('key', 'in', ['account:race', 'address:ip-0']).execute();
    expect(left).toEqual([]);
  });

  it('a right password gives the address its attempt back: an office behind one address signs in all day', async () => {
    const now = 1_700_000_000_000;
    const t = new LoginThrottle(db, { accountFreeFailures: 5, addressFreeFailures: 3, baseLockMs: 1000, maxLockMs: 8000, forgetAfterMs: 3_600_000 }, () => now);
    for (let i = 0; i < 10; i++) {
      expect(await t.reserve(`staff-${i}`, 'office')).toEqual({ granted: true, lockMs: 0, scope: null });
      await t.succeeded(`staff-${i}`, 'office');
    }
    // The address's free failures are all still there; the fourth failure locks it.
    const failures = [];
    for (let i = 0; i < 4; i++) failures.push(await t.reserve(`typo-${i}`, 'office'));
    expect(failures.map((r) => (r.granted ? r.lockMs : 'refused'))).toEqual([0, 0, 0, 1000]);
    expect(failures[3]).toMatchObject({ scope: 'address' });
    // Refused by the address: the account named is not charged for it.
    expect(await t.reserve('staff-0', 'office')).toEqual({ granted: false, waitMs: 1000, scope: 'address' });
    const staff = await db.selectFrom('login_throttle').select('failures').where('key', '=', 'account:staff-0').executeTakeFirst();
    expect(staff).toBeUndefined();
  });
});
