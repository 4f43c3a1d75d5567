/** Scheduling a meeting, inviting to it and working on its board, through the screens. */
import type { Page } from 'playwright-core';
import { WAIT } from '../../helpers/board-session.ts';

/** Tomorrow in Japan at `time`, as a datetime-local field takes it (yyyy-mm-ddThh:mm). */
export function tomorrowInJapanAt(time: string, daysAhead = 1): string {
  const day = new Date(Date.now() + 9 * 3600_000 + daysAhead * 86400_000).toISOString().slice(0, 10);
  return `${day}T${time}`;
}

/** The meeting's card on its case page. */
export const meetingCard = (page: Page, title: string) => page.locator('ul.meetings li').filter({ hasText: title });

/**
 * From the case page: 会議を設定する, a 支援会議 at `when` named `title`; resolves back on the case
 * page with the meeting's id (from its card's board link).
 */
export async function scheduleSupportMeeting(page: Page, caseId: string, title: string, when: string, beforeSubmit?: () => Promise<void>): Promise<string> {
  await page.getByRole('link', { name: '会議を設定する' }).click();
  const form = page.locator('form.schedule-form');
  await form.waitFor(WAIT);
  await form.getByLabel('会議の種類').selectOption({ label: '支援会議' });
  await form.getByLabel('開催日時').fill(when);
  await form.getByLabel('会議名').fill(title);
  await beforeSubmit?.();
  await form.getByRole('button', { name: '会議を設定する' }).click();
  await page.getByRole('heading', { level: 1, name: /記録・会議の経過/ }).waitFor(WAIT);
  await page.goto(new URL(`/cases/${encodeURIComponent(caseId)}`, page.url()).href);
  const href = await meetingCard(page, title).getByRole('link', { name: '会議ボードを開く' }).getAttribute('href');
  return decodeURIComponent(href!.split('/')[2]!);
}

/** On the invitations screen: a guest invitation with a password; returns the link shown once. */
export async function inviteGuest(page: Page, name: string, affiliation: string): Promise<string> {
  await page.getByRole('heading', { name: 'ゲスト・本人・家族の招待' }).waitFor(WAIT);
  await page.getByLabel('氏名', { exact: true }).fill(name);
  await page.getByLabel('所属').fill(affiliation);
  await page.getByRole('button', { name: '招待リンクを作成' }).click();
  return (await page.getByTestId('invitation-link').innerText()).trim();
}

/** Affirms the confidentiality duty on the board's banner. */
export async function affirmDuty(page: Page): Promise<void> {
  await page.getByRole('button', { name: '守秘義務を確認しました' }).click();
  await page.getByTestId('affirmation-banner').waitFor({ state: 'detached', ...WAIT });
}

/** Adds a note about `person` of `category` (Japanese labels, as the selects show them). */
export async function addNote(page: Page, person: RegExp, category: string, text: string): Promise<void> {
  await page.getByRole('button', { name: /項目を追加/ }).click();
  const form = page.getByTestId('add-item-form');
  await form.getByLabel('対象者').selectOption({ label: (await form.getByLabel('対象者').locator('option').allInnerTexts()).find((o) => person.test(o))! });
  await form.getByLabel('情報の種類').selectOption({ label: category });
  await form.getByLabel('内容').fill(text);
  await form.getByRole('button', { name: '追加する' }).click();
  await page.getByTestId('add-item-status').filter({ hasText: '項目を追加しました' }).waitFor(WAIT);
}

/** The item rows once every compartment the manifest lists is open and synced. */
export async function settledItemTexts(page: Page): Promise<string> {
  await page.locator('[data-testid=board-items][data-pending=false]').waitFor(WAIT);
  return (await page.getByTestId('board-item').allInnerTexts()).join('\n');
}
