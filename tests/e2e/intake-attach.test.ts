/**
 * A second つなぐシート about a household the case already has, added to that case from the
 * coordinator's inbox: the screen says by name whom the household gained and whom it already had
 * (so the coordinator can see that nobody was filed twice), then opens the case. Chromium at
 * 1024x768 on the demo. Run `npx vite build` first.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { screenshot } from '../helpers/browser.ts';
import { WAIT, useBrowserSession } from '../helpers/board-session.ts';
import { seriousViolations } from '../helpers/page-watch.ts';
import { api, login } from '../helpers/http.ts';
import { sheet } from '../helpers/intake-sheet.ts';

describe('adding a つなぐシート to an existing case, on screen', () => {
  let server: TestServer;
  let pages: Record<'tanaka', Page>;
  useBrowserSession(['tanaka'], (s) => ({ server, pages } = s), {});

  it('names the members added and the members recognised, and the case has each once', async () => {
    const sato = await login(server.url, 'sato');
    const tanaka = await login(server.url, 'tanaka');
    const submit = async (body: unknown) => ((await (await api(server.url, sato, 'POST', '/api/intake/referrals', body)).json()) as { id: string }).id;
    // The first sheet became the case 髙橋さん世帯 (和子, her son 浩, her separated husband 正).
    const first = await submit(sheet());
    const { caseId } = (await (await api(server.url, tanaka, 'POST', `/api/intake/inbox/${first}/accept`, { title: '髙橋さん世帯' })).json()) as { caseId: string };
    // The second names the son again (kana in half width) and a granddaughter the case does not know.
    const second = await submit(
      sheet({
        household: [
          { name: '高橋　浩', kana: 'ﾀｶﾊｼ ﾋﾛｼ', sex: 'male', birthDate: '1975-06-01', age: null, relation: 'child', relationLabel: '長男', deceased: false, notes: '' },
          { name: '髙橋 みどり', kana: 'たかはし みどり', sex: 'female', birthDate: '2010-05-05', age: null, relation: 'grandchild', relationLabel: '孫', deceased: false, notes: '' },
        ],
      }),
    );

    const page = pages.tanaka;
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(`${server.url}/intake/inbox/${second}`);
    const attach = page.getByRole('button', { name: '既存のケースに追加する' });
    await attach.waitFor(WAIT);
    await page.getByLabel('対象の方').selectOption({ label: '髙橋 和子' });
    await attach.click();
    const done = page.getByRole('status').filter({ hasText: 'つなぐシートをケースに追加しました' });
    await done.waitFor(WAIT);
    const text = await done.innerText();
    expect(text).toContain('世帯に加えた方: 髙橋 みどり');
    // The son was recognised (the sheet's subject is the person chosen above), not added again.
    expect(text).toContain('すでに世帯に登録されていた方（重複させていません）: 髙橋 浩');
    expect(text).not.toMatch(/[a-z]-[0-9a-f]{8}|p-[a-z0-9-]+/);
    expect(await page.locator('dl.facts').innerText()).toContain('受付済み');
    // The sheet is decided: its other decisions are gone from the screen.
    expect(await page.getByRole('button', { name: '受け付ける' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'お断りする' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'intake-attach-done');

    await page.getByRole('button', { name: 'ケースを開く' }).click();
    await page.waitForURL(`${server.url}/cases/${caseId}`);
    const household = (await (await api(server.url, tanaka, 'GET', `/api/cases/${caseId}/household`)).json()) as { persons: { name: string }[] };
    const names = household.persons.map((p) => p.name.replace(/\s|　/g, '').replace('髙', '高')).sort();
    expect(names).toEqual(['高橋みどり', '高橋和子', '高橋正', '高橋浩'].sort());
  });
});
