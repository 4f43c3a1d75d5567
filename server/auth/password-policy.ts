import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** NIST SP 800-63B: length over composition rules, and no password from a list of common ones. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

const COMMON = new Set(
  readFileSync(fileURLToPath(new URL('./common-passwords.txt', import.meta.url)), 'utf8')
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line !== '' && !line.startsWith('#')),
);

/** null when acceptable; else a message for the person choosing it (Japanese, English after). */
export function passwordProblem(password: string, context: { username?: string } = {}): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `パスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください (at least ${MIN_PASSWORD_LENGTH} characters)`;
  if (length > MAX_PASSWORD_LENGTH) return `パスワードは${MAX_PASSWORD_LENGTH}文字以内にしてください (at most ${MAX_PASSWORD_LENGTH} characters)`;
  const lower = password.trim().toLowerCase();
  if (COMMON.has(lower)) return 'よく使われるパスワードのため使えません (this password is too common)';
  if (/^(.)\1+$/.test(password)) return '同じ文字の繰り返しは使えません (a single repeated character is not allowed)';
  if (context.username && lower.includes(context.username.toLowerCase())) return 'ログインIDを含むパスワードは使えません (must not contain the username)';
  return null;
}
