import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';

const run = promisify(execFile);

/** A real installation (KASANE_SEED_DEMO=0): empty, no default account, one way to the first administrator. */
describe('going live without the demo', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seedDemo: false });
  });
  afterAll(async () => {
    await server.dispose();
  });

  const cli = (args: string[]) =>
    run('npx', ['tsx', 'server/admin/create-admin-cli.ts', ...args], { env: { ...process.env, KASANE_DATA_DIR: server.dataDir, DATABASE_URL: '' } }).then(
      (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
    );

  it('starts with no organisation and no user, so no password works; only the meeting kinds exist', async () => {
    const db = server.deps.db;
    expect(await db.selectFrom('users').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('organisations').selectAll().execute()).toEqual([]);
    expect((await db.selectFrom('meeting_kinds').select('id').execute()).map((k) => k.id)).toContain('shien');
    for (const [u, p] of [['admin', 'kasane-demo'], ['admin', 'admin'], ['tanaka', 'kasane-demo']]) {
      await expect(login(server.url, u!, p)).rejects.toThrow(/401/);
    }
    const instance = (await (await api(server.url, null, 'GET', '/api/admin/instance')).json()) as { isDemo: boolean };
    expect(instance.isDemo).toBe(false);
  });

  it('admin:create makes the first administrator once, refuses weak passwords and a second run', { timeout: 60_000 }, async () => {
    const weak = await cli(['--login', 'kanri', '--name', '福祉 太郎', '--password', 'password123', '--org', 'みどり市 福祉政策課', '--municipality', 'みどり市']);
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/よく使われる/);
    const ok = await cli(['--login', 'kanri', '--name', '福祉 太郎', '--password', 'みどり市の管理者です2026', '--org', 'みどり市 福祉政策課', '--municipality', 'みどり市']);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('福祉 太郎');
    const again = await cli(['--login', 'kanri2', '--name', '乗っ取り', '--password', 'another-long-passphrase', '--org', 'x']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/既に登録/);
    const cookie = await login(server.url, 'kanri', 'みどり市の管理者です2026');
    const me = (await (await api(server.url, cookie, 'GET', '/api/auth/me')).json()) as { role: string; orgName: string };
    expect(me).toMatchObject({ role: 'administrator', orgName: 'みどり市 福祉政策課' });
    expect(((await (await api(server.url, null, 'GET', '/api/admin/instance')).json()) as { municipalityName: string }).municipalityName).toBe('みどり市');
    await expect(login(server.url, 'kanri2', 'another-long-passphrase')).rejects.toThrow(/401/);
    const log = (await (await api(server.url, cookie, 'GET', '/api/audit?action=admin.first_administrator_created')).json()) as { entries: { actorName: string }[] };
    expect(log.entries[0]!.actorName).toBe('福祉 太郎');
  });
});
