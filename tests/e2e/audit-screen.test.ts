/**
 * The audit review on screen (issue 10/11), after a realistic day in the demo
 * (tests/helpers/audit-day.ts): the administrator, who coordinates no case, reads every entry by
 * name (cases, persons, meetings with kind and 和暦, the guest's invitation, refused requests in
 * words, 「（削除済み）」 for what no longer exists) and finds a case for the filter by its title.
 * Axe-clean and usable at 1024×768; photographed as tests/e2e/artifacts/audit-screen-*.png.
 * Run `npx vite build` first.
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { WAIT, useBrowserSession } from '../helpers/board-session.ts';
import { CASE_TITLE, MEETING_TITLE, auditDay, auditLeaks } from '../helpers/audit-day.ts';
import { internalCodes, screenChecker } from './going-live/screens.ts';
import { nav, newComputer, submitPassword } from './going-live/people.ts';

const check = screenChecker('audit-screen');

describe('the audit review screen', { timeout: 120_000 }, () => {
  let server: TestServer, browser: Browser;
  useBrowserSession([], (s) => ({ server, browser } = s), { prepare: async (s) => void (await auditDay(s)) });

  it('names whose information was touched, and finds a case by its title', async () => {
    const page = await newComputer(browser);
    await submitPassword(page, server.url, 'admin', 'kasane-demo');
    await page.getByTestId('current-user').waitFor(WAIT);
    await nav(page, '監査ログ');
    await page.locator('[data-action="request.denied"]').first().waitFor(WAIT);
    await check(page, 'all');

    const table = await page.locator('table.audit-table').innerText();
    expect(auditLeaks(table)).toEqual([]);
    expect(await internalCodes(page)).toEqual([]);
    for (const name of [CASE_TITLE, `${MEETING_TITLE}（重層的支援会議・令和`, '招待（木村 医師）', '山田 健二（長男）', '山田 ハル（本人） / 基本情報', '会議の参加者一覧の閲覧', '利用者の管理の閲覧', '（削除済み）', '小川 直樹']) {
      expect(table, name).toContain(name);
    }

    // The case filter offers titles only; typing narrows them.
    const caseSelect = page.locator('select[name=caseId]');
    const options = await caseSelect.locator('option').allInnerTexts();
    expect(options).toContain(CASE_TITLE);
    expect(auditLeaks(options.join('\n'))).toEqual([]);
    await page.getByLabel('ケース名で探す').fill('存在しない名前');
    expect(await caseSelect.locator('option').allInnerTexts()).toEqual(['すべて']);
    await page.getByLabel('ケース名で探す').fill('山田');
    await caseSelect.selectOption({ label: CASE_TITLE });
    await page.getByRole('button', { name: '検索' }).click();
    await expect
      .poll(async () => {
        const cells = await page.locator('table.audit-table tbody tr td:nth-child(4)').allInnerTexts();
        return cells.length > 0 && cells.every((c) => c === CASE_TITLE);
      }, WAIT)
      .toBe(true);
    await check(page, 'case-filter');
  });
});
