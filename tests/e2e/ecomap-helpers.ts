/**
 * Page helpers for tests/e2e/ecomap.test.ts: finding the ecomap's rows and actions the way a user
 * does (by visible names and labels), filling its forms, and watching for leaks.
 */
import type { Page } from 'playwright-core';
import { WAIT } from '../helpers/board-session.ts';
import { seriousViolations as violations, watchForLeaks } from '../helpers/page-watch.ts';

export { WAIT } from '../helpers/board-session.ts';
export { leaked } from '../helpers/page-watch.ts';

export const nodeRows = (page: Page) => page.getByTestId('eco-node-row');
// By the row's name only: a row's details name its supplier, which may be another row's name.
export const nodeRow = (page: Page, label: string) => nodeRows(page).filter({ has: page.locator('.eco-row-name', { hasText: new RegExp(`^${label}$`) }) });
export const nodeLabels = (page: Page) => nodeRows(page).locator('.eco-row-name').allInnerTexts();
export const edgeRows = (page: Page) => page.getByTestId('eco-edge-row');
export const edgeTexts = (page: Page) => edgeRows(page).allInnerTexts();
export const toolbar = (page: Page) => page.getByRole('group', { name: 'エコマップの操作' });
export const position = async (page: Page, label: string) => {
  const row = nodeRow(page, label);
  return { x: Number(await row.getAttribute('data-x')), y: Number(await row.getAttribute('data-y')) };
};

/** Serious or critical axe violations inside the ecomap. */
export const seriousViolations = (page: Page) => violations(page, '[data-testid=ecomap]');

/** Records whether any of `texts` ever enters the ecomap's canvas or lists (even for a moment). */
export const watchEcomapForLeaks = (page: Page, texts: string[]) =>
  watchForLeaks(page, texts, { within: '[data-testid=ecomap-canvas], [data-testid=ecomap-lists]', attributes: true });

export interface ResourceInput {
  kind: 'agency' | 'service' | 'informal';
  orgId?: string;
  name?: string;
  category: string;
}

/** Adds a resource about ハルさん through the keyboard-operable form. */
export async function addResource(page: Page, r: ResourceInput): Promise<void> {
  await toolbar(page).getByRole('button', { name: '社会資源を追加' }).click();
  const form = page.getByTestId('eco-add-node-form');
  await form.getByLabel('種類', { exact: true }).selectOption(r.kind);
  if (r.orgId) await form.getByLabel('機関', { exact: true }).selectOption(r.orgId);
  if (r.name) await form.getByLabel('名称').fill(r.name);
  await form.getByLabel('関係する世帯員').selectOption('p-haru');
  await form.getByLabel('情報の種類').selectOption(r.category);
  await form.getByRole('button', { name: '追加する' }).click();
  await form.waitFor({ state: 'detached', ...WAIT });
}

/** Draws a relationship through the connect form (the keyboard way; the canvas drag is tested too). */
export async function connect(page: Page, from: string, to: string, strength: string, direction: string, label: string): Promise<void> {
  await toolbar(page).getByRole('button', { name: '関係線を引く' }).click();
  const form = page.getByTestId('eco-connect-form');
  await form.getByLabel('起点').selectOption({ label: from });
  await form.getByLabel('相手').selectOption({ label: to });
  await form.getByLabel('関係の種類').selectOption(strength);
  await form.getByLabel('支援・働きかけの向き').selectOption(direction);
  await form.getByLabel('メモ (短く)').fill(label);
  await form.getByRole('button', { name: '線を引く' }).click();
  await form.waitFor({ state: 'detached', ...WAIT });
}

