/**
 * Invited guests, the person and family members are no referring agency: their screens offer no
 * つなぐシート menu, and opening its pages by address shows a plain refusal (the server refuses
 * their sheets as well, tests/integration/intake-referrals.test.ts). Chromium at 1024x768 on the
 * demo; the guest is a real one, invited by link and signed in through the invitation page.
 * Run `npx vite build` first.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { newUserPage, screenshot } from '../helpers/browser.ts';
import { WAIT, useBrowserSession } from '../helpers/board-session.ts';
import { seriousViolations } from '../helpers/page-watch.ts';
import { api, login } from '../helpers/http.ts';

const TABLET = { width: 1024, height: 768 };
const nav = (page: Page) => page.getByRole('navigation', { name: 'main' });

describe('no つなぐシート for invitees', () => {
  let server: TestServer, browser: Browser;
  useBrowserSession([], (s) => ({ server, browser } = s));

  async function expectRefusedEverywhere(page: Page, who: string) {
    await page.goto(`${server.url}/`);
    await page.getByTestId('current-user').waitFor(WAIT);
    await nav(page).getByRole('link').first().waitFor(WAIT);
    expect(await nav(page).getByRole('link', { name: 'つなぐシート' }).count()).toBe(0);
    expect(await nav(page).getByRole('link', { name: /受付/ }).count()).toBe(0);
    for (const path of ['/intake', '/intake/new', '/intake/inbox']) {
      await page.goto(`${server.url}${path}`);
      const refusal = page.getByTestId('referral-refused');
      await refusal.waitFor(WAIT);
      expect(await refusal.innerText()).toContain('会議に招待された方 (ゲスト・ご本人・ご家族) のアカウントでは作成も閲覧もできません');
      // The form itself is not there.
      expect(await page.getByRole('button', { name: 'つなぐシートを送る' }).count()).toBe(0);
    }
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(TABLET.width);
    await screenshot(page, `invitee-no-intake-${who}`);
  }

  it('an agency member still has the menu and the form (the same screens, another account)', async () => {
    const sato = await newUserPage(browser, server.url, 'sato', 'kasane-demo', TABLET);
    await nav(sato).getByRole('link', { name: 'つなぐシート' }).click();
    await sato.getByRole('link', { name: '新しいつなぐシートを作成' }).click();
    await sato.getByRole('button', { name: 'つなぐシートを送る' }).waitFor(WAIT);
    expect(await sato.getByTestId('referral-refused').count()).toBe(0);
  });

  it('a guest invited to one meeting by link', async () => {
    const tanaka = await login(server.url, 'tanaka');
    const meeting = await (
      await api(server.url, tanaka, 'POST', '/api/cases/case-yamada/meetings', { kindId: 'shien', moment: null, title: '支援会議 (医師同席)', scheduledAt: new Date(Date.now() + 86400_000).toISOString(), participants: [] })
    ).json();
    const invited = await api(server.url, tanaka, 'POST', `/api/meetings/${meeting.id}/invitations`, { role: 'guest', displayName: '北 医師', affiliation: 'みなみ病院', mode: 'password', expiresInHours: 24 });
    expect(invited.status).toBe(201);
    const { link } = await invited.json();
    const context = await browser.newContext({ viewport: TABLET, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const guest = await context.newPage();
    await guest.goto(`${server.url}${link}`);
    await guest.getByLabel('パスワードを設定 (10文字以上)').fill('a long enough password');
    await guest.getByRole('button', { name: '参加する' }).click();
    await guest.getByRole('status').waitFor(WAIT);
    await expectRefusedEverywhere(guest, 'guest');
  });

  it('the person and a family member (their accounts in the 本人・家族 organisation)', async () => {
    for (const username of ['miwa', 'yuki']) {
      await expectRefusedEverywhere(await newUserPage(browser, server.url, username, 'kasane-demo', TABLET), username);
    }
  });
});
