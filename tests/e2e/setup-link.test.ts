/**
 * The setup link in Chromium at 1024x768, on a fresh real installation (KASANE_SEED_DEMO=0): the
 * link printed at start opens a Japanese screen, the password policy speaks up, the first
 * administrator is created and signs in; the link is dead afterwards. Screenshots in
 * tests/e2e/artifacts/setup-*.png. Run `npx vite build` first.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_CLIENT_DIR, startTestServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import { WAIT, requireBuiltClient } from '../helpers/board-session.ts';
import { seriousViolations } from '../helpers/page-watch.ts';

const TABLET = { width: 1024, height: 768 };

describe('creating the first administrator by the setup link', () => {
  let server: TestServer, browser: Browser, page: Page, link: string;
  beforeAll(async () => {
    requireBuiltClient();
    server = await startTestServer({ seedDemo: false, clientDir: BUILT_CLIENT_DIR });
    link = `${server.url}${(server.setupLink as { path: string }).path}`;
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: TABLET, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  async function check(name: string) {
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(TABLET.width);
    await screenshot(page, `setup-${name}`);
  }

  it('opens a Japanese form that says until when the link works', async () => {
    await page.goto(link);
    await page.getByRole('heading', { name: '初期設定: 最初の管理者の登録' }).waitFor(WAIT);
    expect(await page.locator('main').innerText()).toMatch(/このリンクの有効期限: 令和\d+年\d+月\d+日.*\(1回限り\)/);
    await page.getByLabel('自治体名').fill('みどり市');
    await page.getByLabel('所属 (空欄なら「福祉政策課」)').fill('みどり市 福祉政策課');
    await page.getByLabel('氏名').fill('福祉 花子');
    await page.getByLabel('ログインID').fill('kanri');
    await page.getByLabel('新しいパスワード (10文字以上、よく使われるものは不可)').fill('password123');
    await page.getByLabel('新しいパスワード (確認)').fill('password123');
    await page.getByRole('button', { name: '管理者を登録' }).click();
    await expect.poll(() => page.getByRole('alert').innerText(), WAIT).toContain('よく使われるパスワード');
    await check('1-form');
  });

  it('creates the administrator, who signs in to an empty installation', async () => {
    await page.getByLabel('新しいパスワード (10文字以上、よく使われるものは不可)').fill('みどり市の初期設定です2026');
    await page.getByLabel('新しいパスワード (確認)').fill('みどり市の初期設定です2026');
    await page.getByRole('button', { name: '管理者を登録' }).click();
    await expect.poll(() => page.getByRole('status').innerText(), WAIT).toContain('管理者「kanri」を登録しました');
    await check('2-done');
    await page.getByRole('button', { name: 'ログイン画面へ' }).click();
    await page.locator('input[name=username]').fill('kanri');
    await page.locator('input[name=password]').fill('みどり市の初期設定です2026');
    await page.locator('button[type=submit]').click();
    await expect.poll(() => page.getByTestId('current-user').innerText(), WAIT).toContain('福祉 花子');
    expect(await page.getByTestId('current-user').innerText()).toContain('みどり市 福祉政策課');
  });

  it('the link is dead afterwards, with a message that says what to do', async () => {
    const other = await (await browser.newContext({ viewport: TABLET, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' })).newPage();
    await other.goto(link);
    await expect.poll(() => other.getByRole('alert').innerText(), WAIT).toContain('この初期設定リンクは無効か期限切れです');
    expect(await other.getByRole('button', { name: '管理者を登録' }).count()).toBe(0);
    page = other;
    await check('3-used');
  });
});
