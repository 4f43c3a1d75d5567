/**
 * What the first administrator of a real installation does: the one-time command on the server,
 * then organisations and users on the administration screens.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { WAIT } from '../../helpers/board-session.ts';

const run = promisify(execFile);

/**
 * `npm run admin:create` as the operator runs it on the server (a child process on the same data
 * folder as the running server, no terminal: every answer on the command line).
 */
export async function adminCreate(dataDir: string, args: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  const flags = Object.entries(args).flatMap(([k, v]) => [`--${k}`, v]);
  return run('npm', ['run', '--silent', 'admin:create', '--', ...flags], {
    env: { ...process.env, KASANE_SEED_DEMO: '0', KASANE_DATA_DIR: dataDir, DATABASE_URL: '' },
  });
}

export async function addOrganisation(admin: Page, name: string, field: string, coordinating: boolean): Promise<void> {
  const form = admin.getByTestId('add-org');
  await form.locator('input[name=new-name]').fill(name);
  await form.locator('select[name=new-field]').selectOption(field);
  if (coordinating) await form.locator('input[name=new-coordinator]').check();
  await form.getByRole('button', { name: '追加' }).click();
  await admin.getByTestId('org-row').filter({ hasText: name }).waitFor(WAIT);
}

export interface NewUser {
  username: string;
  name: string;
  org: string;
  role: 'facilitator' | 'member';
  credential: 'one_time_password' | 'invitation';
}

/**
 * Adds a user and returns what the screen shows once (the one-time password or the invitation
 * link), leaving the notice open so the caller can photograph it.
 */
export async function addUser(admin: Page, u: NewUser): Promise<string> {
  const form = admin.getByTestId('add-user');
  await form.locator('input[name=displayName]').fill(u.name);
  await form.locator('input[name=username]').fill(u.username);
  await form.locator('select[name=orgId]').selectOption({ label: u.org });
  await form.locator('select[name=role]').selectOption(u.role);
  await form.locator(`input[name=credential][value=${u.credential}]`).check();
  await form.getByRole('button', { name: '追加' }).click();
  const notice = admin.getByTestId('credential').filter({ hasText: u.name });
  await notice.waitFor(WAIT);
  return (await notice.locator('code').textContent())!.trim();
}

export async function closeCredentialNotice(admin: Page): Promise<void> {
  await admin.getByTestId('credential').getByRole('button', { name: '閉じる' }).click();
}
