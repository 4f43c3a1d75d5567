/**
 * `npm start` keeps the demo, and says so (issue 10): the banner is on the login page and on the
 * signed-in screens. The real installation shows none (tests/e2e/going-live.test.ts).
 */
import type { Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { screenshot } from '../helpers/browser.ts';
import { WAIT, useBrowserSession } from '../helpers/board-session.ts';
import { seriousViolations } from '../helpers/page-watch.ts';
import { newComputer, submitPassword } from './going-live/people.ts';

describe('the demo', () => {
  let server: TestServer, browser: Browser;
  useBrowserSession([], (s) => ({ server, browser } = s));

  it('says デモ環境 on the login page and on every signed-in screen', async () => {
    const page = await newComputer(browser);
    await page.goto(server.url);
    expect(await page.getByTestId('demo-banner').textContent()).toContain('デモ環境');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'demo-banner-login');
    await submitPassword(page, server.url, 'tanaka', 'kasane-demo');
    await page.getByTestId('current-user').waitFor(WAIT);
    expect(await page.getByTestId('demo-banner').textContent()).toContain('デモ環境');
    await screenshot(page, 'demo-banner-cases');
  });
});
