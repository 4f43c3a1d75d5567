import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BUILT_CLIENT_DIR, startTestServer, type TestServer } from '../helpers/server.ts';
import { launchBrowser, screenshot } from '../helpers/browser.ts';
import { requireBuiltClient, WAIT, boardUrl } from '../helpers/board-session.ts';

/**
 * The built client works under the server's strict Content-Security-Policy (no inline script):
 * sign-in, the case list and a live meeting board (WebSocket, editor, ecomap styles) run without
 * a single policy violation, and the page cannot be framed.
 */
describe('the built client under the Content-Security-Policy', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    requireBuiltClient();
    server = await startTestServer({ clientDir: BUILT_CLIENT_DIR });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('signs in and opens a live board with no CSP violation', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    // Collected from the first byte of every page: a violation anywhere is a failure.
    await context.addInitScript(() => {
      (window as unknown as { __csp: string[] }).__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
    });
    const page = await context.newPage();
    const response = await page.goto(server.url);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('input[name=username]').fill('tanaka');
    await page.locator('input[name=password]').fill('kasane-demo');
    await page.locator('button[type=submit]').click();
    await page.getByTestId('current-user').waitFor({ state: 'visible' });
    await page.goto(boardUrl(server.url, 'meeting-yamada-1'));
    await page.locator('[data-testid=sync-status][data-status=connected]').waitFor(WAIT);
    await screenshot(page, 'csp-board');
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    // And a page of another origin cannot frame it (frame-ancestors 'none').
    const framer = await context.newPage();
    await framer.setContent(`<iframe id="f" src="${server.url}/"></iframe>`);
    // Chromium replaces a refused frame with its error page: our app never runs inside it.
    await framer.waitForFunction(() => document.querySelector('iframe')?.contentWindow !== null, undefined, WAIT);
    await expect.poll(() => framer.frames().find((f) => f !== framer.mainFrame())?.url(), WAIT).toMatch(/^chrome-error:/);
    await context.close();
  });
});
