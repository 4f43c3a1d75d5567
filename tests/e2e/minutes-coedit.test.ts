/**
 * Two people co-edit the minutes of a case conference in real Chromium against a real server with
 * the built client: the path every meeting takes. Run `npx vite build` first (npm run test:e2e
 * does). The steps share two signed-in pages and run in order; a failed step fails the ones after.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { screenshot } from '../helpers/browser.ts';
import { WAIT, openBoard, useBrowserSession } from '../helpers/board-session.ts';
import { seriousViolations } from '../helpers/page-watch.ts';

const TANAKA_TEXT = '本人は自宅での生活継続を希望している。';
const SATO_TEXT = '地域包括支援センターが来週訪問し、介護保険の申請を支援する。';

const editor = (page: Page) => page.locator('[data-testid=editor-minutes] [contenteditable=true]');
const caretLabels = (page: Page) => page.locator('.collaboration-carets__label');

/** Puts the caret at the end of the minutes and types a new paragraph, as a person would. */
async function typeParagraph(page: Page, text: string): Promise<void> {
  await editor(page).click();
  await page.keyboard.press('Control+End');
  if ((await editor(page).innerText()).trim() !== '') await page.keyboard.press('Enter');
  // keyboard.type sends non-ASCII characters as text input (like an IME commit), one per keystroke.
  await page.keyboard.type(text, { delay: 10 });
}

describe('minutes co-editing in the browser', () => {
  // Separate contexts: separate cookie jars, so two distinct sessions as on two computers.
  let server: TestServer, tanaka: Page, sato: Page;
  useBrowserSession(['tanaka', 'sato'], (s) => ({ server, pages: { tanaka, sato } } = s));

  it('shows the case list with the next meeting dated in 和暦', async () => {
    expect(await tanaka.getByTestId('current-user').innerText()).toContain('田中 美咲');
    const card = tanaka.locator('.case-list li', { hasText: '山田さん世帯' });
    await card.waitFor();
    const next = card.locator('a[href="/meetings/meeting-yamada-1"]');
    // The seed schedules the meeting a week ahead; ja-JP shows it as 令和N年M月D日(曜).
    expect(await next.innerText()).toMatch(/重層的支援会議.*令和\d+年\d+月\d+日/);
  });

  it('both open the board and see each other online', async () => {
    // The board opens on the section named in the hash.
    await Promise.all([tanaka, sato].map((page) => openBoard(page, server.url, 'meeting-yamada-1', 'minutes')));
    for (const page of [tanaka, sato]) {
      await page.locator('[data-testid=sync-status][data-status=connected]').waitFor(WAIT);
      await editor(page).waitFor(WAIT);
      // Presence comes from awareness over the socket: proof the two clients reach each other.
      for (const id of ['u-tanaka', 'u-sato']) {
        await expect.poll(() => page.getByTestId(`presence-${id}`).getAttribute('data-online'), WAIT).toBe('true');
      }
    }
    // Someone not in the room stays offline: the online flag is not simply "participant".
    expect(await tanaka.getByTestId('presence-u-suzuki').getAttribute('data-online')).toBe('false');
  });

  it('each sees the other’s Japanese text and named caret', async () => {
    await typeParagraph(tanaka, TANAKA_TEXT);
    await expect.poll(() => editor(sato).innerText(), WAIT).toContain(TANAKA_TEXT);
    await typeParagraph(sato, SATO_TEXT);
    for (const page of [tanaka, sato]) {
      await expect.poll(() => editor(page).innerText(), WAIT).toContain(SATO_TEXT);
      expect(await editor(page).innerText()).toContain(TANAKA_TEXT);
    }
    // A remote caret is only announced while its owner's editor has focus. Sato just typed; give
    // tanaka focus again (click at the end) so both carets are live at the same time.
    await editor(tanaka).click();
    await tanaka.keyboard.press('Control+End');
    await expect.poll(() => caretLabels(tanaka).allInnerTexts(), WAIT).toContain('佐藤 健一');
    await expect.poll(() => caretLabels(sato).allInnerTexts(), WAIT).toContain('田中 美咲');
    // Never one's own caret label: that would mean the local user is echoed back as remote.
    expect(await caretLabels(tanaka).allInnerTexts()).not.toContain('田中 美咲');
    expect(await caretLabels(sato).allInnerTexts()).not.toContain('佐藤 健一');

    // For a human to check that CJK renders (no tofu) and the layout holds: see the report.
    await screenshot(tanaka, 'board-tanaka');
    await screenshot(sato, 'board-sato');
  });

  it('has no serious or critical accessibility violations on the board', async () => {
    const bad = await seriousViolations(tanaka);
    expect(bad).toEqual([]);
  });

  it('keeps the minutes across a reload (stored on the server)', async () => {
    await sato.reload();
    await sato.locator('[data-testid=sync-status][data-status=connected]').waitFor(WAIT);
    await expect.poll(() => editor(sato).innerText(), WAIT).toContain(TANAKA_TEXT);
    expect(await editor(sato).innerText()).toContain(SATO_TEXT);
  });

  it('after ログアウト the old page can neither call the API nor open the document', async () => {
    await tanaka.getByRole('button', { name: 'ログアウト' }).click();
    await tanaka.locator('input[name=username]').waitFor(WAIT);
    // Sato saw tanaka leave: the server closed tanaka's socket rather than leaving it open.
    await expect.poll(() => sato.getByTestId('presence-u-tanaka').getAttribute('data-online'), WAIT).toBe('false');

    // Same context, so the same cookie jar the signed-in page used: the session must be dead.
    const status = await tanaka.evaluate(() => fetch('/api/cases').then((r) => r.status));
    expect(status).toBe(401);

    // A fresh socket from that page: the upgrade itself succeeds (same origin), then the server
    // refuses before sending a single byte of the document.
    const outcome = await tanaka.evaluate(
      () =>
        new Promise<{ code: number; messages: number }>((resolve, reject) => {
          const ws = new WebSocket(location.origin.replace('http', 'ws') + '/collab/meeting/meeting-yamada-1');
          let messages = 0;
          ws.onmessage = () => messages++;
          ws.onclose = (e) => resolve({ code: e.code, messages });
          setTimeout(() => reject(new Error('socket was not closed within 10 s')), 10_000);
        }),
    );
    expect(outcome).toEqual({ code: 4401, messages: 0 });
  });
});
