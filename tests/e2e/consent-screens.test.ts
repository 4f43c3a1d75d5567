/**
 * The consent, participants ("as seen by") and audit screens in real Chromium against a real
 * server with the built client. Run `npx vite build` first. The steps share one signed-in page
 * (tanaka, the case's coordinator) and run in order; a failed step fails the ones after.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { newUserPage, screenshot } from '../helpers/browser.ts';
import { WAIT, useBrowserSession } from '../helpers/board-session.ts';
import { seriousViolations } from '../helpers/page-watch.ts';

const HEALTH_HOUKATSU = '医療・健康 × 中央地域包括支援センター';

describe('consent, participants and audit screens', () => {
  let server: TestServer, browser: Browser, tanaka: Page;
  useBrowserSession(['tanaka'], (s) => ({ server, browser, pages: { tanaka } } = s));

  it('opens 同意の管理 from the case and shows each person’s status', async () => {
    await tanaka.goto(`${server.url}/cases/case-yamada`);
    await tanaka.getByRole('link', { name: '同意の管理' }).click();
    await tanaka.getByRole('heading', { level: 1, name: /同意の管理/ }).waitFor(WAIT);
    expect(new URL(tanaka.url()).pathname).toBe('/cases/case-yamada/consent');
    expect(await tanaka.getByTestId('consent-status-p-haru').innerText()).toContain('同意');
    expect(await tanaka.getByTestId('consent-status-p-kenji').innerText()).toContain('未確認');
    // The seed's record: written consent, recorded by the coordinator; the validity in 和暦.
    const haru = tanaka.getByTestId('consent-p-haru');
    expect(await haru.innerText()).toMatch(/書面[\s\S]*令和\d+年[\s\S]*田中 美咲/);
  });

  it('records a narrower scope through the grid, and the history shows it first', async () => {
    const haru = tanaka.getByTestId('consent-p-haru');
    await haru.getByRole('button', { name: '同意を記録する' }).click();
    const cell = haru.getByRole('checkbox', { name: HEALTH_HOUKATSU, exact: true });
    // Pre-filled from the consent in force.
    expect(await cell.isChecked()).toBe(true);
    expect(await haru.getByRole('checkbox', { name: '医療・健康 × ひだまりクリニック', exact: true }).isChecked()).toBe(true);
    expect(await haru.getByRole('checkbox', { name: '税情報 × ひだまりクリニック', exact: true }).isChecked()).toBe(false);
    expect(await haru.getByRole('checkbox', { name: '基本情報 × 会議の全構成員', exact: true }).isChecked()).toBe(true);

    expect(await seriousViolations(tanaka)).toEqual([]);
    await screenshot(tanaka, 'consent-screen');

    // Keyboard: focus the box and toggle it with the space bar, as a keyboard user would.
    await cell.focus();
    await tanaka.keyboard.press('Space');
    expect(await cell.isChecked()).toBe(false);
    await haru.getByRole('button', { name: '記録する', exact: true }).click();

    const rows = haru.locator('.consent-history tbody tr');
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    const newest = await rows.first().innerText();
    expect(newest).toContain('同意');
    expect(newest).toContain('田中 美咲');
    expect(newest).toContain('共有範囲 6 件'); // 7 in the seed, one ticked off
    expect(await rows.nth(1).innerText()).toContain('共有範囲 7 件');
  });

  it('asks before withdrawing, and Escape cancels', async () => {
    const haru = tanaka.getByTestId('consent-p-haru');
    await haru.getByRole('button', { name: '同意を撤回' }).click();
    const dialog = tanaka.getByRole('dialog', { name: /同意を撤回しますか/ });
    await dialog.waitFor(WAIT);
    await tanaka.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', ...WAIT });
    expect(await tanaka.getByTestId('consent-status-p-haru').innerText()).toContain('同意');
  });

  it('explains a refused change of legal basis (409: consent first)', async () => {
    await tanaka.goto(`${server.url}/cases/case-sasaki/consent`);
    await tanaka.getByTestId('legal-basis').waitFor(WAIT);
    await tanaka.getByText('法的根拠を変更', { exact: true }).click();
    await tanaka.getByRole('radio', { name: /重層的支援会議/ }).check();
    await tanaka.getByLabel('変更の理由 (必須)').fill('本人と面談し、支援に前向きになったため');
    await tanaka.getByRole('button', { name: '変更する' }).click();
    await expect.poll(() => tanaka.getByRole('alert').innerText(), WAIT).toContain('本人の同意が記録されていない');
    expect(await tanaka.getByTestId('legal-basis').innerText()).toContain('支援会議');
  });

  it('previews what sato sees: the clinic’s health item hidden (no consent), his own shown', async () => {
    await tanaka.goto(`${server.url}/cases/case-yamada`);
    await tanaka.getByRole('link', { name: '参加者・表示範囲' }).click();
    await tanaka.getByTestId('participant-u-sato').waitFor(WAIT);
    expect(await tanaka.getByTestId('participant-u-sato').innerText()).toMatch(/佐藤 健一[\s\S]*構成員[\s\S]*未確認/);

    await tanaka.getByLabel('確認する参加者').selectOption('u-sato');
    const hidden = tanaka.locator('[data-testid=as-seen-hidden] tr[data-person=p-haru][data-category=health][data-supplier=org-clinic]');
    await hidden.waitFor(WAIT);
    expect(await hidden.innerText()).toContain('本人の同意の範囲外');
    const own = tanaka.locator('[data-testid=as-seen-visible] tr[data-person=p-haru][data-category=health][data-supplier=org-houkatsu]');
    expect(await own.innerText()).toMatch(/山田 ハル[\s\S]*医療・健康[\s\S]*中央地域包括支援センター[\s\S]*入力した機関/);

    expect(await seriousViolations(tanaka)).toEqual([]);
    await screenshot(tanaka, 'participants-screen');
  });

  it('lists the consent change in the audit log', async () => {
    await tanaka.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '監査ログ' }).click();
    await tanaka.getByRole('heading', { level: 1, name: '監査ログ' }).waitFor(WAIT);
    const change = tanaka.locator('tr[data-action="consent.changed"]').first();
    await change.waitFor(WAIT);
    const text = await change.innerText();
    expect(text).toContain('同意の変更');
    expect(text).toContain('田中 美咲');
    expect(text).toContain('山田さん世帯');
    expect(text).toMatch(/令和\d+年/);
    expect(await seriousViolations(tanaka)).toEqual([]);
    await screenshot(tanaka, 'audit-screen');

    // Filtering by action leaves only consent changes.
    await tanaka.getByRole('combobox', { name: '操作', exact: true }).selectOption('consent.changed');
    await tanaka.getByRole('button', { name: '検索' }).click();
    await expect.poll(() => tanaka.locator('tbody tr:not([data-action="consent.changed"])').count(), WAIT).toBe(0);
    expect(await tanaka.locator('tbody tr[data-action="consent.changed"]').count()).toBeGreaterThan(0);
  });

  it('shows a member the consent read-only, and no audit log', async () => {
    const sato = await newUserPage(browser, server.url, 'sato');
    expect(await sato.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '監査ログ' }).count()).toBe(0);
    await sato.goto(`${server.url}/cases/case-yamada/consent`);
    await sato.getByTestId('consent-status-p-haru').waitFor(WAIT);
    expect(await sato.getByText('閲覧のみです').count()).toBe(1);
    expect(await sato.getByRole('button', { name: '同意を記録する' }).count()).toBe(0);
    expect(await sato.getByRole('button', { name: '同意を撤回' }).count()).toBe(0);
    // The history is for those who manage the case; the server sends none to a member.
    expect(await sato.getByRole('heading', { name: '同意の履歴' }).count()).toBe(0);
    await sato.context().close();
  });

  it('lets an administrator run the tamper check', async () => {
    const admin = await newUserPage(browser, server.url, 'admin');
    await admin.goto(`${server.url}/audit`);
    await admin.getByRole('button', { name: '改ざん検査' }).click();
    await expect.poll(() => admin.getByTestId('audit-verify-result').innerText(), WAIT).toMatch(/改ざんは見つかりませんでした \(\d+ 件を検査\)/);
    await admin.context().close();
  });
});
