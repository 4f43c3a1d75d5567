/**
 * 役割分担 and 支援プラン in real Chromium against a real server with the built client (run
 * `npx vite build` first). Three agencies of the Yamada 重層的支援会議: tanaka (facilitator, 社協,
 * the coordinating agency), sato (地域包括支援センター) and takahashi (自立相談支援機関). The plan is
 * created and written by tanaka and read live by the others; roles and plan items carry labels,
 * so what ハルさん's consent does not share with an agency never reaches its screen.
 * The steps share signed-in pages and run in order; a failed step fails the ones after.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { newUserPage, screenshot } from '../helpers/browser.ts';
import { WAIT, openBoard, useBrowserSession } from '../helpers/board-session.ts';
import { leaked, seriousViolations, watchForLeaks } from '../helpers/page-watch.ts';
import { addPlanItem, addRole, showSection } from './plan-helpers.ts';

const GOAL = '自宅で息子と暮らし続けたい';
const POLICY = '本人の在宅生活の継続を支えつつ、長男の社会参加に向けて関係機関が連携して関わる。';
const PLAN_TEXT = '長男の健二さんには、まず障害者相談支援センターが訪問して関係づくりから始める。';
const SATO_ROLE = '見守り訪問 週1回';
const TAKAHASHI_ROLE = '家計相談 (公共料金の滞納整理)';
const SATO_HEALTH_ROLE = '服薬確認の訪問 (週2回)';
const TAKAHASHI_ITEM = '電気・ガス料金の分割納付を事業者と相談する';
const TANAKA_ITEM = '月1回の訪問で生活の様子を確認する';

const editor = (page: Page) => page.locator('[data-testid=editor-planText] [contenteditable=true]');
/** The plan text as any viewer sees it: only the coordinating agency edits it (issue 8 rule 4). */
const planView = (page: Page) => page.locator('[data-testid=editor-planText] .ProseMirror');
const caretLabels = (page: Page) => page.locator('[data-testid=editor-planText] .collaboration-carets__label');
const planState = (page: Page) => page.getByTestId('plan-panel').getAttribute('data-plan-state');
const roleRows = (page: Page) => page.getByTestId('role-row');
const roleTexts = (page: Page) => roleRows(page).allInnerTexts();
const itemTexts = (page: Page) => page.getByTestId('plan-item-row').allInnerTexts();
const has = (texts: string[], wanted: string) => texts.some((t) => t.includes(wanted));

describe('役割分担 and 支援プラン on the board', () => {
  let server: TestServer, browser: Browser, tanaka: Page, sato: Page, takahashi: Page;
  useBrowserSession(['tanaka', 'sato', 'takahashi'], (s) => ({ server, browser, pages: { tanaka, sato, takahashi } } = s));

  it('tanaka creates and writes the plan; sato and takahashi see it live, with his named caret', async () => {
    await Promise.all([tanaka, sato, takahashi].map((page) => openBoard(page, server.url, 'meeting-yamada-1', 'plan')));
    // Before the plan exists, only the coordinating agency's facilitator may start it.
    for (const page of [sato, takahashi]) {
      await expect.poll(() => planState(page), WAIT).toBe('not-started');
      expect(await page.getByTestId('plan-not-started').innerText()).toContain('はなみずき市社会福祉協議会) の進行役が作成');
      expect(await page.getByRole('button', { name: '支援プランを作成' }).count()).toBe(0);
    }
    await expect.poll(() => planState(tanaka), WAIT).toBe('not-started');
    await tanaka.getByRole('button', { name: '支援プランを作成' }).click();
    await expect.poll(() => planState(tanaka), WAIT).toBe('ready');

    expect(await tanaka.getByText('本人が話した言葉のまま記入します').count()).toBe(1);
    await tanaka.getByLabel('本人の目標', { exact: true }).fill(GOAL);
    await tanaka.getByLabel('支援方針', { exact: true }).fill(POLICY);
    await tanaka.getByLabel('プランの段階').selectOption('change');
    await tanaka.getByLabel('プランの段階').selectOption('creation');
    await tanaka.getByLabel('次回モニタリング日').fill('2026-07-15');
    await editor(tanaka).click();
    await tanaka.keyboard.type(PLAN_TEXT, { delay: 5 });

    for (const page of [sato, takahashi]) {
      await expect.poll(() => planState(page), WAIT).toBe('ready');
      await expect.poll(() => page.getByLabel('本人の目標', { exact: true }).inputValue(), WAIT).toBe(GOAL);
      await expect.poll(() => page.getByLabel('支援方針', { exact: true }).inputValue(), WAIT).toBe(POLICY);
      expect(await page.getByLabel('プランの段階').inputValue()).toBe('creation');
      expect(await page.getByTestId('plan-stage-badge').innerText()).toBe('策定');
      await expect.poll(() => page.getByTestId('plan-monitoring-wareki').innerText(), WAIT).toContain('令和8年7月15日');
      await expect.poll(() => planView(page).innerText(), WAIT).toContain(PLAN_TEXT);
      // 社協 entered the plan: the others read it and cannot type into it.
      expect(await editor(page).count()).toBe(0);
      // Tanaka's editor still has focus: his caret shows, named, on both other screens.
      await expect.poll(() => caretLabels(page).allInnerTexts(), WAIT).toContain('田中 美咲');
    }
    expect(await caretLabels(tanaka).allInnerTexts()).not.toContain('田中 美咲');
    expect(await seriousViolations(sato)).toEqual([]);
  });

  it('sato and takahashi add role rows; each sees only what ハルさん’s consent shares with him', async () => {
    await Promise.all([tanaka, sato, takahashi].map((page) => showSection(page, '役割分担')));
    await addRole(sato, SATO_ROLE, 'living', 'planned');
    expect(await seriousViolations(sato)).toEqual([]);
    await addRole(takahashi, TAKAHASHI_ROLE, 'finances', 'active');

    await expect.poll(() => roleTexts(tanaka).then((t) => has(t, SATO_ROLE) && has(t, TAKAHASHI_ROLE)), WAIT).toBe(true);
    await expect.poll(() => roleTexts(takahashi).then((t) => has(t, SATO_ROLE)), WAIT).toBe(true);
    // Finances of ハルさん are shared with 自立相談支援 and 社協 only: not with 包括.
    expect(has(await roleTexts(sato), TAKAHASHI_ROLE)).toBe(false);

    const row = tanaka.getByTestId('role-row').filter({ hasText: SATO_ROLE });
    expect(await row.innerText()).toMatch(/中央地域包括支援センター[\s\S]*佐藤 健一[\s\S]*見守り訪問 週1回[\s\S]*山田 ハル[\s\S]*生活状況[\s\S]*令和8年5月1日[\s\S]*予定/);
    // Only the agency that entered a row changes it (issue 8 rule 4): tanaka reads sato's row.
    expect(await row.getByRole('button', { name: '編集' }).count()).toBe(0);
    expect(await row.getByRole('button', { name: '削除' }).count()).toBe(0);
    expect(await sato.getByTestId('role-row').filter({ hasText: SATO_ROLE }).getByRole('button', { name: '削除' }).count()).toBe(1);
  });

  it('a health role sato adds for ハル reaches tanaka but never takahashi', async () => {
    await watchForLeaks(takahashi, [SATO_HEALTH_ROLE]);
    await addRole(sato, SATO_HEALTH_ROLE, 'health', 'planned');
    const row = tanaka.getByTestId('role-row').filter({ hasText: SATO_HEALTH_ROLE });
    await row.waitFor(WAIT);
    expect(await row.getAttribute('data-doc')).toBe('case/case-yamada/p/p-haru/health/o/org-houkatsu');
    expect(await row.innerText()).toContain('医療・健康※');
    const listed = await takahashi.evaluate(() =>
      fetch('/api/cases/case-yamada/manifest?ctx=meeting:meeting-yamada-1').then((r) => r.json() as Promise<{ compartments: { docName: string }[] }>),
    );
    expect(listed.compartments.map((c) => c.docName)).not.toContain('case/case-yamada/p/p-haru/health/o/org-houkatsu');
    expect(await roleRows(takahashi).count()).toBe(2);
    expect(await leaked(takahashi)).toEqual([]);
  });

  it('tanaka sorts by agency (mouse, then keyboard); sato edits his own row’s status in place', async () => {
    const table = tanaka.getByTestId('roles-table');
    const agencyHeader = table.locator('th', { has: tanaka.getByRole('button', { name: '機関', exact: true }) });
    const agencies = () => table.locator('td.rp-agency').allInnerTexts();
    const collator = new Intl.Collator('ja', { numeric: true });
    await table.getByRole('button', { name: '機関', exact: true }).click();
    expect(await agencyHeader.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await agencies();
    expect(ascending).toEqual([...ascending].sort(collator.compare));
    expect(new Set(ascending)).toEqual(new Set(['中央地域包括支援センター', '自立相談支援機関 まいさぽはなみずき']));
    await table.getByRole('button', { name: '機関', exact: true }).focus();
    await tanaka.keyboard.press('Enter');
    expect(await agencyHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await agencies()).toEqual([...ascending].reverse());
    expect(await table.locator('th[aria-sort=none]').count()).toBe(6);

    // In edit mode the role's text sits in an input (no row text to match): find the row by id.
    const roleId = await sato.getByTestId('role-row').filter({ hasText: SATO_ROLE }).getAttribute('data-role-id');
    const satoRow = sato.locator(`[data-testid=role-row][data-role-id="${roleId}"]`);
    await satoRow.getByRole('button', { name: '編集' }).click();
    const status = satoRow.getByLabel('状況');
    await status.selectOption('active');
    // Escape first proves cancel discards; then the edit again, saved with Enter.
    await status.press('Escape');
    expect(await satoRow.innerText()).toContain('予定');
    await expect.poll(() => sato.evaluate(() => document.activeElement?.textContent), WAIT).toBe('編集');
    await sato.keyboard.press('Enter');
    await satoRow.getByLabel('状況').selectOption('active');
    await satoRow.getByLabel('担当者').press('Enter');
    for (const page of [tanaka, takahashi]) {
      await expect.poll(() => page.getByTestId('role-row').filter({ hasText: SATO_ROLE }).innerText(), WAIT).toContain('実施中');
    }
    expect(await seriousViolations(tanaka)).toEqual([]);
    await screenshot(tanaka, 'roles-tanaka');
    await screenshot(sato, 'roles-sato');
    await screenshot(takahashi, 'roles-takahashi');
  });

  it('plan items: takahashi’s finances item reaches tanaka, not sato; ticking it done travels live', async () => {
    await Promise.all([tanaka, sato, takahashi].map((page) => showSection(page, '支援プラン')));
    await watchForLeaks(sato, [TAKAHASHI_ITEM]);
    await addPlanItem(takahashi, TAKAHASHI_ITEM, 'finances', 'org-konkyu', '2026-06-30');
    await addPlanItem(tanaka, TANAKA_ITEM, 'living', 'org-houkatsu', '2026-06-15');

    await expect.poll(() => itemTexts(tanaka).then((t) => has(t, TAKAHASHI_ITEM)), WAIT).toBe(true);
    await expect.poll(() => itemTexts(sato).then((t) => has(t, TANAKA_ITEM)), WAIT).toBe(true);
    await expect.poll(() => itemTexts(takahashi).then((t) => has(t, TANAKA_ITEM)), WAIT).toBe(true);
    const item = tanaka.getByTestId('plan-item-row').filter({ hasText: TAKAHASHI_ITEM });
    expect(await item.innerText()).toMatch(/自立相談支援機関 まいさぽはなみずき[\s\S]*令和8年6月30日[\s\S]*収入・債務/);

    await takahashi.getByRole('checkbox', { name: `完了: ${TAKAHASHI_ITEM}` }).check();
    await expect.poll(() => item.getAttribute('data-status'), WAIT).toBe('done');
    expect(await item.getByRole('checkbox').isChecked()).toBe(true);
    expect(await itemTexts(sato)).toHaveLength(1);
    expect(await leaked(sato)).toEqual([]);

    // Tanaka back in the plan text: the others' screenshots show his caret.
    await editor(tanaka).click();
    await tanaka.keyboard.press('Control+End');
    for (const page of [sato, takahashi]) await expect.poll(() => caretLabels(page).allInnerTexts(), WAIT).toContain('田中 美咲');
    for (const page of [tanaka, takahashi]) expect(await seriousViolations(page)).toEqual([]);
    await screenshot(tanaka, 'plan-tanaka');
    await screenshot(sato, 'plan-sato');
    await screenshot(takahashi, 'plan-takahashi');
  });

  it('the plan survives a reload (stored on the server)', async () => {
    await sato.reload();
    await expect.poll(() => planState(sato), WAIT).toBe('ready');
    await expect.poll(() => sato.getByLabel('本人の目標', { exact: true }).inputValue(), WAIT).toBe(GOAL);
    await expect.poll(() => planView(sato).innerText(), WAIT).toContain(PLAN_TEXT);
  });

  it('支援会議 before the confidentiality affirmation: the plan is said to be hidden, plainly', async () => {
    const suzuki = await newUserPage(browser, server.url, 'suzuki');
    await openBoard(suzuki, server.url, 'meeting-sasaki-1', 'plan');
    await expect.poll(() => planState(suzuki), WAIT).toBe('hidden');
    const note = await suzuki.getByTestId('plan-hidden').innerText();
    expect(note).toContain('支援プランが表示されません');
    expect(note).toContain('守秘義務の確認前');
    expect(await suzuki.getByTestId('plan-fields').count()).toBe(0);
    // Nothing to label a new item with before the household may be seen: no add button.
    expect(await suzuki.getByRole('button', { name: /支援内容を追加/ }).count()).toBe(0);
    expect(await seriousViolations(suzuki)).toEqual([]);
    await screenshot(suzuki, 'plan-hidden-suzuki');
    await suzuki.context().close();
  });
});
