import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where screenshots land; gitignored, kept after the run so a human (or CI artifact upload) can look. */
export const ARTIFACTS_DIR = resolve('tests/e2e/artifacts');

/**
 * Debian's Chromium through playwright-core (no Playwright browser download). The flags keep it
 * quiet and deterministic in a container: no sandbox (root in CI), no GPU, no background traffic.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // A Japanese browser: date inputs read yyyy/mm/dd as our users see them.
      '--lang=ja-JP',
    ],
  });
}

/**
 * Signs `username` in through the real login form, in a context of its own (own cookie jar), as a
 * Japanese user in Japan would see the app. Resolves once the signed-in shell is on screen.
 */
export async function newUserPage(
  browser: Browser,
  baseUrl: string,
  username: string,
  password = 'kasane-demo',
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    // A tablet-sized viewport is a touch device.
    hasTouch: viewport.width < 1280,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('current-user').waitFor({ state: 'visible' });
  return page;
}

/** Full-page PNG under tests/e2e/artifacts/<name>.png; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
