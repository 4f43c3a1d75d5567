/**
 * Nothing typed is ever lost (issue 11), in real Chromium against a real server with the built
 * client (run `npx vite build` first). tanaka (社協, the coordinating agency) writes ハルさん's
 * plan from two screens at once (his PC and the meeting room's tablet); sato (地域包括) reads it.
 * - Both screens type into 本人の目標 at the same moment: both words end up on every screen.
 * - A reload right after typing keeps the words.
 * - 20 s offline with edits: the header says オフライン and how many edits wait; back online,
 *   they reach sato.
 * - Typed offline, tab closed, opened again online: the browser's local copy sends the words.
 * - The session ends while offline (4401): the sign-in page says why; signed in again, the words
 *   typed meanwhile are sent. Logout leaves no copy in the browser.
 * The steps share pages and run in order; a failed step fails the ones after.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { newUserPage, screenshot } from '../helpers/browser.ts';
import { WAIT, openBoard, useBrowserSession } from '../helpers/board-session.ts';
import { api, login } from '../helpers/http.ts';

const MEETING = 'meeting-yamada-1';
const FROM_PC = '一人で買い物に行けるようになりたい';
const FROM_TABLET = '友人とお茶を飲む時間を続けたい';
const RELOADED = '包括と社協が交互に訪問する';
const OFFLINE_WORDS = '（停電中に追記: 月2回の受診に同行）';
const CLOSED_TAB_WORDS = '（電波の届かない訪問先で追記）';
const SIGNED_OUT_WORDS = '（ログインが切れる前に入力）';

const goal = (page: Page) => page.getByLabel('本人の目標', { exact: true });
const policy = (page: Page) => page.getByLabel('支援方針', { exact: true });
const indicator = (page: Page) => page.getByTestId('sync-status');
const status = (page: Page) => indicator(page).getAttribute('data-status');
const pendingCount = async (page: Page) => Number(await indicator(page).getAttribute('data-pending'));

async function openPlan(page: Page, baseUrl: string): Promise<void> {
  await openBoard(page, baseUrl, MEETING, 'plan', '[data-testid=plan-panel]');
}

/** The plan is open and this screen may type into it (the field is bound to the shared text). */
async function writable(page: Page): Promise<void> {
  await page.locator('textarea[name=goal][data-shared-text]').waitFor(WAIT);
  await page.locator('[data-testid=sync-status][data-status=connected]').waitFor(WAIT);
}

describe('nothing typed is ever lost', () => {
  let server: TestServer, browser: Browser, tanaka: Page, sato: Page, tablet: Page;
  useBrowserSession(['tanaka', 'sato'], (s) => ({ server, browser, pages: { tanaka, sato } } = s));

  it('two screens type into 本人の目標 at once: both words reach every screen', async () => {
    await openPlan(tanaka, server.url);
    await tanaka.getByRole('button', { name: '支援プランを作成' }).click();
    await writable(tanaka);
    tablet = await newUserPage(browser, server.url, 'tanaka', 'kasane-demo', { width: 1024, height: 768 });
    await openPlan(tablet, server.url);
    await writable(tablet);
    await openPlan(sato, server.url);
    await sato.locator('[data-plan-state=ready]').waitFor(WAIT);

    await goal(tanaka).click();
    await goal(tablet).click();
    // Both type at the same time, key by key, into the same (empty) field.
    await Promise.all([goal(tanaka).pressSequentially(FROM_PC, { delay: 40 }), goal(tablet).pressSequentially(FROM_TABLET, { delay: 40 })]);

    for (const page of [tanaka, tablet, sato]) {
      await expect.poll(() => goal(page).inputValue(), WAIT).toContain(FROM_PC);
      await expect.poll(() => goal(page).inputValue(), WAIT).toContain(FROM_TABLET);
    }
    const words = await goal(tanaka).inputValue();
    expect(await goal(tablet).inputValue()).toBe(words);
    await expect.poll(() => goal(sato).inputValue(), WAIT).toBe(words);
    await screenshot(tablet, 'offline-concurrent-goal-tablet');
  });

  it('a reload right after typing keeps the words', async () => {
    await policy(tanaka).click();
    await policy(tanaka).pressSequentially(RELOADED);
    await tanaka.reload();
    await tanaka.locator('textarea[name=policy][data-shared-text]').waitFor(WAIT);
    await expect.poll(() => policy(tanaka).inputValue(), WAIT).toBe(RELOADED);
    await expect.poll(() => policy(sato).inputValue(), WAIT).toBe(RELOADED);
  });

  it('offline for 20 s with edits: オフライン and the unsent count, then the edits reach sato', async () => {
    await writable(tanaka);
    await tanaka.context().setOffline(true);
    await tanaka.locator('[data-testid=sync-status][data-status=offline]').waitFor(WAIT);
    await goal(tanaka).click();
    await tanaka.keyboard.press('End');
    await goal(tanaka).pressSequentially(OFFLINE_WORDS);
    await expect.poll(() => pendingCount(tanaka), WAIT).toBeGreaterThan(0);
    expect(await indicator(tanaka).innerText()).toMatch(/オフライン\s*·\s*未送信の変更 \d+件/);
    await screenshot(tanaka, 'offline-indicator');

    // The outage lasts 20 s (what a lift or a basement visit takes); the screen keeps saying so.
    await tanaka.waitForTimeout(20_000);
    expect(await status(tanaka)).toBe('offline');
    expect(await pendingCount(tanaka)).toBeGreaterThan(0);

    await tanaka.context().setOffline(false);
    await expect.poll(() => goal(sato).inputValue(), { ...WAIT, timeout: 30_000 }).toContain(OFFLINE_WORDS);
    await tanaka.locator('[data-testid=sync-status][data-status=connected][data-pending="0"]').waitFor(WAIT);
    // The words typed before the outage are all still there, once.
    const after = await goal(sato).inputValue();
    expect(after.split(FROM_PC).length - 1).toBe(1);
    expect(after.split(FROM_TABLET).length - 1).toBe(1);
    await screenshot(tanaka, 'offline-back-online');
  });

  it('typed offline, tab closed, opened again: the local copy sends the words', async () => {
    const context = tablet.context();
    await writable(tablet);
    await context.setOffline(true);
    await tablet.locator('[data-testid=sync-status][data-status=offline]').waitFor(WAIT);
    await policy(tablet).click();
    await tablet.keyboard.press('End');
    await policy(tablet).pressSequentially(CLOSED_TAB_WORDS);
    await expect.poll(() => pendingCount(tablet), WAIT).toBeGreaterThan(0);
    await tablet.close();

    await context.setOffline(false);
    const again = await context.newPage();
    await openPlan(again, server.url);
    await expect.poll(() => policy(sato).inputValue(), { ...WAIT, timeout: 30_000 }).toContain(CLOSED_TAB_WORDS);
    await expect.poll(() => policy(again).inputValue(), WAIT).toContain(CLOSED_TAB_WORDS);
    expect(await policy(sato).inputValue()).toContain(RELOADED);
  });

  it('the session ends while offline (4401): sign in again, and what was typed is sent', async () => {
    const page = await tanaka.context().newPage();
    await openPlan(page, server.url);
    await writable(page);
    await page.context().setOffline(true);
    await page.locator('[data-testid=sync-status][data-status=offline]').waitFor(WAIT);
    await goal(page).click();
    await page.keyboard.press('End');
    await goal(page).pressSequentially(SIGNED_OUT_WORDS);
    await expect.poll(() => pendingCount(page), WAIT).toBeGreaterThan(0);
    // The session ends on the server meanwhile (as when it expires, or is signed out elsewhere).
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const out = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie, origin: server.url } });
    expect(out.status).toBeLessThan(300);
    await page.context().setOffline(false);
    // The socket is closed with 4401: the sign-in page, saying why, and no reconnect loop.
    await page.getByTestId('session-ended').waitFor(WAIT);
    expect(await page.getByTestId('session-ended').innerText()).toContain('もう一度ログインしてください');
    await page.locator('input[name=username]').fill('tanaka');
    await page.locator('input[name=password]').fill('kasane-demo');
    await page.locator('button[type=submit]').click();
    await page.locator('[data-testid=plan-panel]').waitFor(WAIT);
    await expect.poll(() => goal(sato).inputValue(), { ...WAIT, timeout: 30_000 }).toContain(SIGNED_OUT_WORDS);
    await page.locator('[data-testid=sync-status][data-status=connected][data-pending="0"]').waitFor(WAIT);
    await page.close();
  });

  it('logout leaves no copy of the case in the browser', async () => {
    const page = await tanaka.context().newPage();
    await openPlan(page, server.url);
    await writable(page);
    const copies = () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('kasane:')));
    // The plan compartment and the meeting document are kept for unsent edits while signed in.
    expect((await copies()).some((n) => n.includes('/basic/o/org-shakyo'))).toBe(true);
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.locator('input[name=username]').waitFor(WAIT);
    expect(await copies()).toEqual([]);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kasane-unsent:')))).toEqual([]);
  });

  it('removed from the meeting (4410): the board says so, and sato’s local copies go with it', async () => {
    await sato.getByTestId('tab-items').click();
    await sato.locator('[data-testid=board-item]').first().waitFor(WAIT);
    const copies = () => sato.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('kasane:u-sato:')));
    // What his agency entered is his to write: kept locally while he may hold it.
    await expect.poll(async () => (await copies()).length, WAIT).toBeGreaterThan(0);
    const tanakaCookie = await login(server.url, 'tanaka');
    const removed = await api(server.url, tanakaCookie, 'DELETE', `/api/meetings/${MEETING}/participants/u-sato`);
    expect(removed.status).toBeLessThan(300);
    // Said plainly, without a word of what was shown.
    const gone = sato.getByTestId('gone-meeting');
    await expect.poll(() => gone.innerText(), WAIT).toContain('この会議に参加できなくなったため、この会議の情報は表示されなくなりました');
    expect(await sato.getByTestId('board-item').count()).toBe(0);
    await expect.poll(() => copies(), WAIT).toEqual([]);
    await screenshot(sato, 'offline-removed-sato');
  });
});
