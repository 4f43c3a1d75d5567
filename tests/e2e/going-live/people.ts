/**
 * The people of the going-live story, each at their own computer (a browser context of their own:
 * own cookies, own storage), signing in through the real login form and, where the municipality
 * requires it, enrolling and using their authenticator app.
 */
import type { Browser, Page } from 'playwright-core';
import { WAIT } from '../../helpers/board-session.ts';
import { TestAuthenticator } from '../../helpers/totp.ts';
import { SMALL } from './screens.ts';

/** A fresh computer at 1024×768, Japanese, in Japan; dialogs (confirm()) are answered yes. */
export async function newComputer(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: SMALL, hasTouch: true, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  page.on('dialog', (d) => void d.accept());
  return page;
}

/** Types the password into the login form; what follows (a session, a code, enrolment) is the caller's to wait for. */
export async function submitPassword(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(baseUrl);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('button[type=submit]').click();
}

/** The authenticator set up from the key on the enrolment panel (at sign-in or on the account page). */
export async function enrolAuthenticator(page: Page): Promise<TestAuthenticator> {
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  const authenticator = new TestAuthenticator(secret);
  await page.locator('input[name=code]').fill(await authenticator.nextCode());
  await page.getByRole('button', { name: '確認' }).click();
  await page.getByTestId('recovery-codes').waitFor(WAIT);
  return authenticator;
}

/** Stores the recovery codes ("保管しました") and leaves the panel. */
export async function keepRecoveryCodes(page: Page): Promise<void> {
  await page.getByRole('button', { name: /保管しました/ }).click();
}

/** Replaces a one-time password on the must-change screen. */
export async function replacePassword(page: Page, current: string, next: string): Promise<void> {
  await page.locator('input[name=currentPassword]').fill(current);
  await page.locator('input[name=newPassword]').fill(next);
  await page.locator('input[name=newPasswordAgain]').fill(next);
  await page.getByRole('button', { name: '保存' }).click();
}

/** Follows a link in the main navigation. */
export async function nav(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'main' }).getByRole('link', { name, exact: true }).click();
}
