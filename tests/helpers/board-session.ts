/**
 * The setup every browser test shares: a real server serving the built client, one Chromium, and
 * a signed-in page per user (each in its own context: own cookie jar, as on separate computers).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { BUILT_CLIENT_DIR, startTestServer, type TestServer } from './server.ts';
import { launchBrowser, newUserPage } from './browser.ts';

/** Browser work is slower than unit tests; polls wait this long before failing with a clear value. */
export const WAIT = { timeout: 15_000, interval: 100 };

export interface BrowserSession<U extends string> {
  server: TestServer;
  browser: Browser;
  /** One signed-in page per user named to startBrowserSession. */
  pages: Record<U, Page>;
  /** Closes the browser (every context) and stops the server, deleting its data. */
  dispose(): Promise<void>;
}

export interface BrowserSessionOptions {
  /** Another client build; BUILT_CLIENT_DIR (which honours KASANE_E2E_CLIENT_DIR) by default. */
  clientDir?: string;
  /** Runs once the server is up, before the browser starts (e.g. to hold history through the API). */
  prepare?: (server: TestServer) => Promise<void>;
}

/** Fails with a clear message when there is no built client to serve. */
export function requireBuiltClient(clientDir = BUILT_CLIENT_DIR): void {
  if (!existsSync(join(clientDir, 'index.html'))) {
    throw new Error(`no built client in ${clientDir}: run \`npx vite build\` first`);
  }
}

/** Server with the built client, Chromium, and `usernames` signed in (password kasane-demo). */
export async function startBrowserSession<const U extends string>(
  usernames: readonly U[],
  options: BrowserSessionOptions = {},
): Promise<BrowserSession<U>> {
  const clientDir = options.clientDir ?? BUILT_CLIENT_DIR;
  requireBuiltClient(clientDir);
  const server = await startTestServer({ clientDir });
  let browser: Browser | undefined;
  try {
    await options.prepare?.(server);
    browser = await launchBrowser();
    const signedIn = await Promise.all(usernames.map((username) => newUserPage(browser!, server.url, username)));
    const pages = Object.fromEntries(usernames.map((username, i) => [username, signedIn[i]])) as Record<U, Page>;
    const opened = browser;
    return {
      server,
      browser: opened,
      pages,
      async dispose() {
        await opened.close();
        await server.dispose();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.dispose();
    throw error;
  }
}

/**
 * Registers the suite's beforeAll/afterAll: starts a session for `usernames` and hands it to
 * `started` (to keep its server, browser and pages in the suite's variables); disposes it after.
 */
export function useBrowserSession<const U extends string>(
  usernames: readonly U[],
  started: (session: BrowserSession<U>) => void,
  options: BrowserSessionOptions = {},
): void {
  let session: BrowserSession<U> | undefined;
  beforeAll(async () => {
    session = await startBrowserSession(usernames, options);
    started(session);
  });
  afterAll(async () => {
    await session?.dispose();
  });
}

/** The board of `meetingId`, opened on `section` (the hash) when given. */
export const boardUrl = (baseUrl: string, meetingId: string, section?: string) =>
  `${baseUrl}/meetings/${meetingId}${section ? `#${section}` : ''}`;

/** Opens the board at `section`; with `readySelector`, also waits until that element is there. */
export async function openBoard(page: Page, baseUrl: string, meetingId: string, section?: string, readySelector?: string): Promise<void> {
  await page.goto(boardUrl(baseUrl, meetingId, section));
  if (readySelector) await page.locator(readySelector).waitFor(WAIT);
}
