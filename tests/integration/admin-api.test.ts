import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { rawSocket, waitUntil } from '../helpers/ws.ts';
import { docOf } from '../helpers/scenario.ts';

/**
 * Administration from the attacker's side: a member tries administration, an organisation
 * administrator reaches into another organisation, an invitation link is replayed or used after
 * expiry, a deactivated user's open socket and session. Every check is on what comes back.
 */
const CTX = 'meeting:meeting-yamada-1';
const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });

describe('administration API', () => {
  let server: TestServer;
  let admin: string;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await login(server.url, 'admin');
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('refuses every administration route to a member and a plain facilitator, and creates nothing', async () => {
    const sato = await login(server.url, 'sato');
    const tanaka = await login(server.url, 'tanaka');
    const attempts: [string, string, unknown?][] = [
      ['GET', '/api/admin/settings'],
      ['PUT', '/api/admin/settings', { municipalityName: 'x', requireTwoFactor: false, sessionIdleMinutes: 60, stepUpMinutes: 15, recordRetentionYears: 5, auditRetentionYears: 5 }],
      ['GET', '/api/admin/organisations'],
      ['POST', '/api/admin/organisations', { name: '乗っ取り組織', field: 'other' }],
      ['PATCH', '/api/admin/organisations/org-houkatsu', { active: false }],
      ['GET', '/api/admin/users'],
      ['POST', '/api/admin/users', { username: 'intruder', displayName: '侵入者', orgId: 'org-houkatsu', role: 'administrator', credential: 'one_time_password' }],
      ['PATCH', '/api/admin/users/u-sato', { role: 'administrator' }],
      ['POST', '/api/admin/users/u-tanaka/reset-password', { credential: 'one_time_password' }],
      ['POST', '/api/admin/users/u-tanaka/reset-second-factor'],
      ['POST', '/api/admin/users/u-tanaka/unlock'],
      ['GET', '/api/admin/meeting-kinds'],
      ['POST', '/api/admin/meeting-kinds', { id: 'evil', nameJa: '悪', nameEn: 'evil', consentRequired: false, confidentialityRequired: true }],
      ['PATCH', '/api/admin/meeting-kinds/shien', { nameJa: '改名' }],
    ];
    for (const cookie of [sato, tanaka]) {
      for (const [method, path, body] of attempts) {
        const res = await api(server.url, cookie, method, path, body);
        expect(`${method} ${path} ${res.status}`).toBe(`${method} ${path} 403`);
        expect(((await res.json()) as { error: string }).error).toBe('forbidden');
      }
    }
    const unauthenticated = await api(server.url, null, 'GET', '/api/admin/users');
    expect(unauthenticated.status).toBe(401);
    // Nothing the attempts asked for exists.
    const users = (await json(await api(server.url, admin, 'GET', '/api/admin/users'))).body as { username: string; role: string; id: string }[];
    expect(users.some((u) => u.username === 'intruder')).toBe(false);
    expect(users.find((u) => u.id === 'u-sato')!.role).toBe('member');
    const orgs = (await json(await api(server.url, admin, 'GET', '/api/admin/organisations'))).body as { name: string; id: string; active: boolean }[];
    expect(orgs.some((o) => o.name === '乗っ取り組織')).toBe(false);
    expect(orgs.find((o) => o.id === 'org-houkatsu')!.active).toBe(true);
    const kinds = (await json(await api(server.url, admin, 'GET', '/api/admin/meeting-kinds'))).body as { id: string; nameJa: string }[];
    expect(kinds.find((k) => k.id === 'shien')!.nameJa).toBe('支援会議');
    expect(kinds.some((k) => k.id === 'evil')).toBe(false);
    // Each refusal is in the audit log.
    const denied = (await json(await api(server.url, admin, 'GET', '/api/audit?action=request.denied&userId=u-sato&limit=100'))).body;
    expect(denied.entries.length).toBeGreaterThanOrEqual(attempts.length);
  });

  it('lets an organisation administrator manage only their own organisation’s staff', async () => {
    const made = await api(server.url, admin, 'PATCH', '/api/admin/users/u-suzuki', { isOrgAdmin: true });
    expect(made.status).toBe(200);
    const suzuki = await login(server.url, 'suzuki');
    const listed = (await json(await api(server.url, suzuki, 'GET', '/api/admin/users'))).body as { orgId: string }[];
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed.map((u) => u.orgId))).toEqual(new Set(['org-shogai']));

    // Another organisation's user looks absent; so does the administrator.
    for (const [method, path, body] of [
      ['PATCH', '/api/admin/users/u-sato', { displayName: '書き換え' }],
      ['PATCH', '/api/admin/users/u-sato', { active: false }],
      ['POST', '/api/admin/users/u-sato/reset-password', { credential: 'one_time_password' }],
      ['POST', '/api/admin/users/u-sato/reset-second-factor', undefined],
      ['POST', '/api/admin/users/u-admin/reset-password', { credential: 'invitation' }],
    ] as const) {
      const res = await api(server.url, suzuki, method, path, body);
      expect(`${path} ${res.status}`).toBe(`${path} 404`);
    }
    // Adding into another organisation, making an administrator or an org admin: refused.
    for (const body of [
      { username: 'plant1', displayName: '潜入', orgId: 'org-houkatsu', role: 'member', credential: 'one_time_password' },
      { username: 'plant2', displayName: '潜入', orgId: 'org-shogai', role: 'administrator', credential: 'one_time_password' },
      { username: 'plant3', displayName: '潜入', orgId: 'org-shogai', role: 'member', isOrgAdmin: true, credential: 'one_time_password' },
    ]) {
      expect((await api(server.url, suzuki, 'POST', '/api/admin/users', body)).status).toBe(403);
    }
    // Organisations and settings are not theirs either.
    expect((await api(server.url, suzuki, 'GET', '/api/admin/organisations')).status).toBe(403);
    expect((await api(server.url, suzuki, 'GET', '/api/admin/settings')).status).toBe(403);

    // Their own staff: yes.
    const added = await json(await api(server.url, suzuki, 'POST', '/api/admin/users', { username: 'aoba-staff', displayName: '青葉 新人', orgId: 'org-shogai', role: 'member', credential: 'one_time_password' }));
    expect(added.status).toBe(201);
    expect(added.body.user.orgName).toBe('障害者相談支援センターあおば');
    const sato = (await json(await api(server.url, admin, 'GET', '/api/admin/users'))).body.find((u: { id: string }) => u.id === 'u-sato');
    expect(sato.displayName).toBe('佐藤 健一');
    expect(sato.active).toBe(true);
  });

  it('a one-time password must be replaced, and common or short passwords are refused', async () => {
    const created = await json(await api(server.url, admin, 'POST', '/api/admin/users', { username: 'kimura', displayName: '木村 翔', orgId: 'org-konkyu', role: 'member', credential: 'one_time_password' }));
    expect(created.status).toBe(201);
    const otp = created.body.credential.oneTimePassword as string;
    expect(otp.length).toBeGreaterThanOrEqual(12);
    const cookie = await login(server.url, 'kimura', otp);
    const me = (await json(await api(server.url, cookie, 'GET', '/api/auth/me'))).body;
    expect(me.mustChangePassword).toBe(true);
    for (const weak of ['password123', 'short', 'qwertyuiop', 'kimura-is-me-2026']) {
      const res = await json(await api(server.url, cookie, 'POST', '/api/auth/password', { currentPassword: otp, newPassword: weak }));
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/パスワード/);
    }
    expect((await api(server.url, cookie, 'POST', '/api/auth/password', { currentPassword: 'not-it', newPassword: 'とても長い合言葉です2026' })).status).toBe(400);
    expect((await api(server.url, cookie, 'POST', '/api/auth/password', { currentPassword: otp, newPassword: 'とても長い合言葉です2026' })).status).toBe(204);
    expect((await json(await api(server.url, cookie, 'GET', '/api/auth/me'))).body.mustChangePassword).toBe(false);
    await expect(login(server.url, 'kimura', otp)).rejects.toThrow(/401/);
    await login(server.url, 'kimura', 'とても長い合言葉です2026');
  });

  it('an invitation link works once, never after it expires, and not after a newer one', async () => {
    const created = await json(await api(server.url, admin, 'POST', '/api/admin/users', { username: 'mori', displayName: '森 あかり', orgId: 'org-kodomo', role: 'member', credential: 'invitation' }));
    const path = created.body.credential.invitationPath as string;
    const token = path.split('/').pop()!;
    const shown = await json(await api(server.url, null, 'GET', `/api/invitations/${token}`));
    expect(shown.body).toMatchObject({ displayName: '森 あかり', username: 'mori', orgName: 'はなみずき市こども家庭センター' });
    expect((await api(server.url, null, 'POST', `/api/invitations/${token}`, { password: 'password1' })).status).toBe(400);
    expect((await api(server.url, null, 'POST', `/api/invitations/${token}`, { password: 'こども家庭センター勤務です' })).status).toBe(204);
    // Replayed: the same answer as an unknown link, and the password stays the invitee's.
    const replay = await json(await api(server.url, null, 'POST', `/api/invitations/${token}`, { password: 'attacker-chosen-pass' }));
    expect(replay.status).toBe(404);
    expect(replay.body.error).toBe('invalid_invitation');
    expect((await api(server.url, null, 'GET', `/api/invitations/${token}`)).status).toBe(404);
    await expect(login(server.url, 'mori', 'attacker-chosen-pass')).rejects.toThrow(/401/);
    await login(server.url, 'mori', 'こども家庭センター勤務です');

    // Expired: the stored expiry is moved into the past (what three days of waiting would do).
    const reset = await json(await api(server.url, admin, 'POST', `/api/admin/users/${created.body.user.id}/reset-password`, { credential: 'invitation' }));
    const expired = (reset.body.invitationPath as string).split('/').pop()!;
    await server.deps.db.updateTable('user_invitations').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('used_at', 'is', null).execute();
    expect((await api(server.url, null, 'GET', `/api/invitations/${expired}`)).status).toBe(404);
    expect((await api(server.url, null, 'POST', `/api/invitations/${expired}`, { password: 'こども家庭センター勤務2' })).status).toBe(404);
    // A reset also locked out the old password.
    await expect(login(server.url, 'mori', 'こども家庭センター勤務です')).rejects.toThrow(/401/);
    // A newer link replaces an older unused one.
    const first = (await json(await api(server.url, admin, 'POST', `/api/admin/users/${created.body.user.id}/reset-password`, { credential: 'invitation' }))).body.invitationPath.split('/').pop();
    const second = (await json(await api(server.url, admin, 'POST', `/api/admin/users/${created.body.user.id}/reset-password`, { credential: 'invitation' }))).body.invitationPath.split('/').pop();
    expect((await api(server.url, null, 'GET', `/api/invitations/${first}`)).status).toBe(404);
    expect((await api(server.url, null, 'GET', `/api/invitations/${second}`)).status).toBe(200);
  });

  it('deactivating a user closes their open socket at once and refuses their cookie and password', async () => {
    const ito = await login(server.url, 'ito');
    const socket = rawSocket(server.url, docOf('p-haru', 'health', 'org-clinic'), { cookie: ito, ctx: CTX });
    await waitUntil(() => socket.frames.length > 0, 5000, 'ito synced');
    const res = await api(server.url, admin, 'PATCH', '/api/admin/users/u-ito', { active: false });
    expect(res.status).toBe(200);
    const closed = await socket.closed;
    expect(closed.code).toBe(4401);
    expect((await api(server.url, ito, 'GET', '/api/auth/me')).status).toBe(401);
    await expect(login(server.url, 'ito')).rejects.toThrow(/401/);
    const again = rawSocket(server.url, docOf('p-haru', 'health', 'org-clinic'), { cookie: ito, ctx: CTX });
    // The stale cookie opens nothing: closed with 4401 before a single sync byte.
    expect((await again.closed).code).toBe(4401);
    expect(again.frames.length).toBe(0);
    // Reactivated, the same password works again and nothing was lost.
    expect((await api(server.url, admin, 'PATCH', '/api/admin/users/u-ito', { active: true })).status).toBe(200);
    await login(server.url, 'ito');
  });

  it('a deactivated user cannot be designated to a meeting; the list stays as it was', async () => {
    const tanaka = await login(server.url, 'tanaka');
    const participants = async () => ((await (await api(server.url, tanaka, 'GET', '/api/meetings/meeting-yamada-1')).json()) as { participants: unknown[] }).participants;
    const before = await participants();
    expect(before.length).toBeGreaterThan(0);
    expect((await api(server.url, admin, 'PATCH', '/api/admin/users/u-ito', { active: false })).status).toBe(200);
    const refused = await api(server.url, tanaka, 'POST', '/api/meetings/meeting-yamada-1/participants', { userId: 'u-ito', role: 'member' });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { message: string }).message).toContain('利用停止中');
    expect(await participants()).toEqual(before);
    expect((await api(server.url, admin, 'PATCH', '/api/admin/users/u-ito', { active: true })).status).toBe(200);
  });

  it('deactivating an organisation signs out all its users at once and keeps their past entries named', async () => {
    const takahashi = await login(server.url, 'takahashi');
    const socket = rawSocket(server.url, docOf('p-haru', 'finances', 'org-konkyu'), { cookie: takahashi, ctx: CTX });
    await waitUntil(() => socket.frames.length > 0, 5000, 'takahashi synced');
    const res = await json(await api(server.url, admin, 'PATCH', '/api/admin/organisations/org-konkyu', { active: false }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ active: false, activeUserCount: 0 });
    expect((await socket.closed).code).toBe(4401);
    await expect(login(server.url, 'takahashi')).rejects.toThrow(/401/);
    const log = (await json(await api(server.url, admin, 'GET', '/api/audit?userId=u-takahashi&action=auth.login&limit=5'))).body;
    expect(log.entries[0].actorName).toBe('高橋 誠');
    // Its users cannot be reactivated while it is off.
    expect((await api(server.url, admin, 'PATCH', '/api/admin/users/u-takahashi', { active: true })).status).toBe(409);
  });

  it('unlock clears the password lock that wrong passwords put on an account', async () => {
    const wrong = () => fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ username: 'watanabe', password: 'guess-guess' }) });
    // Five free failures, then each one locks for longer (1 s, 2 s, 4 s): wait out each lock.
    for (let failures = 0; failures < 9; ) {
      const res = await wrong();
      if (res.status === 401) failures += 1;
      else if (res.status === 429) {
        await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? '1') * 1000 + 100));
      } else throw new Error(`unexpected ${res.status}`);
    }
    // Now locked for about 8 s: the right password is refused too.
    const during = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: server.url }, body: JSON.stringify({ username: 'watanabe', password: 'kasane-demo' }) });
    expect(during.status).toBe(429);
    expect((await api(server.url, admin, 'POST', '/api/admin/users/u-watanabe/unlock')).status).toBe(200);
    await login(server.url, 'watanabe');
  });

  it('adds and edits organisations, with clear errors for bad input', async () => {
    const bad = await json(await api(server.url, admin, 'POST', '/api/admin/organisations', { name: '', field: 'nonsense' }));
    expect(bad.status).toBe(400);
    const added = await json(await api(server.url, admin, 'POST', '/api/admin/organisations', { name: 'はなみずき中学校', field: 'education', isCoordinator: false }));
    expect(added.status).toBe(201);
    expect((await api(server.url, admin, 'POST', '/api/admin/organisations', { name: 'はなみずき中学校', field: 'education' })).status).toBe(409);
    const edited = await json(await api(server.url, admin, 'PATCH', `/api/admin/organisations/${added.body.id}`, { name: 'はなみずき市立中学校', isCoordinator: true }));
    expect(edited.body).toMatchObject({ name: 'はなみずき市立中学校', isCoordinator: true, field: 'education' });
    // The directory every screen reads shows the new name.
    const directory = (await json(await api(server.url, admin, 'GET', '/api/directory'))).body;
    expect(directory.organisations.find((o: { id: string }) => o.id === added.body.id).name).toBe('はなみずき市立中学校');
    expect((await api(server.url, admin, 'PATCH', '/api/admin/organisations/org-city', { active: false })).status).toBe(409);
  });

  it('meeting kinds: names and agendas change, the law’s flags and used flags do not', async () => {
    const added = await json(
      await api(server.url, admin, 'POST', '/api/admin/meeting-kinds', {
        id: 'kojin_kento',
        nameJa: '個別ケース検討会',
        nameEn: 'Individual case review',
        consentRequired: true,
        confidentialityRequired: false,
        agenda: { '': ['状況の共有', '役割分担'] },
      }),
    );
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ builtIn: false, inUse: false, agenda: { '': ['状況の共有', '役割分担'] } });
    const flipped = await json(await api(server.url, admin, 'PATCH', '/api/admin/meeting-kinds/kojin_kento', { consentRequired: false, confidentialityRequired: true }));
    expect(flipped.body).toMatchObject({ consentRequired: false, confidentialityRequired: true });
    expect((await api(server.url, admin, 'PATCH', '/api/admin/meeting-kinds/kojin_kento', { consentRequired: false, confidentialityRequired: false })).status).toBe(400);
    const builtIn = await json(await api(server.url, admin, 'PATCH', '/api/admin/meeting-kinds/shien', { consentRequired: true }));
    expect(builtIn.status).toBe(409);
    const used = await json(await api(server.url, admin, 'PATCH', '/api/admin/meeting-kinds/jusoteki', { nameJa: '重層的支援会議 (本人同意)', agenda: { plan_creation: ['目標の確認'] } }));
    expect(used.status).toBe(200);
    expect(used.body).toMatchObject({ nameJa: '重層的支援会議 (本人同意)', inUse: true, consentRequired: true });
    // The public list of kinds (what every screen names meetings by) carries the new name.
    const kinds = (await json(await api(server.url, admin, 'GET', '/api/meeting-kinds'))).body as { id: string; nameJa: string }[];
    expect(kinds.find((k) => k.id === 'jusoteki')!.nameJa).toBe('重層的支援会議 (本人同意)');
  });

  it('settings: validated, saved, and the municipality name is public for the login page', async () => {
    const bad = await json(await api(server.url, admin, 'PUT', '/api/admin/settings', { municipalityName: 'はなみずき市', requireTwoFactor: false, sessionIdleMinutes: 1, stepUpMinutes: 15, recordRetentionYears: 5, auditRetentionYears: 5 }));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/sessionIdleMinutes/);
    const saved = await json(await api(server.url, admin, 'PUT', '/api/admin/settings', { municipalityName: 'はなみずき市', requireTwoFactor: false, sessionIdleMinutes: 120, stepUpMinutes: 10, recordRetentionYears: 10, auditRetentionYears: 7 }));
    expect(saved.body).toMatchObject({ municipalityName: 'はなみずき市', sessionIdleMinutes: 120, isDemo: true });
    expect((await json(await api(server.url, null, 'GET', '/api/admin/instance'))).body).toEqual({ municipalityName: 'はなみずき市', isDemo: true });
  });

  it('exports the audit log as CSV with a BOM, names and Japanese labels, and audits the export', async () => {
    const res = await api(server.url, admin, 'GET', '/api/audit/export.csv?action=admin.user_added');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('"利用者の追加"');
    expect(text).toContain('"管理者 一郎"');
    expect(text).toContain('令和');
    expect(text).not.toContain('admin.user_added');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const sato = await login(server.url, 'sato');
    expect((await api(server.url, sato, 'GET', '/api/audit/export.csv')).status).toBe(403);
    const log = (await json(await api(server.url, admin, 'GET', '/api/audit?action=audit.exported&limit=5'))).body;
    expect(log.entries[0].actorUserId).toBe('u-admin');
  });

  it('the OpenAPI document covers every administration route', async () => {
    const doc = (await json(await api(server.url, null, 'GET', '/api/openapi.json'))).body as { paths: Record<string, Record<string, unknown>> };
    const expected: [string, string][] = [
      ['/admin/instance', 'get'],
      ['/admin/settings', 'get'],
      ['/admin/settings', 'put'],
      ['/admin/organisations', 'get'],
      ['/admin/organisations', 'post'],
      ['/admin/organisations/{orgId}', 'patch'],
      ['/admin/users', 'get'],
      ['/admin/users', 'post'],
      ['/admin/users/{userId}', 'patch'],
      ['/admin/users/{userId}/reset-password', 'post'],
      ['/admin/users/{userId}/reset-second-factor', 'post'],
      ['/admin/users/{userId}/unlock', 'post'],
      ['/admin/meeting-kinds', 'get'],
      ['/admin/meeting-kinds', 'post'],
      ['/admin/meeting-kinds/{kindId}', 'patch'],
      ['/auth/second-factor', 'post'],
      ['/auth/second-factor', 'get'],
      ['/auth/enrol/start', 'post'],
      ['/auth/enrol/confirm', 'post'],
      ['/auth/step-up', 'post'],
      ['/auth/password', 'post'],
      ['/invitations/{token}', 'get'],
      ['/invitations/{token}', 'post'],
      ['/audit/export.csv', 'get'],
      ['/audit/filters', 'get'],
    ];
    const missing = expected.filter(([path, method]) => !doc.paths[path]?.[method]).map(([p, m]) => `${m} ${p}`);
    expect(missing).toEqual([]);
    expect(doc.paths['/auth/login']!.post).toHaveProperty(['responses', '202']);
    // A password invitee under required two-factor sign-in is answered like a sign-in: 202, enrol first.
    expect(doc.paths['/meeting-invitations/{token}/accept']!.post).toHaveProperty(['responses', '202']);
  });
});
