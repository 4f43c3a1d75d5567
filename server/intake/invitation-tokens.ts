import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** The link's secret: 32 random bytes, base64url. Only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Wrong codes allowed before the invitation stops working (a 6-digit code must not be guessable). */
export const MAX_CODE_ATTEMPTS = 5;
