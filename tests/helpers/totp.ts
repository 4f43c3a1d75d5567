import { generateHOTP } from '@oslojs/otp';

/**
 * An authenticator app for tests: reads the base32 secret the server showed at enrolment and
 * makes codes from it. The server accepts each time step once (steps now-1..now+1), so nextCode()
 * hands out steps in order and waits for the clock when all three are used up, never guessing.
 */
const PERIOD_MS = 30_000;

export function base32Decode(text: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = text.replace(/=+$/, '').toUpperCase();
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const index = alphabet.indexOf(ch);
    if (index < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return new Uint8Array(bytes);
}

export class TestAuthenticator {
  private readonly key: Uint8Array;
  private lastStep = -Infinity;
  constructor(secret: string) {
    this.key = base32Decode(secret);
  }

  /**
   * A code for a step not used before. The server checks after we compute, so its step is ours
   * or the next: steps t and t+1 are good for both; past that, wait for the clock.
   */
  async nextCode(): Promise<string> {
    for (;;) {
      const now = Date.now();
      const step = Math.floor(now / PERIOD_MS);
      const candidate = Math.max(this.lastStep + 1, step);
      if (candidate <= step + 1) {
        this.lastStep = candidate;
        return generateHOTP(this.key, BigInt(candidate), 6);
      }
      await new Promise((r) => setTimeout(r, PERIOD_MS - (now % PERIOD_MS) + 50));
    }
  }

  /** A code that is certainly wrong (the right one with its last digit changed). */
  wrongCode(): string {
    const right = generateHOTP(this.key, BigInt(Math.floor(Date.now() / PERIOD_MS)), 6);
    return right.slice(0, 5) + String((Number(right[5]) + 5) % 10);
  }

  /** The code the app would show now (what a shoulder-surfer or a replayer has). */
  currentCode(): string {
    return generateHOTP(this.key, BigInt(Math.floor(Date.now() / PERIOD_MS)), 6);
  }
}
