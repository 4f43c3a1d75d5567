/**
 * Issue 10: a municipality's own agenda for a meeting kind reaches the board. The administrator
 * sets the プラン策定時 agenda of the 重層的支援会議 over the API; the facilitator and a member open
 * the Yamada meeting at once and both see the municipality's list, filled once, not the built-in.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { screenshot } from '../helpers/browser.ts';
import { WAIT, openBoard, useBrowserSession } from '../helpers/board-session.ts';
import { api, login } from '../helpers/http.ts';

const OWN = ['市の様式に沿った本人の意向確認', '各機関の支援状況の共有', '次回会議の日程調整'];
const agendaItems = (page: Page) => page.getByTestId('agenda-item');

async function configureAgenda(server: TestServer): Promise<void> {
  const admin = await login(server.url, 'admin');
  const res = await api(server.url, admin, 'PATCH', '/api/admin/meeting-kinds/jusoteki', { agenda: { plan_creation: OWN } });
  if (res.status !== 200) throw new Error(`configuring the agenda failed: ${res.status} ${await res.text()}`);
}

describe('a municipality’s own agenda template on the board', () => {
  let server: TestServer, tanaka: Page, sato: Page;
  useBrowserSession(['tanaka', 'sato'], (s) => ({ server, pages: { tanaka, sato } } = s), { prepare: configureAgenda });

  it('both see the configured プラン策定時 agenda, once, instead of the built-in one', async () => {
    await Promise.all([tanaka, sato].map((page) => openBoard(page, server.url, 'meeting-yamada-1')));
    for (const page of [tanaka, sato]) {
      // The item's text (the facilitator's row also carries its ↑ ↓ × buttons).
      await expect.poll(async () => (await agendaItems(page).allInnerTexts()).map((t) => t.split('\n')[0]!.trim()), WAIT).toEqual(OWN);
      expect(await page.getByTestId('agenda-template').innerText()).toContain('重層的支援会議 · プラン策定時');
    }
    await screenshot(tanaka, 'agenda-config-tanaka');
  });
});
