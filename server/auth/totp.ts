import { createHash, randomBytes } from 'node:crypto';
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from '@oslojs/otp';
import QRCode from 'qrcode';
import type { Db } from '../store/db.ts';

/**
 * TOTP (RFC 6238: 30-second steps, 6 digits, SHA-1, what every authenticator app reads) over
 * @oslojs/otp. Codes are checked against the current step and one either side (clock drift), and
 * a step once accepted is never accepted again: a code seen over a shoulder or in a proxy log
 * cannot be replayed. Too many wrong codes lock the second factor until an administrator unlocks.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const MAX_FAILED_CODES = 5;
const RECOVERY_CODE_COUNT = 10;

export type CodeCheck = 'ok' | 'wrong' | 'reused' | 'locked' | 'not_enrolled';

export async function totpEnrolled(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('user_totp').select('enrolled_at').where('user_id', '=', userId).executeTakeFirst();
  return !!row?.enrolled_at;
}

/** Starts (or restarts) enrolment with a fresh key; the old factor stays until the new one is confirmed. */
export async function startEnrolment(db: Db, userId: string, accountName: string, issuer: string) {
  const key = randomBytes(20);
  const existing = await db.selectFrom('user_totp').select('enrolled_at').where('user_id', '=', userId).executeTakeFirst();
  if (existing?.enrolled_at) throw new Error('already enrolled');
  if (existing) await db.updateTable('user_totp').set({ secret: key.toString('base64'), last_counter: 0, failed_count: 0 }).where('user_id', '=', userId).execute();
  else await db.insertInto('user_totp').values({ user_id: userId, secret: key.toString('base64'), enrolled_at: null }).execute();
  const otpauthUri = createTOTPKeyURI(issuer, accountName, key, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
  const secret = new URL(otpauthUri).searchParams.get('secret')!;
  const svg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** Checks a code for a user's (pending or enrolled) factor; on 'ok' the step is used up. */
export async function checkCode(db: Db, userId: string, code: string, options: { pending?: boolean } = {}): Promise<CodeCheck> {
  const row = await db.selectFrom('user_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row || (!options.pending && !row.enrolled_at) || (options.pending && row.enrolled_at)) return 'not_enrolled';
  if (row.failed_count >= MAX_FAILED_CODES) return 'locked';
  const key = new Uint8Array(Buffer.from(row.secret, 'base64'));
  const now = Math.floor(Date.now() / 1000 / TOTP_PERIOD_SECONDS);
  const last = Number(row.last_counter);
  for (const counter of [now - 1, now, now + 1]) {
    if (!verifyHOTP(key, BigInt(counter), TOTP_DIGITS, code)) continue;
    if (counter <= last) return 'reused';
    // Conditional update: two requests racing with the same code cannot both win.
    const result = await db
      .updateTable('user_totp')
      .set({ last_counter: counter, failed_count: 0, ...(options.pending ? { enrolled_at: new Date().toISOString() } : {}) })
      .where('user_id', '=', userId)
      .where('last_counter', '<', counter)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? 'ok' : 'reused';
  }
  await db.updateTable('user_totp').set({ failed_count: row.failed_count + 1 }).where('user_id', '=', userId).execute();
  return 'wrong';
}

export async function totpLocked(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('user_totp').select('failed_count').where('user_id', '=', userId).executeTakeFirst();
  return (row?.failed_count ?? 0) >= MAX_FAILED_CODES;
}

export async function unlockTotp(db: Db, userId: string): Promise<void> {
  await db.updateTable('user_totp').set({ failed_count: 0 }).where('user_id', '=', userId).execute();
}

/** Removes the factor and its recovery codes (re-enrolment by an administrator). */
export async function removeTotp(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  await db.deleteFrom('user_totp').where('user_id', '=', userId).execute();
}

const hashCode = (code: string) => createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('hex');

/** New recovery codes (replacing any old ones); only their hashes are kept. */
export async function issueRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = randomBytes(8).toString('hex'); // 64 bits each, single use
    return raw.match(/.{4}/g)!.join('-');
  });
  await db.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  await db.insertInto('user_recovery_codes').values(codes.map((c) => ({ user_id: userId, code_hash: hashCode(c), used_at: null }))).execute();
  return codes;
}

/** Uses up one recovery code; false when unknown or already used. */
export async function useRecoveryCode(db: Db, userId: string, code: string): Promise<boolean> {
  const result = await db
    .updateTable('user_recovery_codes')
    .set({ used_at: new Date().toISOString() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hashCode(code))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recoveryCodesLeft(db: Db, userId: string): Promise<number> {
  const rows = await db.selectFrom('user_recovery_codes').select('code_hash').where('user_id', '=', userId).where('used_at', 'is', null).execute();
  return rows.length;
}

/** For tests and tools: the code an authenticator would show now for a base32 secret. */
export function codeFor(key: Uint8Array, at = Date.now()): string {
  return generateHOTP(key, BigInt(Math.floor(at / 1000 / TOTP_PERIOD_SECONDS)), TOTP_DIGITS);
}
