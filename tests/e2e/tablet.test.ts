import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.ts';
import { newUserPage, screenshot } from '../helpers/browser.ts';
import { openBoard, useBrowserSession } from '../helpers/board-session.ts';

/**
 * Members often join from a tablet: every section of the board must fit the screen (no sideways
 * scrolling of the page) in landscape and portrait, with Japanese rendered.
 */
const TABLETS = [
  { name: 'landscape', width: 1024, height: 768 },
  { name: 'portrait', width: 768, height: 1024 },
];
const SECTIONS = ['ecomap', 'roles', 'plan', 'agenda', 'minutes', 'items'];
/** What each section shows once it is ready (its data arrived, its lazy code loaded). */
const READY: Record<string, string> = {
  ecomap: '.react-flow__node',
  roles: '[data-testid=roles-panel][data-pending=false]',
  plan: '[data-testid=plan-panel]:not([data-plan-state=loading])',
  agenda: '[data-testid=agenda-item]',
  minutes: '[data-testid=editor-minutes] [contenteditable]',
  items: '[data-testid=board-item]',
};

describe('the board on a tablet', () => {
  let server: TestServer, browser: Browser;
  // No one signed in yet: each viewport signs sato in on a tablet-sized page of its own.
  useBrowserSession([], (s) => ({ server, browser } = s));

  for (const tablet of TABLETS) {
    it(`${tablet.name} ${tablet.width}x${tablet.height}: every section fits the width`, async () => {
      const page: Page = await newUserPage(browser, server.url, 'sato', 'kasane-demo', tablet);
      await openBoard(page, server.url, 'meeting-yamada-1', 'agenda');
      await page.getByRole('tablist').waitFor({ state: 'visible', timeout: 15_000 });
      for (const section of SECTIONS) {
        await page.getByTestId(`tab-${section}`).click();
        await page.locator(`#panel-${section}`).waitFor({ state: 'visible' });
        // Measured once the section's own content is drawn (lazy panels load first).
        await page.locator(`#panel-${section} ${READY[section]}`).first().waitFor({ state: 'visible', timeout: 15_000 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${section} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
      }
      await page.getByTestId('tab-ecomap').click();
      // The person's node drawn on the canvas: the ecomap has laid out.
      await page.locator('#panel-ecomap .react-flow__node').first().waitFor({ state: 'visible', timeout: 15_000 });
      await screenshot(page, `tablet-${tablet.name}-ecomap`);
      await page.getByTestId('tab-roles').click();
      await screenshot(page, `tablet-${tablet.name}-roles`);
      await page.context().close();
    });
  }
});
