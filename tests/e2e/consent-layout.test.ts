/**
 * The consent screen on the devices it is used on: a 1024 px tablet in landscape and a 390 px
 * phone. The page must never scroll sideways, with the scope grid open (the widest part); the grid
 * itself may scroll inside its own box, with its first column kept in view.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server.ts';
import { newUserPage, screenshot } from '../helpers/browser.ts';
import { WAIT, useBrowserSession } from '../helpers/board-session.ts';

const WIDTHS = [
  { name: 'tablet', width: 1024, height: 768 },
  { name: 'phone', width: 390, height: 844 },
];

/** How far the page (not an inner scroll box) is wider than the window. */
const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('the consent screen fits without sideways scrolling', () => {
  let server: TestServer, browser: Browser;
  useBrowserSession([], (s) => ({ server, browser } = s));

  for (const size of WIDTHS) {
    it(`${size.name} ${size.width} px: no sideways scrolling, grid open or closed`, async () => {
      const page = await newUserPage(browser, server.url, 'tanaka', 'kasane-demo', size);
      await page.goto(`${server.url}/cases/case-yamada/consent`);
      await page.getByTestId('consent-status-p-haru').waitFor(WAIT);
      expect(await pageOverflow(page), 'consent list').toBeLessThanOrEqual(0);
      const haru = page.getByTestId('consent-p-haru');
      await haru.getByRole('button', { name: '同意を記録する' }).click();
      await haru.getByRole('checkbox', { name: '医療・健康 × 中央地域包括支援センター', exact: true }).waitFor(WAIT);
      expect(await pageOverflow(page), 'scope grid open').toBeLessThanOrEqual(0);
      await screenshot(page, `consent-layout-${size.name}`);
      await page.context().close();
    });
  }
});
