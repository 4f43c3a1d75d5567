/**
 * The board's labelled facts (項目一覧) follow consent live, in real Chromium against a real
 * server with the built client (run `npx vite build` first). Three agencies sit in the Yamada
 * 重層的支援会議; each sees only what ハルさん's consent shares with it (plus what its own agency
 * entered). The coordinator narrows her consent on the consent screen mid-meeting: what the
 * others may no longer see leaves their screens without a reload. Then new notes travel live,
 * but never to someone the note's label excludes. Last, the 支援会議 of the Sasaki household:
 * nothing shows until the member affirms the statutory duty of confidentiality.
 * The steps share signed-in pages and run in order; a failed step fails the ones after.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { newUserPage, screenshot } from '../helpers/browser.ts';
import { WAIT, boardUrl, openBoard, useBrowserSession } from '../helpers/board-session.ts';
import { leaked, seriousViolations, watchForLeaks } from '../helpers/page-watch.ts';

// The board opens on the section named in the hash: the labelled items list.
const BOARD_ITEMS = '[data-testid=board-items]';

// The seeded facts (server/seed/demo-scenarios.ts).
const HARU_BASIC = 'ハルさん (82) は長男と二人暮らし';
const HARU_LIVING = '日中はほぼ自宅で過ごす';
const HARU_HEALTH_CLINIC = 'アルツハイマー型認知症';
const HARU_HEALTH_HOUKATSU = '要介護認定を申請中';
const HARU_FINANCES = '年金は月8万円';
const HARU_TAX = '住民税は非課税';
const KENJI_LIVING = '20年以上ひきこもり';
const MIWA_BASIC = '母子世帯。元夫からのDVにより別居中。';
const MIWA_DV = '避難先';
const MIWA_FINANCES = '家賃を2か月滞納。';
const MIWA_TAX = '前年度所得';
const YOTA_REPORTER = '通告者: 小学校の担任';
const YOTA_LIVING = '陽太さん (8) は転校後、登校できている。';

const SATO_NOTE = '週2回の配食サービスの利用を提案する。';
const SATO_NOTE_EDITED = '週2回の配食サービスの利用を提案する (本人の了承済み)。';
const SATO_RESTRICTED_NOTE = '長男の言動に不安があると本人が話していた (社協と共有)。';

const items = (page: Page) => page.getByTestId('board-item');
const itemTexts = (page: Page) => items(page).allInnerTexts();

/** Waits until every compartment the manifest lists is open and synced, then returns the rows' texts. */
async function settledTexts(page: Page): Promise<string[]> {
  await page.locator('[data-testid=board-items][data-pending=false]').waitFor(WAIT);
  return itemTexts(page);
}

const containsAll = (texts: string[], wanted: string[]) => wanted.every((w) => texts.some((t) => t.includes(w)));
const containsAny = (texts: string[], unwanted: string[]) => unwanted.some((u) => texts.some((t) => t.includes(u)));

describe('consent withdrawal and confidentiality on the board', () => {
  // Separate contexts: separate cookie jars, three agencies on three computers.
  let server: TestServer, browser: Browser, tanaka: Page, sato: Page, takahashi: Page;
  useBrowserSession(['tanaka', 'sato', 'takahashi'], (s) => ({ server, browser, pages: { tanaka, sato, takahashi } } = s));

  it('each agency sees what ハルさん’s consent shares with it, and its own entries', async () => {
    await Promise.all([tanaka, sato, takahashi].map((page) => openBoard(page, server.url, 'meeting-yamada-1', 'items', BOARD_ITEMS)));
    await expect.poll(() => settledTexts(sato).then((t) => containsAll(t, [HARU_HEALTH_CLINIC, HARU_HEALTH_HOUKATSU])), WAIT).toBe(true);
    await expect.poll(() => settledTexts(takahashi).then((t) => containsAll(t, [HARU_FINANCES])), WAIT).toBe(true);
    await expect.poll(() => settledTexts(tanaka).then((t) => t.length), WAIT).toBe(5);

    const satoTexts = await settledTexts(sato);
    expect(satoTexts).toHaveLength(4);
    expect(containsAll(satoTexts, [HARU_BASIC, HARU_LIVING, HARU_HEALTH_CLINIC, HARU_HEALTH_HOUKATSU])).toBe(true);
    expect(containsAny(satoTexts, [HARU_FINANCES, HARU_TAX, KENJI_LIVING])).toBe(false);

    const takahashiTexts = await settledTexts(takahashi);
    expect(takahashiTexts).toHaveLength(3);
    expect(containsAll(takahashiTexts, [HARU_BASIC, HARU_LIVING, HARU_FINANCES])).toBe(true);
    // Health is outside the consent for 自立相談支援: not on screen, and no document open for it.
    expect(containsAny(takahashiTexts, [HARU_HEALTH_CLINIC, HARU_HEALTH_HOUKATSU, HARU_TAX, KENJI_LIVING])).toBe(false);
    expect(await takahashi.locator('[data-testid=board-item][data-category=health]').count()).toBe(0);

    // Labels shown in Japanese, with the supplying agency.
    const clinicRow = sato.getByTestId('board-item').filter({ hasText: HARU_HEALTH_CLINIC });
    expect(await clinicRow.innerText()).toMatch(/医療・健康※[\s\S]*提供: ひだまりクリニック/);
    // Only one's own notes are editable: sato may edit his agency's note, not the clinic's.
    expect(await clinicRow.getByRole('button', { name: '編集' }).count()).toBe(0);
    expect(await sato.getByTestId('board-item').filter({ hasText: HARU_HEALTH_HOUKATSU }).getByRole('button', { name: '編集' }).count()).toBe(1);

    await screenshot(sato, 'withdrawal-before-sato');
    await screenshot(takahashi, 'withdrawal-before-takahashi');
    expect(await seriousViolations(sato)).toEqual([]);
  });

  it('narrowing ハルさん’s consent (health dropped) removes the clinic’s item from sato’s screen live', async () => {
    await watchForLeaks(takahashi, [HARU_HEALTH_CLINIC, HARU_HEALTH_HOUKATSU]);
    const satoDocs = await items(sato).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-doc')));
    const clinicDoc = satoDocs.find((d) => d?.includes('/health/o/org-clinic'));
    expect(clinicDoc).toBeTruthy();
    // Mark sato's page: a reload would lose the mark, so it proves the change came live.
    await sato.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

    // The coordinator records the narrower consent on the consent screen, in a second tab.
    const consent = await tanaka.context().newPage();
    await consent.goto(`${server.url}/cases/case-yamada/consent`);
    const haru = consent.getByTestId('consent-p-haru');
    await haru.getByRole('button', { name: '同意を記録する' }).click();
    for (const org of ['ひだまりクリニック', '中央地域包括支援センター', 'はなみずき市社会福祉協議会']) {
      const box = haru.getByRole('checkbox', { name: `医療・健康 × ${org}`, exact: true });
      expect(await box.isChecked()).toBe(true);
      await box.uncheck();
    }
    await haru.getByRole('button', { name: '記録する', exact: true }).click();
    await expect.poll(() => haru.locator('.consent-history tbody tr').count(), WAIT).toBe(2);
    await consent.close();

    // Sato: the clinic's health item is gone; what his own agency entered stays (supplier rule).
    await expect.poll(() => itemTexts(sato).then((t) => containsAny(t, [HARU_HEALTH_CLINIC])), WAIT).toBe(false);
    const satoAfter = await settledTexts(sato);
    expect(containsAll(satoAfter, [HARU_BASIC, HARU_LIVING, HARU_HEALTH_HOUKATSU])).toBe(true);
    expect(satoAfter).toHaveLength(3);
    expect(await sato.locator(`[data-doc="${clinicDoc}"]`).count()).toBe(0);
    expect(await sato.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await expect.poll(() => sato.getByTestId('items-status').innerText(), WAIT).toContain('表示できなくなった項目があります');
    // The board says what kind of information went and why, in words a social worker uses, and
    // never a word of it.
    const gone = sato.getByTestId('gone-notice');
    await expect.poll(() => gone.innerText(), WAIT).toContain('同意の範囲が変わったため、医療・健康に関する情報 1件が表示されなくなりました');
    expect(await gone.innerText()).not.toContain(HARU_HEALTH_CLINIC);
    await screenshot(sato, 'withdrawal-gone-notice-sato');

    // The coordinator's board loses both health items (neither is his agency's).
    await expect.poll(() => itemTexts(tanaka).then((t) => containsAny(t, [HARU_HEALTH_CLINIC, HARU_HEALTH_HOUKATSU])), WAIT).toBe(false);
    expect(containsAll(await settledTexts(tanaka), [HARU_BASIC, HARU_LIVING, HARU_FINANCES])).toBe(true);

    // Takahashi never saw health and still sees the rest.
    expect(containsAll(await settledTexts(takahashi), [HARU_BASIC, HARU_LIVING, HARU_FINANCES])).toBe(true);
    expect(await leaked(takahashi)).toEqual([]);

    await screenshot(sato, 'withdrawal-after-sato');
    await screenshot(takahashi, 'withdrawal-after-takahashi');
  });

  it('a note sato adds appears on tanaka’s screen live, and his edit follows', async () => {
    await sato.getByRole('button', { name: /項目を追加/ }).click();
    const form = sato.getByTestId('add-item-form');
    await form.getByLabel('対象者').selectOption('p-haru');
    await form.getByLabel('情報の種類').selectOption('living');
    await form.getByLabel('内容').fill(SATO_NOTE);
    expect(await seriousViolations(sato)).toEqual([]);
    await form.getByRole('button', { name: '追加する' }).click();
    await expect.poll(() => sato.getByTestId('add-item-status').innerText(), WAIT).toContain('項目を追加しました');

    await expect.poll(() => itemTexts(tanaka).then((t) => containsAll(t, [SATO_NOTE])), WAIT).toBe(true);
    await expect.poll(() => itemTexts(takahashi).then((t) => containsAll(t, [SATO_NOTE])), WAIT).toBe(true);
    const row = tanaka.getByTestId('board-item').filter({ hasText: SATO_NOTE });
    expect(await row.innerText()).toMatch(/生活状況[\s\S]*提供: 中央地域包括支援センター[\s\S]*記入: 佐藤 健一/);
    // Tanaka did not write it: no edit affordance for him.
    expect(await row.getByRole('button', { name: '編集' }).count()).toBe(0);

    // Sato edits inline with the keyboard; tanaka sees the new text.
    const satoRow = sato.getByTestId('board-item').filter({ hasText: SATO_NOTE });
    await satoRow.getByRole('button', { name: '編集' }).click();
    // Focus moves into the (only) open editor; the row no longer shows the old text meanwhile.
    const editor = sato.getByRole('textbox', { name: '項目の内容' });
    await expect.poll(() => editor.evaluate((el) => el === document.activeElement), WAIT).toBe(true);
    await editor.fill(SATO_NOTE_EDITED);
    await editor.press('Tab');
    await sato.keyboard.press('Enter');
    await expect.poll(() => itemTexts(tanaka).then((t) => containsAll(t, [SATO_NOTE_EDITED])), WAIT).toBe(true);
  });

  it('a note restricted to 社協 reaches tanaka but never takahashi', async () => {
    await watchForLeaks(takahashi, [SATO_RESTRICTED_NOTE]);
    const form = sato.getByTestId('add-item-form');
    await form.getByLabel('対象者').selectOption('p-haru');
    await form.getByLabel('情報の種類').selectOption('living');
    await form.getByLabel('内容').fill(SATO_RESTRICTED_NOTE);
    await form.getByLabel('共有先の機関を限定する (限定共有)').check();
    await form.getByLabel('はなみずき市社会福祉協議会').check();
    await form.getByRole('button', { name: '追加する' }).click();
    await expect.poll(() => sato.getByTestId('add-item-status').innerText(), WAIT).toContain('項目を追加しました');

    const row = tanaka.getByTestId('board-item').filter({ hasText: SATO_RESTRICTED_NOTE });
    await row.waitFor(WAIT);
    expect(await row.getAttribute('data-doc')).toBe('case/case-yamada/p/p-haru/living/o/org-houkatsu/x/a.org-shakyo');
    expect(await row.innerText()).toContain('限定共有');
    await screenshot(tanaka, 'restricted-note-tanaka');

    // Takahashi's board fetched its manifest on the compartment-created event like everyone's;
    // the restricted compartment is not in it. Ask the same question again to be sure it settled.
    const listed = await takahashi.evaluate(() =>
      fetch('/api/cases/case-yamada/manifest?ctx=meeting:meeting-yamada-1').then((r) => r.json() as Promise<{ compartments: { docName: string }[] }>),
    );
    expect(listed.compartments.map((c) => c.docName)).not.toContain('case/case-yamada/p/p-haru/living/o/org-houkatsu/x/a.org-shakyo');
    expect(await settledTexts(takahashi)).toHaveLength(4); // basic, living, finances, sato's open note
    expect(await leaked(takahashi)).toEqual([]);

    // Sato deletes it again, with the keyboard; it leaves tanaka's screen.
    const satoRow = sato.getByTestId('board-item').filter({ hasText: SATO_RESTRICTED_NOTE });
    await satoRow.getByRole('button', { name: '削除' }).focus();
    await sato.keyboard.press('Enter');
    await expect.poll(() => sato.evaluate(() => document.activeElement?.textContent), WAIT).toBe('削除する');
    await sato.keyboard.press('Enter');
    await row.waitFor({ state: 'detached', ...WAIT });
    expect(await leaked(takahashi)).toEqual([]);
  });

  it('支援会議: suzuki sees nothing until he affirms the duty of confidentiality', async () => {
    const suzuki = await newUserPage(browser, server.url, 'suzuki');
    await suzuki.goto(boardUrl(server.url, 'meeting-sasaki-1', 'items'));
    const banner = suzuki.getByTestId('affirmation-banner');
    await banner.waitFor(WAIT);
    expect(await banner.innerText()).toContain('社会福祉法第106条の6');
    await watchForLeaks(suzuki, [MIWA_DV, MIWA_TAX]);
    expect(await settledTexts(suzuki)).toEqual([]);
    expect(await suzuki.getByTestId('board-items').innerText()).toContain('守秘義務の確認待ち');
    expect(await seriousViolations(suzuki)).toEqual([]);
    await screenshot(suzuki, 'affirmation-before-suzuki');

    await banner.getByRole('button', { name: '守秘義務を確認しました' }).click();
    await banner.waitFor({ state: 'detached', ...WAIT });
    await expect.poll(() => settledTexts(suzuki).then((t) => t.length), WAIT).toBe(4);
    const texts = await settledTexts(suzuki);
    expect(containsAll(texts, [MIWA_BASIC, MIWA_FINANCES, YOTA_REPORTER, YOTA_LIVING])).toBe(true);
    expect(containsAny(texts, [MIWA_DV, MIWA_TAX])).toBe(false);
    // The minutes open too (the meeting document needs the affirmation as well).
    await suzuki.locator('[data-testid=sync-status][data-status=connected]').waitFor(WAIT);
    expect(await leaked(suzuki)).toEqual([]);
    await screenshot(suzuki, 'affirmation-after-suzuki');
    await suzuki.context().close();
  });
  it('withdrawing ハルさん’s consent: the genogram, household list and legal basis on sato’s open board change without a reload', async () => {
    await sato.getByRole('tab', { name: 'エコマップ' }).click();
    const canvas = sato.getByTestId('ecomap-canvas');
    const householdRows = sato.getByTestId('eco-person-row');
    const basis = sato.getByTestId('legal-basis-label');
    await expect.poll(() => householdRows.count(), WAIT).toBe(4);
    await expect.poll(() => canvas.innerText(), WAIT).toContain('山田 ハル');
    expect(await basis.getAttribute('data-basis')).toBe('consent');
    expect(await basis.innerText()).toBe('重層的支援会議 (本人同意あり)');
    await sato.evaluate(() => ((window as unknown as { __noReloadHousehold: boolean }).__noReloadHousehold = true));
    await screenshot(sato, 'household-before-withdrawal-sato');

    const consent = await tanaka.context().newPage();
    await consent.goto(`${server.url}/cases/case-yamada/consent`);
    const haru = consent.getByTestId('consent-p-haru');
    await haru.getByRole('button', { name: '同意を撤回' }).click();
    await consent.getByRole('dialog').getByRole('button', { name: '撤回する' }).click();
    await expect.poll(() => consent.getByTestId('consent-status-p-haru').innerText(), WAIT).toContain('撤回');
    await consent.close();

    // Sato's board, still open: the household (names, ages, relations) and the basis are gone.
    await expect.poll(() => householdRows.count(), WAIT).toBe(0);
    await expect.poll(() => basis.getAttribute('data-basis'), WAIT).toBe('hidden');
    expect(await basis.innerText()).toBe('表示できません (共有の範囲外)');
    const canvasText = await canvas.innerText();
    for (const name of ['山田 ハル', '山田 健二', '山田 由紀', '82']) expect(canvasText).not.toContain(name);
    expect(await sato.locator('.board-header').innerText()).not.toContain('本人同意あり');
    expect(await sato.evaluate(() => (window as unknown as { __noReloadHousehold?: boolean }).__noReloadHousehold)).toBe(true);
    await screenshot(sato, 'household-after-withdrawal-sato');
    expect(await seriousViolations(sato)).toEqual([]);

    // The case page says why the household is not shown, without naming anyone.
    const casePage = await sato.context().newPage();
    await casePage.goto(`${server.url}/cases/case-yamada`);
    await casePage.getByTestId('household-hidden').waitFor(WAIT);
    expect(await casePage.getByTestId('legal-basis-label').getAttribute('data-basis')).toBe('hidden');
    expect(await casePage.getByTestId('household-list').locator('li').count()).toBe(0);
    expect(await casePage.locator('main, body').first().innerText()).not.toContain('山田 ハル');
    expect(await seriousViolations(casePage)).toEqual([]);
    await screenshot(casePage, 'case-page-after-withdrawal-sato');
    await casePage.close();
  });
});
