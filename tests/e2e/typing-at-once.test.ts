/**
 * Nothing typed is ever lost (issue 11), for the meeting's own fields and the ecomap, in real
 * Chromium against a real server with the built client (run `npx vite build` first). tanaka (the
 * facilitator) works from two screens at once, his PC and the meeting room's tablet; sato
 * (地域包括) follows on his own.
 * - Both screens edit the same 決定事項 and type into it at the same moment: both words end up on
 *   both screens, in the field and, saved, on everyone's board.
 * - The same for renaming an agenda item and an ecomap resource.
 * The steps share pages and run in order; a failed step fails the ones after.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { newUserPage, screenshot } from '../helpers/browser.ts';
import { WAIT, openBoard, useBrowserSession } from '../helpers/board-session.ts';
import { addResource, nodeRow, toolbar } from './ecomap-helpers.ts';

const MEETING = 'meeting-yamada-1';
const VISIT = '包括が見守り訪問を行う';
const FROM_PC = '毎週火曜に';
const FROM_TABLET = '長女に連絡のうえ';
const AGENDA = '支援方針の検討';
const AGENDA_PC = '（家計を含む）';
const AGENDA_TABLET = '（長男の意向も）';
const RESOURCE = 'フードバンク';
const RESOURCE_PC = '北町';
const RESOURCE_TABLET = 'こども食堂';

const decisionRow = (page: Page, text: string) => page.getByTestId('decision').filter({ hasText: text });
const agendaRow = (page: Page, text: string) => page.getByTestId('agenda-item').filter({ hasText: text });

/** Both screens type into the same field at the same moment, key by key, at the end of it. */
async function typeAtOnce(a: Locator, wordsA: string, b: Locator, wordsB: string): Promise<void> {
  for (const field of [a, b]) {
    await field.click();
    await field.press('End');
  }
  await Promise.all([a.pressSequentially(wordsA, { delay: 40 }), b.pressSequentially(wordsB, { delay: 40 })]);
}

/** Both fields end up saying the same, with both screens' words in it. */
async function bothKeepBoth(fields: Locator[], words: string[]): Promise<string> {
  for (const field of fields) for (const w of words) await expect.poll(() => field.inputValue(), WAIT).toContain(w);
  const value = await fields[0]!.inputValue();
  for (const field of fields) await expect.poll(() => field.inputValue(), WAIT).toBe(value);
  return value;
}

describe('typing into the same field at once, on the meeting and the ecomap', () => {
  let server: TestServer, browser: Browser, tanaka: Page, sato: Page, tablet: Page;
  useBrowserSession(['tanaka', 'sato'], (s) => ({ server, browser, pages: { tanaka, sato } } = s));

  it('two screens edit the same decision and type into it at once: both words reach every screen', async () => {
    tablet = await newUserPage(browser, server.url, 'tanaka', 'kasane-demo', { width: 1024, height: 768 });
    await Promise.all([tanaka, tablet, sato].map((page) => openBoard(page, server.url, MEETING, undefined, '[data-testid=decisions-panel]')));
    const form = tanaka.getByTestId('decision-form');
    await form.getByLabel('決定事項', { exact: true }).fill(VISIT);
    await form.getByRole('button', { name: '記録する' }).click();
    for (const page of [tanaka, tablet, sato]) await decisionRow(page, VISIT).waitFor(WAIT);

    for (const page of [tanaka, tablet]) await decisionRow(page, VISIT).getByRole('button', { name: /^編集/ }).click();
    const field = (page: Page) => page.getByTestId('decision-edit-form').getByLabel('決定事項', { exact: true });
    for (const page of [tanaka, tablet]) await page.locator('[data-testid=decision-edit-form] textarea[data-shared-text]').waitFor(WAIT);
    await typeAtOnce(field(tanaka), FROM_PC, field(tablet), FROM_TABLET);
    const words = await bothKeepBoth([field(tanaka), field(tablet)], [VISIT, FROM_PC, FROM_TABLET]);
    // Each screen's words stay in one piece, not interleaved letter by letter.
    expect(words).toContain(FROM_PC);
    expect(words).toContain(FROM_TABLET);
    await screenshot(tablet, 'typing-at-once-decision-tablet');

    // Saved on one screen, still being edited on the other: nothing of it is lost either way.
    await tanaka.getByTestId('decision-edit-form').getByRole('button', { name: '保存' }).click();
    expect(await field(tablet).inputValue()).toBe(words);
    await tablet.getByTestId('decision-edit-form').getByRole('button', { name: '保存' }).click();
    for (const page of [tanaka, tablet, sato]) {
      await expect.poll(() => page.getByTestId('decision').locator('.decision-text').innerText(), WAIT).toBe(words);
    }
  });

  it('two screens rename the same agenda item at once: both words reach every screen', async () => {
    for (const page of [tanaka, tablet]) {
      await agendaRow(page, AGENDA).waitFor(WAIT);
      await page.getByRole('button', { name: `「${AGENDA}」の文言を編集` }).click();
    }
    const field = (page: Page) => page.getByTestId('agenda-edit').getByLabel('議題の文言');
    for (const page of [tanaka, tablet]) await page.locator('[data-testid=agenda-edit] input[data-shared-text]').waitFor(WAIT);
    await typeAtOnce(field(tanaka), AGENDA_PC, field(tablet), AGENDA_TABLET);
    const words = await bothKeepBoth([field(tanaka), field(tablet)], [AGENDA, AGENDA_PC, AGENDA_TABLET]);
    await screenshot(tanaka, 'typing-at-once-agenda-pc');
    // Enter saves; sato sees the item under its merged name, in the same place of the list.
    for (const page of [tanaka, tablet]) await field(page).press('Enter');
    for (const page of [tanaka, tablet, sato]) {
      await expect.poll(() => agendaRow(page, AGENDA_TABLET).locator('.agenda-text').innerText().catch(() => ''), WAIT).toBe(words);
    }
    expect(await sato.getByTestId('agenda-item').nth(1).innerText()).toContain(words);
  });

  it('two screens rename the same ecomap resource at once: both words reach every screen', async () => {
    for (const page of [tanaka, tablet, sato]) {
      await page.getByRole('tab', { name: 'エコマップ' }).click();
      await page.locator('[data-testid=ecomap][data-pending=false]').waitFor(WAIT);
    }
    await addResource(tanaka, { kind: 'informal', name: RESOURCE, category: 'basic' });
    for (const page of [tanaka, tablet]) {
      await nodeRow(page, RESOURCE).waitFor(WAIT);
      await nodeRow(page, RESOURCE).getByRole('button', { name: '編集' }).click();
    }
    const field = (page: Page) => page.getByTestId('eco-edit-node-form').getByLabel('名称');
    for (const page of [tanaka, tablet]) await page.locator('[data-testid=eco-edit-node-form] input[data-shared-text]').waitFor(WAIT);
    await typeAtOnce(field(tanaka), RESOURCE_PC, field(tablet), RESOURCE_TABLET);
    const words = await bothKeepBoth([field(tanaka), field(tablet)], [RESOURCE, RESOURCE_PC, RESOURCE_TABLET]);
    for (const page of [tanaka, tablet]) await page.getByTestId('eco-edit-node-form').getByRole('button', { name: '保存する' }).click();
    for (const page of [tanaka, tablet, sato]) await nodeRow(page, words).waitFor(WAIT);
    await screenshot(sato, 'typing-at-once-ecomap-sato');

    // Undo on the PC takes back the PC's words only: the tablet's stay.
    await toolbar(tanaka).getByRole('button', { name: '元に戻す' }).click();
    const without = words.replace(RESOURCE_PC, '');
    for (const page of [tanaka, tablet, sato]) await nodeRow(page, without).waitFor(WAIT);
  });
});
