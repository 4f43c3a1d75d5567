/**
 * Page helpers for the 役割分担 and 支援プラン panels (tests/e2e/roles-plan.test.ts,
 * tests/e2e/records-file.test.ts): switching to a panel and filling its add forms by their labels,
 * as a user does. Each add waits for the form's own "added" message, a positive marker.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { WAIT } from '../helpers/board-session.ts';

export async function showSection(page: Page, name: '役割分担' | '支援プラン'): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await page.getByTestId(name === '役割分担' ? 'roles-panel' : 'plan-panel').waitFor(WAIT);
}

/** Fills the label part (person + category) of an add form; ハルさん unless told otherwise. */
export async function pickLabel(form: Locator, category: string, person = 'p-haru'): Promise<void> {
  await form.getByLabel('対象者').selectOption(person);
  await form.getByLabel('情報の種類').selectOption(category);
}

export interface RoleExtras {
  /** 開始 as the date input takes it (yyyy-mm-dd); 2026-05-01 unless told. */
  from?: string;
  /** 担当者: the name of the person in charge at the agency. */
  personInCharge?: string;
}

/** Adds a 役割分担 row for the author's own agency (the form's default). */
export async function addRole(page: Page, role: string, category: string, status: string, extras: RoleExtras = {}): Promise<void> {
  const form = page.getByTestId('add-role-form');
  if (!(await form.isVisible())) await page.getByRole('button', { name: /役割を追加/ }).click();
  await pickLabel(form, category);
  await form.getByLabel('役割', { exact: true }).fill(role);
  if (extras.personInCharge !== undefined) await form.getByLabel('担当者').fill(extras.personInCharge);
  await form.getByLabel('開始').fill(extras.from ?? '2026-05-01');
  await form.getByLabel('状況').selectOption(status);
  await form.getByRole('button', { name: '追加する' }).click();
  await expect.poll(() => page.getByTestId('add-role-status').innerText(), WAIT).toContain('役割を追加しました');
}

/** Adds a 支援内容 row: what, who (an agency, by its value or its name) and by when (yyyy-mm-dd). */
export async function addPlanItem(page: Page, what: string, category: string, who: string, byWhen: string): Promise<void> {
  await page.getByRole('button', { name: /支援内容を追加/ }).click();
  const form = page.getByTestId('add-plan-item-form');
  await pickLabel(form, category);
  await form.getByLabel('何を').fill(what);
  await form.getByLabel('誰が').selectOption(who);
  await form.getByLabel('いつまでに').fill(byWhen);
  await form.getByRole('button', { name: '追加する' }).click();
  await expect.poll(() => page.getByTestId('add-plan-item-status').innerText(), WAIT).toContain('支援内容を追加しました');
}
