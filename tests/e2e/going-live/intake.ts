/** The つなぐシート as an agency worker fills it in, and the coordinator's inbox. */
import type { Page } from 'playwright-core';
import { WAIT } from '../../helpers/board-session.ts';
import { nav } from './people.ts';

export interface SheetInput {
  name: string;
  kana: string;
  /** yyyy-mm-dd, typed into the date field. */
  birthDate: string;
  address?: string;
  /** Checklist entries by their Japanese label, with an optional detail. */
  troubles: { label: string; detail?: string }[];
  household: { name: string; relation: string; label: string; birthDate: string }[];
  reason: string;
}

/** Opens a new sheet (consent not given: the form's default variant) and fills it in, unsent. */
export async function fillSheet(page: Page, sheet: SheetInput): Promise<void> {
  await nav(page, 'つなぐシート');
  await page.getByRole('link', { name: '新しいつなぐシートを作成' }).click();
  await page.getByRole('heading', { name: 'つなぐシートの作成' }).waitFor(WAIT);
  const form = page.locator('form.intake-form');
  await form.getByLabel('氏名', { exact: true }).fill(sheet.name);
  await form.getByLabel('ふりがな', { exact: true }).fill(sheet.kana);
  await form.getByLabel('生年月日', { exact: true }).fill(sheet.birthDate);
  if (sheet.address) await form.getByLabel('住所', { exact: true }).fill(sheet.address);
  for (const trouble of sheet.troubles) {
    await form.getByLabel(trouble.label, { exact: true }).check();
    if (trouble.detail) await form.getByLabel(`${trouble.label}: 詳しく`).fill(trouble.detail);
  }
  for (const member of sheet.household) {
    await page.getByRole('button', { name: '世帯員を追加' }).click();
    const row = page.locator('.household-row').last();
    await row.getByLabel(/氏名$/).fill(member.name);
    await row.getByLabel(/続柄$/).selectOption(member.relation);
    await row.getByLabel(/続柄 \(シートの表記\)$/).fill(member.label);
    await row.getByLabel(/生年月日$/).fill(member.birthDate);
  }
  await form.getByLabel('つなぐ理由').fill(sheet.reason);
}

/** Sends the filled-in sheet; resolves on the referring agency's list of its sheets. */
export async function sendSheet(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'つなぐシートを送る' }).click();
  await page.getByRole('heading', { name: '送ったつなぐシート' }).waitFor(WAIT);
}

/** Opens the sheet about `subject` from the coordinator's inbox. */
export async function openFromInbox(page: Page, subject: string): Promise<void> {
  await nav(page, '受付箱');
  await page.getByRole('link', { name: subject }).click();
  await page.getByRole('heading', { name: 'つなぐシートの受付' }).waitFor(WAIT);
}

/** Accepts the open sheet as a new case titled `title`; returns the new case's id (from the address). */
export async function acceptAsNewCase(page: Page, title: string): Promise<string> {
  await page.getByLabel('ケース名').fill(title);
  await page.getByRole('button', { name: '受け付ける' }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor(WAIT);
  return decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
}
