import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, BUILT_CLIENT_DIR, type TestServer } from '../helpers/server.ts';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import { requireBuiltClient, WAIT } from '../helpers/board-session.ts';
import { seriousViolations } from '../helpers/page-watch.ts';
import { TestAuthenticator } from '../helpers/totp.ts';

const run = promisify(execFile);
const SMALL = { width: 1024, height: 768 };
const ADMIN_PASSWORD = 'みどり市の管理者です2026';

/**
 * A municipality goes live on a fresh, non-demo instance: the first administrator is made with
 * `npm run admin:create`, adds two organisations and three users in the browser at 1024×768, one
 * user replaces their one-time password, enrols TOTP (the code computed here from the key on the
 * screen) and signs in again with a code; another accepts an invitation link.
 */
describe('going live (Chromium, KASANE_SEED_DEMO=0)', { timeout: 240_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    requireBuiltClient();
    server = await startTestServer({ seedDemo: false, clientDir: BUILT_CLIENT_DIR });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  const newPage = async () => (await browser.newContext({ viewport: SMALL, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' })).newPage();
  const signIn = async (page: Page, username: string, password: string) => {
    await page.goto(server.url);
    await page.locator('input[name=username]').fill(username);
    await page.locator('input[name=password]').fill(password);
    await page.locator('button[type=submit]').click();
  };
  const clean = async (page: Page, name: string) => {
    expect(await seriousViolations(page), name).toEqual([]);
    await screenshot(page, `going-live-${name}`);
  };

  it('first administrator, two organisations, three users, TOTP enrolment and a sign-in with a code', async () => {
    const created = await run('npx', ['tsx', 'server/admin/create-admin-cli.ts', '--login', 'kanri', '--name', '福祉 太郎', '--password', ADMIN_PASSWORD, '--org', 'みどり市 福祉政策課', '--municipality', 'みどり市'], {
      env: { ...process.env, KASANE_DATA_DIR: server.dataDir, DATABASE_URL: '' },
    });
    expect(created.stdout).toContain('福祉 太郎');

    const admin = await newPage();
    admin.on('dialog', (d) => void d.accept());
    await signIn(admin, 'kanri', ADMIN_PASSWORD);
    await admin.getByTestId('current-user').waitFor(WAIT);
    // Not the demo: no banner anywhere.
    expect(await admin.getByTestId('demo-banner').count()).toBe(0);

    // The administrator sets up their own second factor first (administration asks for it).
    await admin.getByRole('link', { name: 'アカウント' }).click();
    await admin.getByRole('button', { name: '二要素認証を設定する' }).click();
    const adminAuthenticator = new TestAuthenticator((await admin.getByTestId('totp-secret').textContent())!.trim());
    await admin.locator('input[name=code]').fill(await adminAuthenticator.nextCode());
    await admin.getByRole('button', { name: '確認' }).click();
    await admin.getByRole('button', { name: /保管しました/ }).click();
    await admin.getByTestId('two-factor-status').filter({ hasText: '設定済み' }).waitFor(WAIT);

    await admin.getByRole('link', { name: '管理' }).click();
    await admin.locator('input[name=municipalityName]').waitFor(WAIT);
    expect(await admin.locator('input[name=municipalityName]').inputValue()).toBe('みどり市');
    await admin.locator('input[name=requireTwoFactor]').check();
    await admin.getByRole('button', { name: '保存' }).click();
    await admin.getByRole('status').filter({ hasText: '保存しました' }).waitFor(WAIT);
    await clean(admin, 'settings');

    await admin.getByRole('link', { name: '組織' }).click();
    const addOrg = admin.getByTestId('add-org');
    for (const [name, field, coordinator] of [
      ['みどり市社会福祉協議会', 'coordination', true],
      ['みどり地域包括支援センター', 'elderly', false],
    ] as const) {
      await addOrg.locator('input[name=new-name]').fill(name);
      await addOrg.locator('select[name=new-field]').selectOption(field);
      if (coordinator) await addOrg.locator('input[name=new-coordinator]').check();
      await addOrg.getByRole('button', { name: '追加' }).click();
      await admin.getByTestId('org-row').filter({ hasText: name }).waitFor(WAIT);
    }
    await expect.poll(() => admin.getByTestId('org-row').filter({ hasText: '多機関協働事業者' }).count(), WAIT).toBe(1);
    expect(await admin.getByTestId('org-row').filter({ hasText: 'みどり地域包括支援センター' }).textContent()).toContain('高齢');
    await clean(admin, 'organisations');

    await admin.getByRole('link', { name: '利用者' }).click();
    const addUser = admin.getByTestId('add-user');
    await addUser.waitFor(WAIT);
    const credentials: Record<string, string> = {};
    for (const u of [
      { username: 'yamamoto', name: '山本 進', org: 'みどり市社会福祉協議会', role: 'facilitator', credential: 'one_time_password' },
      { username: 'kobayashi', name: '小林 葵', org: 'みどり地域包括支援センター', role: 'member', credential: 'invitation' },
      { username: 'nakamura', name: '中村 陸', org: 'みどり地域包括支援センター', role: 'member', credential: 'one_time_password' },
    ]) {
      await addUser.locator('input[name=displayName]').fill(u.name);
      await addUser.locator('input[name=username]').fill(u.username);
      await addUser.locator('select[name=orgId]').selectOption({ label: u.org });
      await addUser.locator('select[name=role]').selectOption(u.role);
      await addUser.locator(`input[name=credential][value=${u.credential}]`).check();
      await addUser.getByRole('button', { name: '追加' }).click();
      const notice = admin.getByTestId('credential');
      await notice.filter({ hasText: u.name }).waitFor(WAIT);
      credentials[u.username] = (await notice.locator('code').textContent())!.trim();
      if (u.username === 'kobayashi') await screenshot(admin, 'going-live-users-invitation');
      await notice.getByRole('button', { name: '閉じる' }).click();
    }
    await expect.poll(() => admin.getByTestId('user-row').count(), WAIT).toBe(4);
    expect(await admin.getByTestId('user-row').filter({ hasText: '山本 進' }).textContent()).toContain('進行役');
    await clean(admin, 'users');

    await admin.getByRole('link', { name: '会議の種類' }).click();
    await admin.getByTestId('add-kind').waitFor(WAIT);
    await clean(admin, 'meeting-kinds');

    // yamamoto: one-time password → own password → required enrolment (the municipality says so).
    const yamamoto = await newPage();
    await signIn(yamamoto, 'yamamoto', credentials.yamamoto!);
    // Two-factor is required: enrolment comes before any session.
    await yamamoto.getByTestId('login-step-enrol').waitFor(WAIT);
    const secret = (await yamamoto.getByTestId('totp-secret').textContent())!.trim();
    await yamamoto.locator('img.qr').waitFor(WAIT);
    await clean(yamamoto, 'enrolment');
    const authenticator = new TestAuthenticator(secret);
    await yamamoto.locator('input[name=code]').fill(await authenticator.nextCode());
    await yamamoto.getByRole('button', { name: '確認' }).click();
    await yamamoto.getByTestId('recovery-codes').waitFor(WAIT);
    expect(await yamamoto.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await clean(yamamoto, 'recovery-codes');
    await yamamoto.getByRole('button', { name: /保管しました/ }).click();
    // Signed in with a one-time password: a new one first.
    await yamamoto.getByTestId('password-form').waitFor(WAIT);
    await clean(yamamoto, 'must-change-password');
    await yamamoto.locator('input[name=currentPassword]').fill(credentials.yamamoto!);
    await yamamoto.locator('input[name=newPassword]').fill('password123');
    await yamamoto.locator('input[name=newPasswordAgain]').fill('password123');
    await yamamoto.getByRole('button', { name: '保存' }).click();
    await yamamoto.getByRole('alert').filter({ hasText: 'よく使われる' }).waitFor(WAIT);
    await yamamoto.locator('input[name=newPassword]').fill('山本の新しい合言葉です');
    await yamamoto.locator('input[name=newPasswordAgain]').fill('山本の新しい合言葉です');
    await yamamoto.getByRole('button', { name: '保存' }).click();
    await yamamoto.getByTestId('current-user').waitFor(WAIT);
    expect(await yamamoto.getByTestId('current-user').textContent()).toContain('山本 進');
    await yamamoto.getByRole('button', { name: 'ログアウト' }).click();

    // Signing in again: password, then a code from the authenticator.
    await signIn(yamamoto, 'yamamoto', '山本の新しい合言葉です');
    await yamamoto.getByTestId('login-step-totp').waitFor(WAIT);
    await clean(yamamoto, 'totp-step');
    await yamamoto.locator('input[name=code]').fill(authenticator.wrongCode());
    await yamamoto.getByRole('button', { name: '確認' }).click();
    await yamamoto.getByRole('alert').filter({ hasText: '違います' }).waitFor(WAIT);
    await yamamoto.locator('input[name=code]').fill(await authenticator.nextCode());
    await yamamoto.getByRole('button', { name: '確認' }).click();
    await yamamoto.getByTestId('current-user').waitFor(WAIT);
    await yamamoto.getByRole('link', { name: 'アカウント' }).click();
    await yamamoto.getByTestId('two-factor-status').filter({ hasText: '設定済み' }).waitFor(WAIT);
    await clean(yamamoto, 'account');

    // kobayashi: the invitation link, once.
    const kobayashi = await newPage();
    await kobayashi.goto(credentials.kobayashi!);
    await kobayashi.getByText('小林 葵').waitFor(WAIT);
    await clean(kobayashi, 'invitation');
    await kobayashi.locator('input[name=newPassword]').fill('小林のパスワードです');
    await kobayashi.locator('input[name=newPasswordAgain]').fill('小林のパスワードです');
    await kobayashi.getByRole('button', { name: '保存' }).click();
    await kobayashi.getByRole('status').filter({ hasText: '設定しました' }).waitFor(WAIT);
    await kobayashi.goto(credentials.kobayashi!);
    await kobayashi.getByRole('alert').filter({ hasText: '無効か期限切れ' }).waitFor(WAIT);

    // The administrator reviews it all in the audit log, by name and Japanese label.
    await admin.getByRole('link', { name: '監査ログ' }).first().click();
    await admin.locator('[data-action="admin.user_added"]').first().waitFor(WAIT);
    const row = await admin.locator('[data-action="admin.user_added"]').first().textContent();
    expect(row).toContain('利用者の追加');
    expect(row).toContain('福祉 太郎');
    expect(row).not.toContain('admin.user_added');
    await screenshot(admin, 'going-live-audit');
  });

  it('the demo (npm start) says デモ環境 on the login page and on every signed-in screen', async () => {
    const demo = await startTestServer({ clientDir: BUILT_CLIENT_DIR });
    try {
      const page = await (await browser.newContext({ viewport: SMALL, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' })).newPage();
      await page.goto(demo.url);
      await page.getByTestId('demo-banner').waitFor(WAIT);
      expect(await page.getByTestId('demo-banner').textContent()).toContain('デモ環境');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'going-live-demo-login');
      await page.locator('input[name=username]').fill('tanaka');
      await page.locator('input[name=password]').fill('kasane-demo');
      await page.locator('button[type=submit]').click();
      await page.getByTestId('current-user').waitFor(WAIT);
      await page.getByTestId('demo-banner').waitFor(WAIT);
      await screenshot(page, 'going-live-demo-cases');
    } finally {
      await demo.dispose();
    }
  });
});
