/**
 * Sign-in throttling, per account name and per source address. A few failures are free (typos);
 * after that each further failure locks the key for twice as long as the last one (1 s, 2 s,
 * 4 s … up to 15 minutes). While locked, attempts are refused without checking the password, so
 * guessing gets nowhere even with the right one. The account key is the name as typed, whether
 * or not such a user exists: an unknown name is throttled exactly like a real one, and nothing in
 * the answer tells them apart. An address gets more free failures than an account (one office
 * behind one NAT address has many staff). Kept in memory per node.
 */
export interface ThrottleOptions {
  accountFreeFailures: number;
  addressFreeFailures: number;
  baseLockMs: number;
  maxLockMs: number;
  /** Failures are forgotten after this long without another one. */
  forgetAfterMs: number;
}

export const DEFAULT_THROTTLE: ThrottleOptions = {
  accountFreeFailures: 5,
  addressFreeFailures: 30,
  baseLockMs: 1000,
  maxLockMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

/** Keys remembered at most (oldest first out), so a spray of names cannot grow memory. */
const MAX_KEYS = 100_000;

interface Entry {
  failures: number;
  lockedUntil: number;
  lastFailure: number;
}

export type ThrottleScope = 'account' | 'address';

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: ThrottleOptions = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds the attempt must wait (0: go ahead), and which key locks it. */
  check(username: string, address: string): { waitMs: number; scope: ThrottleScope | null } {
    const now = this.now();
    let result: { waitMs: number; scope: ThrottleScope | null } = { waitMs: 0, scope: null };
    for (const [key, scope] of this.keys(username, address)) {
      const entry = this.live(key, now);
      const wait = entry ? entry.lockedUntil - now : 0;
      if (wait > result.waitMs) result = { waitMs: wait, scope };
    }
    return result;
  }

  /** Records a failure; returns the lock it imposed (0 when still within the free failures). */
  failed(username: string, address: string): { lockMs: number; scope: ThrottleScope | null } {
    const now = this.now();
    let result: { lockMs: number; scope: ThrottleScope | null } = { lockMs: 0, scope: null };
    for (const [key, scope] of this.keys(username, address)) {
      const entry = this.live(key, now) ?? { failures: 0, lockedUntil: 0, lastFailure: now };
      entry.failures += 1;
      entry.lastFailure = now;
      const free = scope === 'account' ? this.options.accountFreeFailures : this.options.addressFreeFailures;
      if (entry.failures > free) {
        const lockMs = Math.min(this.options.maxLockMs, this.options.baseLockMs * 2 ** Math.min(30, entry.failures - free - 1));
        entry.lockedUntil = now + lockMs;
        if (lockMs > result.lockMs) result = { lockMs, scope };
      }
      this.entries.delete(key);
      if (this.entries.size >= MAX_KEYS) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, entry);
    }
    return result;
  }

  /** A successful sign-in clears the account's failures (not the address's: one's own account must not reset a spray). */
  succeeded(username: string): void {
    this.entries.delete(accountKey(username));
  }

  private keys(username: string, address: string): [string, ThrottleScope][] {
    return [
      [accountKey(username), 'account'],
      [`address:${address}`, 'address'],
    ];
  }

  private live(key: string, now: number): Entry | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (now - entry.lastFailure > this.options.forgetAfterMs && entry.lockedUntil <= now) {
      this.entries.delete(key);
      return null;
    }
    return entry;
  }
}

function accountKey(username: string): string {
  return `account:${username.normalize('NFKC').toLowerCase()}`;
}
