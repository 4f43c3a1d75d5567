/**
 * Running a meeting on the board, in real Chromium against a real server with the built client
 * (run `npx vite build` first). Three participants of the Yamada 重層的支援会議 (プラン策定時):
 * tanaka (社協, facilitator), sato (地域包括支援センター) and takahashi (自立相談支援機関 まいさぽ).
 * The agenda comes from the プラン策定時 template, once, however many open it at the same time;
 * ticks travel live; tanaka records two decisions and confirms one through the server; members
 * see both, the badge on one, and no confirm button; takahashi follows tanaka's section.
 * The steps share signed-in pages and run in order; a failed step fails the ones after.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { screenshot } from '../helpers/browser.ts';
import { WAIT, openBoard, useBrowserSession } from '../helpers/board-session.ts';
import { seriousViolations } from '../helpers/page-watch.ts';
import { login } from '../helpers/http.ts';
import { waitUntil, yClient } from '../helpers/ws.ts';
import { docOf } from '../helpers/scenario.ts';
import { board, type PlanItem } from '../../shared/board/schema.ts';

const TEMPLATE_FIRST = '本人の目標（アセスメント結果）の確認';
const TICKED = '支援方針の検討';
const VISIT = '包括が週1回の見守り訪問を行う';
const FINANCES = '家計の状況を自立相談支援機関が確認する';
const PLAN_ITEM: PlanItem = { id: 'pi-mimamori', what: '見守り訪問', who: '中央地域包括支援センター', byWhen: null, category: 'living', status: 'open' };

/** YYYY-MM-DD in Japan, `days` from now. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });

const agendaItems = (page: Page) => page.getByTestId('agenda-item');
const agendaRow = (page: Page, text: string) => agendaItems(page).filter({ hasText: text });
const decisions = (page: Page) => page.getByTestId('decision');
const decisionRow = (page: Page, text: string) => decisions(page).filter({ hasText: text });

async function recordDecision(page: Page, text: string, owner: string, due: string | null, planItem: string | null): Promise<void> {
  const form = page.getByTestId('decision-form');
  await form.getByLabel('決定事項', { exact: true }).fill(text);
  await form.getByLabel('担当機関').selectOption({ label: owner });
  if (due) await form.getByLabel('期限').fill(due);
  if (planItem) await form.getByLabel('関連するプラン項目').selectOption({ label: planItem });
  await form.getByRole('button', { name: '記録する' }).click();
}

/** A plan item in ハルさん's basic compartment (社協's, shared with every agency), to link to. */
async function addPlanItem(server: TestServer): Promise<void> {
  const planner = yClient(server.url, docOf('p-haru', 'basic', 'org-shakyo'), await login(server.url, 'tanaka'), 'meeting:meeting-yamada-1');
  await planner.synced();
  board.planItems(planner.doc).set(PLAN_ITEM.id, PLAN_ITEM);
  // Delivered when a second, fresh client of the document receives the item from the server.
  const reader = yClient(server.url, docOf('p-haru', 'basic', 'org-shakyo'), await login(server.url, 'tanaka'), 'meeting:meeting-yamada-1');
  await reader.synced();
  await waitUntil(() => board.planItems(reader.doc).has(PLAN_ITEM.id), 10_000, 'the plan item stored on the server');
  reader.destroy();
  planner.destroy();
}

describe('a meeting on the board: agenda, decisions, follow the facilitator', () => {
  let server: TestServer, tanaka: Page, sato: Page, takahashi: Page;
  useBrowserSession(['tanaka', 'sato', 'takahashi'], (s) => ({ server, pages: { tanaka, sato, takahashi } } = s), { prepare: addPlanItem });

  it('the プラン策定時 agenda appears from the template for everyone, once', async () => {
    // All three open at once: each may fill the empty agenda, and the ids make it one copy.
    await Promise.all([tanaka, sato, takahashi].map((page) => openBoard(page, server.url, 'meeting-yamada-1')));
    for (const page of [tanaka, sato, takahashi]) {
      await agendaRow(page, TEMPLATE_FIRST).waitFor(WAIT);
      await expect.poll(() => agendaItems(page).count(), WAIT).toBe(6);
      expect(await page.getByTestId('agenda-template').innerText()).toContain('重層的支援会議 · プラン策定時');
      expect(await page.getByRole('tab', { name: '議題' }).getAttribute('aria-selected')).toBe('true');
    }
    const texts = await agendaItems(sato).allInnerTexts();
    expect(texts.map((t) => t.trim())).toEqual([
      '本人の目標（アセスメント結果）の確認',
      '支援方針の検討',
      'プラン内容の検討',
      '各支援機関の役割分担の確認',
      'モニタリング時期の設定',
      '不足している社会資源（地域の課題）の確認',
    ]);
    // The video call: none set for this meeting; the facilitator may set one before it starts.
    expect(await sato.getByTestId('video-call').innerText()).toContain('ビデオ会議のリンクは設定されていません');
    expect(await sato.getByRole('button', { name: 'リンクを設定・変更' }).count()).toBe(0);
  });

  it('sato ticks an item; tanaka and takahashi see it ticked', async () => {
    await agendaRow(sato, TICKED).getByRole('checkbox', { name: TICKED }).check();
    for (const page of [tanaka, takahashi]) {
      await expect.poll(() => agendaRow(page, TICKED).getAttribute('data-done'), WAIT).toBe('true');
      expect(await agendaRow(page, TICKED).getByRole('checkbox').isChecked()).toBe(true);
    }
    await expect.poll(() => tanaka.getByTestId('agenda-progress').innerText(), WAIT).toBe('1 / 6 件 確認済み');
    // Members tick but do not rearrange: only the facilitator has move buttons.
    expect(await sato.getByRole('button', { name: /を上へ移動/ }).count()).toBe(0);
    expect(await tanaka.getByRole('button', { name: `「${TICKED}」を上へ移動` }).count()).toBe(1);
  });

  it('tanaka sets the video link; everyone gets 「ビデオ会議に参加」', async () => {
    await tanaka.getByRole('button', { name: 'リンクを設定・変更' }).click();
    await tanaka.getByLabel('ビデオ会議のリンク (https://…)').fill('https://meet.example.jp/hanamizuki-yamada');
    await tanaka.getByRole('button', { name: 'リンクを保存' }).click();
    for (const page of [tanaka, sato, takahashi]) {
      const join = page.getByRole('link', { name: /ビデオ会議に参加/ });
      await join.waitFor(WAIT);
      expect(await join.getAttribute('href')).toBe('https://meet.example.jp/hanamizuki-yamada');
      expect(await join.getAttribute('target')).toBe('_blank');
    }
  });

  it('tanaka records two decisions; sato and takahashi see both appear', async () => {
    await recordDecision(tanaka, VISIT, '中央地域包括支援センター', inDays(14), '見守り訪問 (中央地域包括支援センター)');
    await recordDecision(tanaka, FINANCES, '自立相談支援機関 まいさぽはなみずき', null, null);
    for (const page of [tanaka, sato, takahashi]) {
      await expect.poll(() => decisions(page).count(), WAIT).toBe(2);
    }
    const visit = await decisionRow(sato, VISIT).innerText();
    expect(visit).toContain('担当: 中央地域包括支援センター');
    expect(visit).toMatch(/期限: 令和\d+年\d+月\d+日/);
    expect(visit).toContain('プラン: 見守り訪問 (中央地域包括支援センター)');
    expect(await decisionRow(takahashi, FINANCES).innerText()).toContain('担当: 自立相談支援機関 まいさぽはなみずき');
    for (const page of [tanaka, sato, takahashi]) {
      expect(await decisionRow(page, VISIT).getAttribute('data-confirmation')).toBe('none');
    }
  });

  it('tanaka confirms one; the badge reaches the others; members have no confirm button', async () => {
    await decisionRow(tanaka, VISIT).getByRole('button', { name: /^確定/ }).click();
    for (const page of [tanaka, sato, takahashi]) {
      await expect.poll(() => decisionRow(page, VISIT).getAttribute('data-confirmation'), WAIT).toBe('confirmed');
      expect(await decisionRow(page, VISIT).getByTestId('decision-confirmed').innerText()).toContain('確定済み');
      expect(await decisionRow(page, FINANCES).getAttribute('data-confirmation')).toBe('none');
      expect(await page.getByTestId('decisions-count').innerText()).toBe('2件 (確定 1件)');
    }
    expect(await decisionRow(sato, VISIT).innerText()).toContain('田中 美咲 が');
    for (const page of [sato, takahashi]) {
      expect(await page.getByTestId('decision-confirm').count()).toBe(0);
      expect(await page.getByRole('button', { name: /^確定/ }).count()).toBe(0);
      expect(await page.getByTestId('decision-form').count()).toBe(0);
    }
    expect(await tanaka.getByTestId('decision-confirm').count()).toBe(1);
    await screenshot(tanaka, 'meeting-agenda-tanaka');
    await screenshot(sato, 'meeting-agenda-sato');
    expect(await seriousViolations(tanaka)).toEqual([]);
    expect(await seriousViolations(sato)).toEqual([]);
  });

  it('takahashi follows tanaka: tanaka opens 議事録, takahashi’s board switches; sato’s does not', async () => {
    const toggle = takahashi.getByRole('switch', { name: '進行役に追従' });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.focus();
    await takahashi.keyboard.press('Space');
    expect(await toggle.isChecked()).toBe(true);
    await expect.poll(() => takahashi.getByTestId('follow-status').innerText(), WAIT).toBe('田中 美咲 (進行役) の画面: 議題');
    await expect.poll(() => tanaka.getByTestId('followers-count').innerText(), WAIT).toBe('追従している参加者: 1人');

    await tanaka.getByRole('tab', { name: '議事録' }).click();
    await expect.poll(() => takahashi.getByRole('tab', { name: '議事録' }).getAttribute('aria-selected'), WAIT).toBe('true');
    await expect.poll(() => takahashi.getByTestId('follow-status').innerText(), WAIT).toBe('田中 美咲 (進行役) の画面: 議事録');
    expect(await sato.getByRole('tab', { name: '議題' }).getAttribute('aria-selected')).toBe('true');
    // The choice is kept for the next meeting on this browser.
    expect(await takahashi.evaluate(() => localStorage.getItem('kasane.followFacilitator'))).toBe('1');
    await screenshot(takahashi, 'meeting-follow-takahashi');
    expect(await seriousViolations(takahashi)).toEqual([]);

    // Opening another section by hand stops following, and says so.
    await takahashi.getByRole('tab', { name: '議題' }).click();
    await expect.poll(() => toggle.isChecked(), WAIT).toBe(false);
    expect(await takahashi.getByTestId('follow-toggle').innerText()).toContain('追従を解除しました');
    await tanaka.getByRole('tab', { name: 'エコマップ' }).click();
    await expect.poll(() => takahashi.getByTestId('follow-status').innerText(), WAIT).toContain('エコマップ');
    expect(await takahashi.getByRole('tab', { name: '議題' }).getAttribute('aria-selected')).toBe('true');
  });

  it('an edit after confirmation shows 「確定後に変更あり」 to everyone until tanaka confirms again', async () => {
    const row = decisionRow(tanaka, VISIT);
    await row.getByRole('button', { name: /^編集/ }).click();
    const edit = tanaka.getByTestId('decision-edit-form');
    await edit.getByLabel('決定事項', { exact: true }).fill(`${VISIT} (初回は長女も同席)`);
    await edit.getByRole('button', { name: '保存' }).click();
    for (const page of [tanaka, sato, takahashi]) {
      await expect.poll(() => decisionRow(page, '初回は長女も同席').getAttribute('data-confirmation'), WAIT).toBe('changed');
      expect(await decisionRow(page, '初回は長女も同席').innerText()).toContain('確定後に変更あり');
    }
    await screenshot(sato, 'meeting-changed-sato');
    await decisionRow(tanaka, '初回は長女も同席').getByRole('button', { name: /^再確定/ }).click();
    for (const page of [tanaka, sato, takahashi]) {
      await expect.poll(() => decisionRow(page, '初回は長女も同席').getAttribute('data-confirmation'), WAIT).toBe('confirmed');
    }
  });
});
