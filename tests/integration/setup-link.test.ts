import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { hashSecret } from '../../server/intake/invitation-tokens.ts';

/**
 * The setup link of a real installation (KASANE_SEED_DEMO=0), from the attacker's side: printed
 * once at start, stored hashed, works once and for 24 hours, and never once an administrator
 * exists. The alternative to `npm run admin:create` (tests/integration/going-live.test.ts).
 */
const ADMIN = { municipalityName: 'みどり市', orgName: 'みどり市 福祉政策課', displayName: '福祉 花子', username: 'kanri', password: 'みどり市の初期設定です2026' };

describe('the setup link for the first administrator', () => {
  let server: TestServer;
  let path: string;
  const token = () => path.split('/').pop()!;
  const setup = (t: string, method: 'GET' | 'POST', body?: unknown) => api(server.url, null, method, `/api/setup/${t}`, body);

  beforeAll(async () => {
    server = await startTestServer({ seedDemo: false });
    expect(server.setupLink?.kind).toBe('issued');
    path = (server.setupLink as { path: string }).path;
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('is printed once: only its hash is stored, and a restart while it is valid issues no other', async () => {
    expect(path).toMatch(/^\/setup\/[A-Za-z0-9_-]{43}$/);
    const rows = await server.deps.db.selectFrom('setup_links').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(hashSecret(token()));
    expect(JSON.stringify(rows)).not.toContain(token());
    // 24 hours from now (give or take the test's own run time).
    expect(Date.parse(rows[0]!.expires_at) - Date.parse(rows[0]!.created_at)).toBe(24 * 3600_000);
    server = await server.restart();
    expect(server.setupLink).toEqual({ kind: 'pending', expiresAt: rows[0]!.expires_at });
    expect(await server.deps.db.selectFrom('setup_links').selectAll().execute()).toHaveLength(1);
    const shown = await setup(token(), 'GET');
    expect(shown.status).toBe(200);
    expect((await shown.json()).expiresAt).toBe(rows[0]!.expires_at);
  });

  it('a guessed or altered token gets the same refusal as any dead link, and creates nothing', async () => {
    const guessed = await setup('A'.repeat(43), 'POST', ADMIN);
    expect(guessed.status).toBe(404);
    expect((await guessed.json()).message).toContain('無効か期限切れ');
    expect((await setup(token().slice(0, -1) + (token().endsWith('A') ? 'B' : 'A'), 'GET')).status).toBe(404);
    expect(await server.deps.db.selectFrom('users').select('id').execute()).toEqual([]);
  });

  it('applies the password policy, and a refused attempt does not use the link up', async () => {
    for (const password of ['short', 'password123', 'kanri-kanri-kanri']) {
      const res = await setup(token(), 'POST', { ...ADMIN, password });
      expect(res.status, password).toBe(400);
      expect((await res.json()).message).toMatch(/10文字以上|よく使われる|ログインID/);
    }
    const badLogin = await setup(token(), 'POST', { ...ADMIN, username: 'Admin!' });
    expect(badLogin.status).toBe(400);
    expect(await server.deps.db.selectFrom('users').select('id').execute()).toEqual([]);
    expect((await setup(token(), 'GET')).status).toBe(200);
  });

  it('creates the first administrator once; two requests at the same moment make one', async () => {
    const [a, b] = await Promise.all([setup(token(), 'POST', ADMIN), setup(token(), 'POST', { ...ADMIN, username: 'intruder', displayName: '乗っ取り' })]);
    // One wins; the other finds the link used (404) or, if it asked late, the administrator there (409).
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(201);
    expect([404, 409]).toContain(statuses[1]);
    const admins = await server.deps.db.selectFrom('users').select(['username', 'role']).execute();
    expect(admins).toHaveLength(1);
    expect(admins[0]!.role).toBe('administrator');
    const cookie = await login(server.url, admins[0]!.username, ADMIN.password);
    const me = await (await api(server.url, cookie, 'GET', '/api/auth/me')).json();
    expect(me).toMatchObject({ role: 'administrator', orgName: 'みどり市 福祉政策課' });
    expect((await (await api(server.url, null, 'GET', '/api/admin/instance')).json()).municipalityName).toBe('みどり市');
    const log = await (await api(server.url, cookie, 'GET', '/api/audit?action=admin.first_administrator_created')).json();
    expect(log.entries[0].detail).toMatchObject({ via: 'setup_link' });
    const issued = await (await api(server.url, cookie, 'GET', '/api/audit?action=admin.setup_link_issued')).json();
    expect(issued.entries).toHaveLength(1);
  });

  it('is refused when reused, and a restart issues no new link once an administrator exists', async () => {
    const reused = await setup(token(), 'POST', { ...ADMIN, username: 'second' });
    expect(reused.status).toBe(404);
    expect((await setup(token(), 'GET')).status).toBe(404);
    server = await server.restart();
    expect(server.setupLink).toBeNull();
    expect(await server.deps.db.selectFrom('users').select('id').where('username', '=', 'second').execute()).toEqual([]);
  });

  it('a link still valid but issued before an administrator was made another way is refused (409)', async () => {
    // As if admin:create ran while the printed link was still valid.
    const now = new Date();
    await server.deps.db
      .insertInto('setup_links')
      .values({ token_hash: hashSecret('still-valid-link'), created_at: now.toISOString(), expires_at: new Date(now.getTime() + 3600_000).toISOString(), used_at: null })
      .execute();
    expect((await setup('still-valid-link', 'GET')).status).toBe(409);
    const res = await setup('still-valid-link', 'POST', { ...ADMIN, username: 'third' });
    expect(res.status).toBe(409);
    expect((await res.json()).message).toContain('管理者は既に登録されています');
    expect(await server.deps.db.selectFrom('users').select('id').execute()).toHaveLength(1);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await (await api(server.url, null, 'GET', '/api/openapi.json')).json();
    expect(doc.paths['/setup/{token}']?.get).toBeTruthy();
    expect(doc.paths['/setup/{token}']?.post).toBeTruthy();
  });
});

describe('an expired setup link', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seedDemo: false });
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('is refused after 24 hours, and the next start prints a new one', async () => {
    const first = (server.setupLink as { path: string }).path.split('/').pop()!;
    await server.deps.db.updateTable('setup_links').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
    expect((await api(server.url, null, 'GET', `/api/setup/${first}`)).status).toBe(404);
    const res = await api(server.url, null, 'POST', `/api/setup/${first}`, ADMIN);
    expect(res.status).toBe(404);
    expect(await server.deps.db.selectFrom('users').select('id').execute()).toEqual([]);
    server = await server.restart();
    expect(server.setupLink?.kind).toBe('issued');
    const second = (server.setupLink as { path: string }).path.split('/').pop()!;
    expect(second).not.toBe(first);
    expect((await api(server.url, null, 'GET', `/api/setup/${first}`)).status).toBe(404);
    expect((await api(server.url, null, 'POST', `/api/setup/${second}`, ADMIN)).status).toBe(201);
  });

  it('the demo never has one (it has its administrator)', async () => {
    const demo = await startTestServer();
    try {
      expect(demo.setupLink).toBeNull();
      expect(await demo.deps.db.selectFrom('setup_links').selectAll().execute()).toEqual([]);
    } finally {
      await demo.dispose();
    }
  });
});
