import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../store/db.ts';
import type { Database } from '../store/schema.ts';
import { hashPassword } from '../auth/password.ts';
import { passwordProblem } from '../auth/password-policy.ts';

export interface FirstAdminInput {
  username: string;
  displayName: string;
  password: string;
  /** The administrator's own organisation (the 福祉政策課 that runs the installation). */
  orgName: string;
  municipalityName?: string;
}

/** 'invalid': what was entered; 'exists': an administrator already exists; 'gone': the setup link was used meanwhile. */
export class FirstAdminRefused extends Error {
  constructor(
    message: string,
    readonly kind: 'invalid' | 'exists' | 'gone' = 'invalid',
  ) {
    super(message);
  }
}

export interface FirstAdminOptions {
  /**
   * Runs first inside the transaction (the setup link uses itself up here); false refuses with
   * 'gone' and rolls everything back, so one link makes at most one administrator.
   */
  consume?: (trx: Transaction<Database>) => Promise<boolean>;
}

/**
 * Creates the first administrator of a real installation, once: refused as soon as any active
 * administrator exists, so the command cannot be used to add a second way in later.
 */
export async function createFirstAdministrator(db: Db, input: FirstAdminInput, options: FirstAdminOptions = {}): Promise<{ userId: string; orgId: string }> {
  if (!/^[a-z0-9][a-z0-9._-]{2,31}$/.test(input.username)) throw new FirstAdminRefused('ログインIDは英小文字・数字・._- で3〜32文字です (username: 3-32 of a-z 0-9 . _ -)');
  if (!input.displayName.trim()) throw new FirstAdminRefused('氏名を入力してください (name is required)');
  const problem = passwordProblem(input.password, { username: input.username });
  if (problem) throw new FirstAdminRefused(problem);
  const passwordHash = await hashPassword(input.password);
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    if (options.consume && !(await options.consume(trx))) throw new FirstAdminRefused('この初期設定リンクは無効か期限切れです (this setup link is invalid or has expired)', 'gone');
    const admin = await trx.selectFrom('users').select('id').where('role', '=', 'administrator').where('deactivated_at', 'is', null).executeTakeFirst();
    if (admin) throw new FirstAdminRefused('管理者は既に登録されています。追加の管理者は管理画面から登録してください (an administrator already exists)', 'exists');
    const taken = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (taken) throw new FirstAdminRefused('そのログインIDは使われています (username taken)');
    const orgName = input.orgName.trim() || '福祉政策課';
    let org = await trx.selectFrom('organisations').select('id').where('name', '=', orgName).executeTakeFirst();
    if (!org) {
      org = { id: `org-${randomUUID()}` };
      await trx.insertInto('organisations').values({ id: org.id, name: orgName, field: 'administration', is_coordinator: 0 }).execute();
    }
    const userId = `u-${randomUUID()}`;
    await trx
      .insertInto('users')
      .values({ id: userId, username: input.username, password_hash: passwordHash, display_name: input.displayName.trim(), org_id: org.id, role: 'administrator', created_at: now })
      .execute();
    if (input.municipalityName?.trim()) {
      await trx.updateTable('municipality_settings').set({ name: input.municipalityName.trim(), updated_at: now, updated_by: userId }).where('id', '=', 1).execute();
    }
    return { userId, orgId: org.id };
  });
}
