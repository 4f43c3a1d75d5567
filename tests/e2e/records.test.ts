/**
 * Meeting records in real Chromium against a real server with the built client (issue 5). Run
 * `npx vite build` first. beforeAll holds two meetings of the 山田さん case through the real API
 * and real Yjs clients (minutes, decisions, plan, roles), closing both; then a member reviews
 * them: timeline, record, compare, search; the exports; the indicators. Steps run in order.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { ARTIFACTS_DIR, screenshot } from '../helpers/browser.ts';
import { WAIT, useBrowserSession } from '../helpers/board-session.ts';
import { seriousViolations } from '../helpers/page-watch.ts';
import { DECISION_TEXT, FIRST, MINUTES_LINE, PLAN_V1 } from '../records/scenario.ts';
import { holdHistory } from './records-history.ts';

describe('meeting records in the browser', () => {
  let server: TestServer, sato: Page, tanaka: Page;
  let second: string;
  useBrowserSession(['sato', 'tanaka'], (s) => ({ server, pages: { sato, tanaka } } = s), { prepare: async (s) => void (second = await holdHistory(s)) });

  it('shows a member the case timeline: kind, moment, plan stage, decisions, attendees', async () => {
    await sato.goto(`${server.url}/cases/case-yamada`);
    await sato.getByRole('link', { name: '記録・会議の経過' }).click();
    await sato.getByRole('heading', { level: 1, name: /記録・会議の経過/ }).waitFor(WAIT);
    const first = sato.locator(`[data-meeting-id="${FIRST}"]`);
    expect(await first.innerText()).toMatch(/令和8年10月15日[\s\S]*重層的支援会議 · プラン策定時[\s\S]*プランの段階\s*策定[\s\S]*決定事項\s*2件[\s\S]*佐藤 健一 \(中央地域包括支援センター\)/);
    expect(await sato.locator(`[data-meeting-id="${second}"]`).innerText()).toMatch(/プラン変更時[\s\S]*変更[\s\S]*1件/);
    // Not the facilitator: no scheduling offered.
    expect(await sato.getByRole('link', { name: '会議を設定する' }).count()).toBe(0);
    expect(await seriousViolations(sato)).toEqual([]);
    await screenshot(sato, 'records-timeline');
  });

  it('opens the first past meeting: minutes and decisions as it closed', async () => {
    await sato.locator(`[data-meeting-id="${FIRST}"]`).getByRole('link', { name: '会議録を見る' }).click();
    await sato.getByTestId('record-minutes').waitFor(WAIT);
    expect(new URL(sato.url()).pathname).toBe(`/meetings/${FIRST}/record`);
    expect(await sato.getByTestId('record-minutes').innerText()).toContain(MINUTES_LINE);
    expect(await sato.getByTestId('record-minutes').getByRole('listitem').count()).toBe(2);
    expect(await sato.getByTestId('record-decisions').innerText()).toMatch(new RegExp(`${DECISION_TEXT}\\s+中央地域包括支援センター\\s+令和8年11月30日`));
    // Plan and roles as they stood at the close (the board's own panels, read-only).
    const page = sato.getByTestId('record');
    await expect.poll(() => page.getByLabel('本人の目標').inputValue(), WAIT).toBe(PLAN_V1.goal); // not the later meeting's
    expect(await page.getByTestId('roles-panel').innerText()).toContain('介護保険の申請支援');
    expect(await page.getByTestId('ecomap').innerText()).toMatch(/中央地域包括支援センター[\s\S]*民生委員/);
    expect(await page.getByRole('button', { name: /追加/ }).count()).toBe(1); // only 注記を追加
    expect(await sato.locator('.record-header').innerText()).toMatch(/重層的支援会議 · プラン策定時 · 令和8年10月15日/);
    // An annotation is appended; the record itself stays as it closed.
    await sato.getByLabel(/注記を追加/).fill('決定事項の期限は12月末に延長 (11/25 電話で確認)');
    await sato.getByRole('button', { name: '注記を追加' }).click();
    await expect.poll(() => sato.getByTestId('record-annotations').innerText(), WAIT).toContain('12月末に延長');
    expect(await seriousViolations(sato)).toEqual([]);
    await screenshot(sato, 'records-record');
  });

  it('downloads the 会議録 as Word', async () => {
    const [download] = await Promise.all([sato.waitForEvent('download'), sato.getByRole('link', { name: '会議録 (Word)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    expect(statSync((await download.path())!).size).toBeGreaterThan(2000);
    const res = await sato.request.get(`${server.url}/api/meetings/${FIRST}/minutes.docx`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const body = await res.body();
    expect(body.subarray(0, 2).toString()).toBe('PK');
  });

  it('compares it with the latest: additions and removals marked in words, not colour alone', async () => {
    await sato.goto(`${server.url}/cases/case-yamada/records`);
    await sato.getByRole('checkbox', { name: /比較に選ぶ.*第1回/ }).check();
    await sato.getByRole('checkbox', { name: /比較に選ぶ.*第2回/ }).check();
    await sato.getByRole('button', { name: '選んだ会議を比較' }).click();
    await sato.getByTestId('compare-plan').waitFor(WAIT);
    expect(new URL(sato.url()).searchParams.get('b')).toBe(second);
    const goal = sato.getByTestId('compare-plan').locator('tr', { hasText: '本人の目標' });
    expect(await goal.getAttribute('data-change')).toBe('changed');
    expect(await goal.innerText()).toMatch(/変更[\s\S]*長男と自宅で暮らし続けたい[\s\S]*週1回は外出したい/);
    const added = sato.getByTestId('compare-items').locator('tr[data-change=added]');
    expect(await added.innerText()).toMatch(/追加[\s\S]*相談支援事業所への同行/);
    // The item's 誰が is stored as the agency's id: the comparison names the agency.
    expect(await sato.getByTestId('compare-items').locator('tr[data-change=changed]').innerText()).toMatch(/変更[\s\S]*状態[\s\S]*ひだまりクリニック/);
    expect(await sato.getByTestId('compare-items').innerText()).not.toContain('org-');
    const removed = sato.getByTestId('compare-roles').locator('tr[data-change=removed]');
    expect(await removed.innerText()).toMatch(/削除[\s\S]*介護保険の申請支援/);
    expect(await removed.locator('del').count()).toBe(1);
    expect(await sato.getByTestId('compare-roles').locator('tr[data-change=added]').innerText()).toContain('健二さんの相談');
    expect(await seriousViolations(sato)).toEqual([]);
    await screenshot(sato, 'records-compare');
  });

  it('searches for a decision’s words and lands on the record', async () => {
    await sato.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '記録の検索' }).click();
    const box = sato.getByRole('searchbox', { name: '検索語' });
    await box.fill('服');
    await box.press('Enter');
    await expect.poll(() => sato.getByRole('alert').innerText(), WAIT).toContain('2文字以上');
    await box.fill('存在しない語句です');
    await box.press('Enter');
    await expect.poll(() => sato.getByRole('status').innerText(), WAIT).toContain('見つかりませんでした');
    await box.fill('介護保険サービス');
    await sato.getByRole('button', { name: '検索', exact: true }).click();
    const hit = sato.locator(`.search-results li[data-meeting-id="${FIRST}"]`).first();
    await hit.waitFor(WAIT);
    expect(await hit.locator('mark').first().innerText()).toBe('介護保険サービス');
    expect(await hit.innerText()).toMatch(/令和8年10月15日[\s\S]*議事録・決定事項/);
    expect(await seriousViolations(sato)).toEqual([]);
    await screenshot(sato, 'records-search');
    await hit.getByRole('link', { name: /第1回/ }).click();
    await sato.getByTestId('record-decisions').waitFor(WAIT);
    expect(new URL(sato.url()).pathname).toBe(`/meetings/${FIRST}/record`);
    expect(await sato.getByTestId('record-decisions').innerText()).toContain(DECISION_TEXT);
  });

  it('lets the facilitator approve the record, then prints it to an A4 PDF', async () => {
    await tanaka.goto(`${server.url}/meetings/${FIRST}/record`);
    await tanaka.getByRole('button', { name: '会議録を確定する' }).click();
    await tanaka.getByRole('dialog', { name: '会議録を確定しますか' }).getByRole('button', { name: '会議録を確定する' }).click();
    await tanaka.getByTestId('approved-badge').waitFor(WAIT);
    expect(await tanaka.getByRole('button', { name: '会議録を確定する' }).count()).toBe(0);

    await tanaka.getByRole('link', { name: '印刷用 (PDF)' }).click();
    await tanaka.locator('[data-testid=print-sheet][data-ready=true]').waitFor(WAIT);
    await tanaka.evaluate(() => document.fonts.ready);
    expect(await tanaka.locator('.topbar').count()).toBe(0);
    await screenshot(tanaka, 'records-print-screen');
    const pdfPath = join(ARTIFACTS_DIR, 'minutes.pdf');
    writeFileSync(pdfPath, await tanaka.pdf({ format: 'A4', printBackground: true }));
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    const pngBase = join(ARTIFACTS_DIR, 'minutes-page1');
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdfPath, pngBase]);
    expect(statSync(`${pngBase}.png`).size).toBeGreaterThan(20_000);
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('会議録');
    expect(text).toMatch(/令和8年10月15日/);
    expect(text).toMatch(/確定（令和/);
    expect(text).not.toContain('ログアウト');
  });

  it('shows the indicators to the facilitator, with charts, tables and CSV; not to a member', async () => {
    expect(await sato.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '指標' }).count()).toBe(0);
    await tanaka.goto(`${server.url}/cases`);
    await tanaka.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '指標' }).click();
    await tanaka.getByLabel('年度').selectOption('2026');
    await expect.poll(() => tanaka.getByTestId('kpi-new-cases').innerText(), WAIT).toMatch(/1\s*件/);
    expect(await tanaka.locator('h2.fy-heading').innerText()).toContain('令和8年度');
    const kinds = tanaka.getByTestId('chart-kinds').getByRole('img');
    expect(await kinds.getAttribute('aria-label')).toContain('重層的支援会議 2回');
    expect(await tanaka.getByTestId('chart-stages').getByRole('img').getAttribute('aria-label')).toMatch(/策定 1件、変更 1件/);
    await tanaka.getByTestId('chart-kinds').getByText('数値を表で見る').click();
    expect(await tanaka.getByTestId('chart-kinds').getByRole('table').innerText()).toMatch(/重層的支援会議\s+2/);
    expect(await seriousViolations(tanaka)).toEqual([]);
    await screenshot(tanaka, 'records-indicators');
    const href = await tanaka.getByRole('link', { name: 'CSVをダウンロード' }).getAttribute('href');
    const csv = await tanaka.request.get(`${server.url}${href}`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect((await csv.text()).replace(/^\uFEFF/, '')).toContain('重層的支援会議で扱った新規ケース数');
  });

  it('schedules a meeting from the case page, explaining why a consent-based kind is refused', async () => {
    await tanaka.goto(`${server.url}/cases/case-sasaki`);
    await tanaka.getByRole('link', { name: '会議を設定する' }).click();
    await tanaka.getByLabel('会議の種類').selectOption('jusoteki');
    await tanaka.getByLabel('開催日時').fill('2026-12-10T14:00');
    await tanaka.getByRole('checkbox', { name: /渡辺 さやか/ }).check();
    expect(await seriousViolations(tanaka)).toEqual([]);
    await screenshot(tanaka, 'records-schedule');
    await tanaka.getByRole('button', { name: '会議を設定する' }).click();
    await expect.poll(() => tanaka.getByRole('alert').innerText(), WAIT).toContain('本人の同意');
    expect(await tanaka.getByRole('link', { name: '同意の管理を開く' }).count()).toBe(1);
    await tanaka.getByLabel('会議の種類').selectOption('shien');
    await tanaka.getByRole('button', { name: '会議を設定する' }).click();
    await tanaka.getByRole('heading', { level: 1, name: /記録・会議の経過/ }).waitFor(WAIT);
    expect(await tanaka.locator('.timeline-entry', { hasText: '第2回 支援会議' }).innerText()).toMatch(/令和8年12月10日[\s\S]*予定/);
  });
});
