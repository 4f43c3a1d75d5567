import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Db } from '../store/db.ts';
import { hashPassword } from '../auth/password.ts';
import type { CredentialIssued } from '../../shared/api/admin.ts';

/** Invitations work once, for three days. */
export const INVITATION_TTL_MS = 72 * 3600 * 1000;
// No 0/O, 1/l/I: read aloud or copied from a screen without mistakes.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

function oneTimePassword(): string {
  return Array.from({ length: 14 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/**
 * Gives a user a way in: a one-time password (shown once; must be replaced at first sign-in) or an
 * invitation link (the user sets their own password). Either replaces the old password, so a reset
 * also locks out whoever knew it; older unused invitations of the user stop working.
 */
export async function issueCredential(db: Db, userId: string, kind: CredentialIssued['kind'], byUserId: string, now = new Date()): Promise<CredentialIssued> {
  await db.deleteFrom('user_invitations').where('user_id', '=', userId).where('used_at', 'is', null).execute();
  if (kind === 'one_time_password') {
    const password = oneTimePassword();
    await db.updateTable('users').set({ password_hash: await hashPassword(password), must_change_password: 1 }).where('id', '=', userId).execute();
    return { kind, oneTimePassword: password };
  }
  // Until the invitation is accepted nobody knows the password.
  await db.updateTable('users').set({ password_hash: await hashPassword(randomBytes(32).toString('base64')), must_change_password: 0 }).where('id', '=', userId).execute();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS).toISOString();
  await db.insertInto('user_invitations').values({ token_hash: tokenHash(token), user_id: userId, expires_at: expiresAt, used_at: null, created_by: byUserId, created_at: now.toISOString() }).execute();
  return { kind, invitationPath: `/invite/${token}`, expiresAt };
}

/** The invitation behind a token, when it is unused, unexpired and its user still active. */
export async function openInvitation(db: Db, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await db
    .selectFrom('user_invitations')
    .innerJoin('users', 'users.id', 'user_invitations.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select(['user_invitations.token_hash', 'user_invitations.expires_at', 'user_invitations.used_at', 'users.id as user_id', 'users.username', 'users.display_name', 'users.deactivated_at', 'organisations.name as org_name'])
    .where('user_invitations.token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!row || row.used_at || row.deactivated_at || row.expires_at <= new Date().toISOString()) return null;
  return row;
}

/** Uses the invitation up and sets the password; false when someone used it first. */
export async function acceptInvitation(db: Db, token: string, passwordHash: string): Promise<string | null> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('user_invitations').select('user_id').where('token_hash', '=', tokenHash(token)).where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
    if (!row) return null;
    const used = await trx.updateTable('user_invitations').set({ used_at: now }).where('token_hash', '=', tokenHash(token)).where('used_at', 'is', null).executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return null;
    await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0 }).where('id', '=', row.user_id).execute();
    return row.user_id;
  });
}
