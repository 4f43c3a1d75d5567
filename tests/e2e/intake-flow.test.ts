/**
 * Issue 10 end to end in Chromium at 1024x768 (demo instance): an agency user sends a つなぐシート
 * (consent not given), the coordinator accepts it into a new case with three persons, a 支援会議
 * is scheduled, a guest is invited by link, joins and sees only what the rules allow; then
 * consent is recorded and 支援決定 moves the case to the 重層的支援会議. Every screen is checked
 * with axe and photographed (tests/e2e/artifacts/intake-*.png).
 * Run `npx vite build` first (or point KASANE_E2E_CLIENT_DIR at a build).
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { newUserPage, screenshot } from '../helpers/browser.ts';
import { WAIT, useBrowserSession } from '../helpers/board-session.ts';
import { seriousViolations } from '../helpers/page-watch.ts';

const TABLET = { width: 1024, height: 768 };
const ADDRESS = '花水木市本町4丁目5番6号';
const REASON = '長男のひきこもりが長期化し、母の介護負担が限界に近い';

describe('intake to 重層的支援会議', () => {
  let server: TestServer, browser: Browser, sato: Page, tanaka: Page;
  let caseId = '';
  let meetingId = '';
  let inviteLink = '';
  useBrowserSession([], (s) => ({ server, browser } = s));

  async function check(page: Page, name: string) {
    expect(await seriousViolations(page)).toEqual([]);
    // Usable at 1024x768: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(TABLET.width);
    await screenshot(page, `intake-${name}`);
  }

  it('an agency user sends a つなぐシート without consent', async () => {
    sato = await newUserPage(browser, server.url, 'sato', 'kasane-demo', TABLET);
    await sato.getByRole('link', { name: 'つなぐシート' }).click();
    await sato.getByRole('link', { name: '新しいつなぐシートを作成' }).click();
    await sato.getByRole('heading', { name: 'つなぐシートの作成' }).waitFor(WAIT);
    const form = sato.locator('form.intake-form');
    await form.getByLabel('氏名', { exact: true }).fill('髙橋 和子');
    await form.getByLabel('ふりがな', { exact: true }).fill('たかはし かずこ');
    await form.getByLabel('生年月日', { exact: true }).fill('1950-04-02');
    await form.getByLabel('住所', { exact: true }).fill(ADDRESS);
    await form.getByLabel('介護').check();
    await form.getByLabel('DV・虐待').check();
    await form.getByLabel('DV・虐待: 詳しく').fill('長男からの暴言があると近所から相談');
    for (const [name, relation, label, birth] of [
      ['髙橋 浩', 'child', '長男', '1975-06-01'],
      ['髙橋 正', 'spouse_separated', '夫', '1946-01-15'],
    ] as const) {
      await sato.getByRole('button', { name: '世帯員を追加' }).click();
      const row = sato.locator('.household-row').last();
      await row.getByLabel(/氏名$/).fill(name);
      await row.getByLabel(/続柄$/).selectOption(relation);
      await row.getByLabel(/続柄 \(シートの表記\)$/).fill(label);
      await row.getByLabel(/生年月日$/).fill(birth);
    }
    await form.getByLabel('つなぐ理由').fill(REASON);
    await check(sato, '1-sheet');
    await sato.getByRole('button', { name: 'つなぐシートを送る' }).click();
    await sato.getByRole('heading', { name: '送ったつなぐシート' }).waitFor(WAIT);
    expect(await sato.locator('table').innerText()).toContain('受付待ち');
    await check(sato, '2-sent');
  });

  it('the coordinator sees the basic information only and accepts it as a new case with three persons', async () => {
    tanaka = await newUserPage(browser, server.url, 'tanaka', 'kasane-demo', TABLET);
    await tanaka.getByRole('link', { name: '受付箱' }).click();
    await tanaka.getByRole('link', { name: '髙橋 和子' }).click();
    await tanaka.getByRole('heading', { name: 'つなぐシートの受付' }).waitFor(WAIT);
    const text = await tanaka.locator('main').innerText();
    expect(text).toContain('髙橋 正');
    expect(text).toContain('既存のケースに同じ世帯は見つかりませんでした');
    // Coordinator rights give no visibility: the sheet's contents are not in the inbox.
    expect(text).not.toContain(REASON);
    expect(text).not.toContain('本町');
    await check(tanaka, '3-review');
    await tanaka.getByLabel('ケース名').fill('髙橋さん世帯');
    await tanaka.getByRole('button', { name: '受け付ける' }).click();
    await tanaka.getByRole('heading', { level: 1, name: '髙橋さん世帯' }).waitFor(WAIT);
    caseId = decodeURIComponent(new URL(tanaka.url()).pathname.split('/')[2]!);
    expect(await tanaka.locator('ul.persons li').count()).toBe(3);
    expect(await tanaka.locator('main').innerText()).toContain('支援会議 (本人同意なし)');
    await check(tanaka, '4-case');
    await sato.reload();
    await expect.poll(() => sato.locator('table').innerText(), WAIT).toContain('受付済み');
  });

  it('the coordinator edits the household over time', async () => {
    await tanaka.getByRole('link', { name: 'ケースの管理' }).click();
    await tanaka.getByRole('heading', { level: 1, name: /ケースの管理/ }).waitFor(WAIT);
    const partnership = tanaka.getByRole('combobox', { name: '髙橋 和子 ― 髙橋 正' });
    expect(await partnership.inputValue()).toBe('separated');
    await check(tanaka, '5-case-admin');
  });

  it('a 支援会議 is scheduled and a guest invited by link', async () => {
    const scheduled = await tanaka.request.post(`${server.url}/api/cases/${caseId}/meetings`, {
      headers: { origin: server.url },
      data: { kindId: 'shien', moment: null, title: '第1回 支援会議', scheduledAt: new Date(Date.now() + 3600_000).toISOString(), participants: [] },
    });
    expect(scheduled.status()).toBe(201);
    meetingId = (await scheduled.json()).id;
    await tanaka.goto(`${server.url}/cases/${caseId}`);
    await tanaka.getByRole('link', { name: '招待' }).click();
    await tanaka.getByRole('heading', { name: 'ゲスト・本人・家族の招待' }).waitFor(WAIT);
    await tanaka.getByLabel('氏名', { exact: true }).fill('山口 先生');
    await tanaka.getByLabel('所属').fill('花水木中学校');
    await tanaka.getByRole('button', { name: '招待リンクを作成' }).click();
    inviteLink = await tanaka.getByTestId('invitation-link').innerText();
    expect(inviteLink).toContain('/join/');
    expect(await tanaka.locator('table').innerText()).toContain('未使用');
    await check(tanaka, '6-invitations');
  });

  it('the guest joins by the link once and sees only what the rules allow', async () => {
    const opened = await tanaka.request.post(`${server.url}/api/meetings/${meetingId}/state`, { headers: { origin: server.url }, data: { state: 'open' } });
    expect(opened.status()).toBe(200);
    const context = await browser.newContext({ viewport: TABLET, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const guest = await context.newPage();
    await guest.goto(inviteLink);
    await guest.getByRole('heading', { name: '会議へのご招待' }).waitFor(WAIT);
    expect(await guest.locator('main').innerText()).toContain('第1回 支援会議');
    await check(guest, '7-invitation-landing');
    await guest.getByLabel('パスワードを設定 (10文字以上)').fill('a long enough password');
    await guest.getByRole('button', { name: '参加する' }).click();
    await guest.getByRole('status').waitFor(WAIT);
    await guest.getByRole('link', { name: '会議を開く' }).click();
    await guest.getByRole('button', { name: '守秘義務を確認しました' }).click();
    await guest.getByRole('tab', { name: '項目一覧' }).click();
    // An affirmed member of a running 支援会議 sees the sheet's items, but not the whereabouts
    // restricted to the referring and coordinating agencies (DV・虐待 was ticked).
    await expect.poll(() => guest.locator('main').innerText(), WAIT).toContain(REASON);
    expect(await guest.locator('main').innerText()).not.toContain('本町');
    await check(guest, '8-guest-board');
    // The other household of the municipality does not exist for the guest.
    await guest.goto(`${server.url}/`);
    await guest.getByRole('heading', { name: 'ケース一覧' }).waitFor(WAIT);
    expect(await guest.locator('main').innerText()).not.toContain('山田');
    // The link worked once.
    const again = await context.newPage();
    await again.goto(inviteLink);
    await again.getByRole('alert').waitFor(WAIT);
    expect(await again.locator('main').innerText()).toContain('この招待リンクは無効です');
    await context.close();
  });

  it('consent is recorded and 支援決定 moves the case to the 重層的支援会議', async () => {
    const household = await (await tanaka.request.get(`${server.url}/api/cases/${caseId}/household`)).json();
    const subjectId = household.persons.find((p: { isSubject: boolean }) => p.isSubject).id;
    const consent = await tanaka.request.post(`${server.url}/api/cases/${caseId}/persons/${subjectId}/consents`, {
      headers: { origin: server.url },
      data: { status: 'granted', method: 'written', validFrom: '2026-12-01', validUntil: null, scope: [{ category: 'basic', orgId: '*' }, { category: 'living', orgId: '*' }] },
    });
    expect(consent.status()).toBe(201);
    await tanaka.goto(`${server.url}/cases/${caseId}/admin`);
    const decision = tanaka.getByRole('form', { name: '支援決定' });
    await decision.getByLabel('決裁者').fill('福祉政策課長');
    await decision.getByRole('button', { name: '支援決定を記録' }).click();
    await expect.poll(() => tanaka.getByTestId('legal-basis').innerText(), WAIT).toBe('重層的支援会議 (本人同意あり)');
    await check(tanaka, '9-support-decision');
  });
});
