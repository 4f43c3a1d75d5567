/**
 * 中断 and 終結 with a reason category, as a coordinator records them on the case's screen, and
 * as the indicators then count them; and the settings screen explaining how retention periods
 * run. Chromium at 1024x768 on the demo, screenshots in tests/e2e/artifacts/case-ends-*.png.
 * Run `npx vite build` first.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { newUserPage, screenshot } from '../helpers/browser.ts';
import { WAIT, useBrowserSession } from '../helpers/board-session.ts';
import { seriousViolations } from '../helpers/page-watch.ts';

const TABLET = { width: 1024, height: 768 };

describe('case ends in the indicators; retention explained', () => {
  let server: TestServer, browser: Browser, tanaka: Page;
  useBrowserSession([], (s) => ({ server, browser } = s));

  async function check(page: Page, name: string) {
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(TABLET.width);
    await screenshot(page, `case-ends-${name}`);
  }

  it('the coordinator suspends a case, then ends it, each with a reason category', async () => {
    tanaka = await newUserPage(browser, server.url, 'tanaka', 'kasane-demo', TABLET);
    await tanaka.goto(`${server.url}/cases/case-sasaki/admin`);
    const form = tanaka.getByRole('form', { name: '状態を変更' });
    await form.waitFor(WAIT);
    await form.getByLabel('ケースの状態').selectOption({ label: '中断' });
    await form.getByLabel('日付').fill('2026-11-20');
    // Without a category the browser holds the form back; with one it goes.
    await form.getByLabel('理由の区分').selectOption({ label: '連絡が取れない' });
    await form.getByLabel('理由の詳細 (任意)').fill('訪問・電話とも3か月応答なし');
    await check(tanaka, '1-suspend');
    await form.getByRole('button', { name: '状態を変更' }).click();
    await expect.poll(() => tanaka.getByTestId('case-status').innerText(), WAIT).toBe('中断');
    expect(await tanaka.locator('section.panel', { has: tanaka.getByTestId('case-status') }).innerText()).toMatch(/中断: 連絡が取れない \(訪問・電話とも3か月応答なし\)/);

    // A suspended case offers 再開 and 終結; the categories follow the status chosen.
    await form.getByLabel('ケースの状態').selectOption({ label: '終結' });
    const options = await form.getByLabel('理由の区分').locator('option').allInnerTexts();
    expect(options).toEqual(['選んでください', '目標達成', '他の支援機関へ引継ぎ', '転居', '死亡', '本人の意思による終了', 'その他']);
    await form.getByLabel('理由の区分').selectOption({ label: '他の支援機関へ引継ぎ' });
    await form.getByLabel('日付').fill('2026-12-01');
    await form.getByRole('button', { name: '状態を変更' }).click();
    await expect.poll(() => tanaka.getByTestId('case-status').innerText(), WAIT).toBe('終結');
    await check(tanaka, '2-ended');
  });

  it('the indicators of 令和8年度 count them by reason', async () => {
    await tanaka.goto(`${server.url}/indicators?fy=2026`);
    await expect.poll(() => tanaka.getByTestId('kpi-ended').innerText(), WAIT).toMatch(/1\s*件/);
    expect(await tanaka.getByTestId('kpi-suspended').innerText()).toMatch(/1\s*件/);
    expect(await tanaka.getByTestId('chart-end-reasons').getByRole('img').getAttribute('aria-label')).toContain('他の支援機関へ引継ぎ 1件');
    expect(await tanaka.getByTestId('chart-suspension-reasons').getByRole('img').getAttribute('aria-label')).toContain('連絡が取れない 1件');
    await tanaka.getByTestId('chart-end-reasons').scrollIntoViewIfNeeded();
    await check(tanaka, '3-indicators');
  });

  it('the settings screen says from when retention periods run', async () => {
    const admin = await newUserPage(browser, server.url, 'admin', 'kasane-demo', TABLET);
    await admin.goto(`${server.url}/admin`);
    const help = admin.getByTestId('retention-help');
    await help.waitFor(WAIT);
    expect(await help.innerText()).toMatch(/翌年度4月1日から数えます[\s\S]*「終結」した日が起点[\s\S]*監査ログは各記録の日付が起点/);
    // The help belongs to the two retention fields (read out with them).
    expect(await admin.getByLabel('会議記録の保存年数').getAttribute('aria-describedby')).toBe('retention-help');
    await help.scrollIntoViewIfNeeded();
    await check(admin, '4-settings');
  });
});
