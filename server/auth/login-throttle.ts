import { sql } from 'kysely';
import type { Db } from '../store/db.ts';
import { loginThrottleFromEnv, type ThrottleOptions } from '../config.ts';

export type { ThrottleOptions } from '../config.ts';

/** The defaults (configurable per installation: KASANE_LOGIN_* in server/config.ts). */
export const DEFAULT_THROTTLE: ThrottleOptions = loginThrottleFromEnv({});

/** Forgotten keys are deleted at most this often (by whichever attempt comes first), so a spray of names cannot grow the table for ever. */
const PRUNE_EVERY_MS = 60_000;

export type ThrottleScope = 'account' | 'address';

/** What reserve() decided: go ahead (and the lock this attempt imposes should it fail), or wait. */
export type Reservation =
  | { granted: true; lockMs: number; scope: ThrottleScope | null }
  | { granted: false; waitMs: number; scope: ThrottleScope };

/**
 * Sign-in throttling, per account name and per source address. A few failures are free (typos);
 * after that each further failure locks the key for twice as long as the last one (1 s, 2 s,
 * 4 s … up to 15 minutes). While locked, attempts are refused without checking the password, so
 * guessing gets nowhere even with the right one. The account key is the name as typed, whether
 * or not such a user exists: an unknown name is throttled exactly like a real one, and nothing in
 * the answer tells them apart. An address gets more free failures than an account (one office
 * behind one NAT address has many staff).
 *
 * An attempt is counted BEFORE its password is checked (reserve), as if it had failed, and given
 * back when it succeeds. Checking takes an argon2 hash (tens of milliseconds), so counting after
 * the check let a burst of parallel guesses all pass the check before any of them was counted: 50
 * at once got 50 guesses. Reserved first, a burst gets exactly what one-at-a-time guessing gets:
 * the free failures, plus the one attempt whose failure imposes the first lock; every later one
 * finds that lock already in place.
 *
 * The counters live in the store (login_throttle), not in a node's memory: attempts sent to
 * several nodes add up, a lock made on one node holds on all of them, and a restart forgets
 * nothing. Each reservation is one atomic upsert that refuses while the key is locked, so attempts
 * racing on two nodes are all counted and none slips past a lock. Lock times are epoch
 * milliseconds of the node that reserved: the nodes' clocks must agree (NTP).
 */
export class LoginThrottle {
  private lastPrune = 0;

  constructor(
    private readonly db: Db,
    private readonly options: ThrottleOptions = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds an attempt must wait now (0: none), and which key locks it. Reads only. */
  async check(username: string, address: string): Promise<{ waitMs: number; scope: ThrottleScope | null }> {
    const now = this.now();
    const keys = this.keys(username, address);
    const rows = await this.db
      .selectFrom('login_throttle')
      .select(['key', 'locked_until'])
      .where(
        'key',
        'in',
        keys.map((k) => k.key),
      )
      .execute();
    let result: { waitMs: number; scope: ThrottleScope | null } = { waitMs: 0, scope: null };
    for (const { key, scope } of keys) {
      const row = rows.find((r) => r.key === key);
      const wait = row ? Number(row.locked_until) - now : 0;
      if (wait > result.waitMs) result = { waitMs: wait, scope };
    }
    return result;
  }

  /**
   * Counts one attempt on both keys, unless either is locked. Granted: check the password, then
   * call succeeded() if it was right (a failure needs nothing more: it is already counted, and
   * its lock already imposed). The account is reserved first: attempts refused for the account
   * never touch the address, so one attacker's burst at one name does not use up the budget of
   * everybody behind the same address.
   */
  async reserve(username: string, address: string): Promise<Reservation> {
    const now = this.now();
    this.maybePrune(now);
    // Most refusals are found by a read (a locked key stays locked for a while): no write for them.
    const seen = await this.check(username, address);
    if (seen.waitMs > 0) return { granted: false, waitMs: seen.waitMs, scope: seen.scope! };
    const [account, addressKey] = this.keys(username, address);
    const first = await this.reserveKey(account!, now);
    if (first === null) return this.refused(username, address, 'account');
    const second = await this.reserveKey(addressKey!, now);
    if (second === null) {
      await this.release(account!);
      return this.refused(username, address, 'address');
    }
    return second > first ? { granted: true, lockMs: second, scope: 'address' } : { granted: true, lockMs: first, scope: first > 0 ? 'account' : null };
  }

  /** The password was right: the account's count is cleared, and the address gets its attempt back. */
  async succeeded(username: string, address: string): Promise<void> {
    await this.clearAccount(username);
    await this.release(this.keys(username, address)[1]!);
  }

  /** Forgets the account name's failures and lock (a sign-in, or an administrator's unlock). */
  async clearAccount(username: string): Promise<void> {
    await this.db.deleteFrom('login_throttle').where('key', '=', accountKey(username)).execute();
  }

  /** Deletes keys whose failures are forgotten and whose lock is over (they would count from 1 again anyway). */
  async prune(now = this.now()): Promise<void> {
    await this.db
      .deleteFrom('login_throttle')
      .where('last_failure', '<', now - this.options.forgetAfterMs)
      .where('locked_until', '<=', now)
      .execute();
  }

  /**
   * One more attempt on `key`, atomically, unless it is locked (then null). Returns the lock the
   * attempt imposes should it fail (0 within the free ones). Past the free ones the upsert itself
   * sets a first, shortest lock, so a parallel attempt arriving before the exact lock is written
   * is already refused; the exact (longer) lock follows at once and never shortens another's.
   */
  private async reserveKey({ key, free }: Key, now: number): Promise<number | null> {
    const { baseLockMs } = this.options;
    const forgotten = sql<boolean>`login_throttle.last_failure < ${now - this.options.forgetAfterMs}`;
    const count = sql<number>`CASE WHEN ${forgotten} THEN 1 ELSE login_throttle.failures + 1 END`;
    const row = await this.db
      .insertInto('login_throttle')
      .values({ key, failures: 1, locked_until: 1 > free ? now + baseLockMs : 0, last_failure: now })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet({
            failures: count,
            locked_until: sql<number>`CASE WHEN ${count} > ${free} THEN ${now + baseLockMs} ELSE login_throttle.locked_until END`,
            last_failure: now,
          })
          .where('login_throttle.locked_until', '<=', now),
      )
      .returning('failures')
      .executeTakeFirst();
    if (!row) return null;
    const failures = Number(row.failures);
    if (failures <= free) return 0;
    const lockMs = Math.min(this.options.maxLockMs, baseLockMs * 2 ** Math.min(30, failures - free - 1));
    if (lockMs > baseLockMs) {
      const until = now + lockMs;
      await this.db
        .updateTable('login_throttle')
        .set({ locked_until: sql<number>`CASE WHEN locked_until < ${until} THEN ${until} ELSE locked_until END` })
        .where('key', '=', key)
        .execute();
    }
    return lockMs;
  }

  /**
   * Gives one reserved attempt back. Back within the free ones, the key is not locked (a lock
   * only ever comes from an attempt past them, and this one no longer counts).
   */
  private async release({ key, free }: Key): Promise<void> {
    await this.db
      .updateTable('login_throttle')
      .set({
        failures: sql<number>`failures - 1`,
        locked_until: sql<number>`CASE WHEN failures - 1 <= ${free} THEN 0 ELSE locked_until END`,
      })
      .where('key', '=', key)
      .where('failures', '>', 0)
      .execute();
  }

  /** Refused by a lock set between the first read and the reservation (a parallel attempt's). */
  private async refused(username: string, address: string, scope: ThrottleScope): Promise<Reservation> {
    const seen = await this.check(username, address);
    return { granted: false, waitMs: Math.max(1, seen.waitMs), scope: seen.scope ?? scope };
  }

  private maybePrune(now: number): void {
    if (now - this.lastPrune <= PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    void this.prune(now).catch((error) => console.error('[auth] pruning the sign-in throttle failed:', error));
  }

  private keys(username: string, address: string): Key[] {
    return [
      { key: accountKey(username), scope: 'account', free: this.options.accountFreeFailures },
      { key: `address:${address}`, scope: 'address', free: this.options.addressFreeFailures },
    ];
  }
}

interface Key {
  key: string;
  scope: ThrottleScope;
  free: number;
}

function accountKey(username: string): string {
  return `account:${username.normalize('NFKC').toLowerCase()}`;
}
