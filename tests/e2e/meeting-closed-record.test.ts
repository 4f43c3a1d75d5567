/**
 * Issue 8 rule 2 in the browser: when the facilitator closes the meeting, the server closes every
 * live socket of it (4409) and the open board moves its user to the meeting's record, which shows
 * the frozen minutes. Run with `npx vite build && npx vitest run --config vitest.e2e.config.ts
 * tests/e2e/meeting-closed-record.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.ts';
import { api, login } from '../helpers/http.ts';
import { yClient } from '../helpers/ws.ts';
import { screenshot } from '../helpers/browser.ts';
import { WAIT, openBoard, useBrowserSession } from '../helpers/board-session.ts';
import { writeMinutes } from '../records/helpers.ts';

const LINE = '次回は12月に訪問結果を共有する';

describe('closing a meeting moves its open boards to the record', () => {
  let server: TestServer;
  let sato: Page;
  useBrowserSession(['sato'], (s) => ({ server, pages: { sato } } = s));

  it('sato’s open board becomes the record view once tanaka closes the meeting', async () => {
    const tanaka = await login(server.url, 'tanaka');
    expect((await api(server.url, tanaka, 'POST', '/api/meetings/meeting-yamada-1/state', { state: 'open' })).status).toBe(200);
    const minutes = yClient(server.url, 'meeting/meeting-yamada-1', tanaka);
    await minutes.synced();
    writeMinutes(minutes.doc, LINE);

    await openBoard(sato, server.url, 'meeting-yamada-1', 'minutes');
    await expect.poll(() => sato.getByTestId('sync-status').getAttribute('data-status'), WAIT).toBe('connected');
    await expect.poll(() => sato.locator('.board').innerText(), WAIT).toContain(LINE);
    await screenshot(sato, 'meeting-closed-before');

    expect((await api(server.url, tanaka, 'POST', '/api/meetings/meeting-yamada-1/state', { state: 'closed' })).status).toBe(200);
    await expect.poll(() => new URL(sato.url()).pathname, WAIT).toBe('/meetings/meeting-yamada-1/record');
    await sato.getByTestId('record-minutes').waitFor(WAIT);
    expect(await sato.getByTestId('record-minutes').innerText()).toContain(LINE);
    // The household still shows by name under the basis the meeting had; no internal id leaks.
    await expect.poll(() => sato.getByTestId('record').innerText(), WAIT).toContain('山田 ハル');
    expect(await sato.getByTestId('record').innerText()).not.toContain('p-haru');
    await screenshot(sato, 'meeting-closed-record');
    minutes.destroy();
  });
});
