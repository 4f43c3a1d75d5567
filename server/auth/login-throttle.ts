import { sql } from 'kysely';
import type { Db } from '../store/db.ts';
import { loginThrottleFromEnv, type ThrottleOptions } from '../config.ts';

export type { ThrottleOptions } from '../config.ts';

/** The defaults (configurable per installation: KASANE_LOGIN_* in server/config.ts). */
export const DEFAULT_THROTTLE: ThrottleOptions = loginThrottleFromEnv({});

/** Forgotten keys are deleted at most this often (by whichever failure comes first), so a spray of names cannot grow the table for ever. */
const PRUNE_EVERY_MS = 60_000;

export type ThrottleScope = 'account' | 'address';

/**
 * Sign-in throttling, per account name and per source address. A few failures are free (typos);
 * after that each further failure locks the key for twice as long as the last one (1 s, 2 s,
 * 4 s … up to 15 minutes). While locked, attempts are refused without checking the password, so
 * guessing gets nowhere even with the right one. The account key is the name as typed, whether
 * or not such a user exists: an unknown name is throttled exactly like a real one, and nothing in
 * the answer tells them apart. An address gets more free failures than an account (one office
 * behind one NAT address has many staff).
 *
 * The counters live in the store (login_throttle), not in a node's memory: failures sent to
 * several nodes add up, a lock made on one node holds on all of them, and a restart forgets
 * nothing. There is no cache in front: each attempt reads its two keys (a sign-in costs an argon2
 * hash, which dwarfs that read), and an administrator's unlock takes effect on every node at once.
 * Each failure is counted by one atomic upsert, so failures racing on two nodes are both counted.
 * Lock times are epoch milliseconds of the node that failed: the nodes' clocks must agree (NTP).
 */
export class LoginThrottle {
  private lastPrune = 0;

  constructor(
    private readonly db: Db,
    private readonly options: ThrottleOptions = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds the attempt must wait (0: go ahead), and which key locks it. */
  async check(username: string, address: string): Promise<{ waitMs: number; scope: ThrottleScope | null }> {
    const now = this.now();
    const keys = this.keys(username, address);
    const rows = await this.db
      .selectFrom('login_throttle')
      .select(['key', 'locked_until'])
      .where(
        'key',
        'in',
        keys.map(([key]) => key),
      )
      .execute();
    let result: { waitMs: number; scope: ThrottleScope | null } = { waitMs: 0, scope: null };
    for (const [key, scope] of keys) {
      const row = rows.find((r) => r.key === key);
      const wait = row ? Number(row.locked_until) - now : 0;
      if (wait > result.waitMs) result = { waitMs: wait, scope };
    }
    return result;
  }

  /** Records a failure; returns the lock it imposed (0 when still within the free failures). */
  async failed(username: string, address: string): Promise<{ lockMs: number; scope: ThrottleScope | null }> {
    const now = this.now();
    let result: { lockMs: number; scope: ThrottleScope | null } = { lockMs: 0, scope: null };
    for (const [key, scope] of this.keys(username, address)) {
      const failures = await this.countFailure(key, now);
      const free = scope === 'account' ? this.options.accountFreeFailures : this.options.addressFreeFailures;
      if (failures <= free) continue;
      const lockMs = Math.min(this.options.maxLockMs, this.options.baseLockMs * 2 ** Math.min(30, failures - free - 1));
      const until = now + lockMs;
      // Never shortens a lock another node set meanwhile (its failure count was higher).
      await this.db
        .updateTable('login_throttle')
        .set({ locked_until: sql<number>`CASE WHEN locked_until < ${until} THEN ${until} ELSE locked_until END` })
        .where('key', '=', key)
        .execute();
      if (lockMs > result.lockMs) result = { lockMs, scope };
    }
    if (now - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = now;
      void this.prune(now).catch((error) => console.error('[auth] pruning the sign-in throttle failed:', error));
    }
    return result;
  }

  /** A successful sign-in clears the account's failures (not the address's: one's own account must not reset a spray). */
  async succeeded(username: string): Promise<void> {
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

  /** One more failure of `key`, atomically (counting from 1 again once the old ones are forgotten); returns the count. */
  private async countFailure(key: string, now: number): Promise<number> {
    const forgottenBefore = now - this.options.forgetAfterMs;
    const row = await this.db
      .insertInto('login_throttle')
      .values({ key, failures: 1, locked_until: 0, last_failure: now })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`CASE WHEN login_throttle.last_failure < ${forgottenBefore} AND login_throttle.locked_until <= ${now} THEN 1 ELSE login_throttle.failures + 1 END`,
          last_failure: now,
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    return Number(row.failures);
  }

  private keys(username: string, address: string): [string, ThrottleScope][] {
    return [
      [accountKey(username), 'account'],
      [`address:${address}`, 'address'],
    ];
  }
}

function accountKey(username: string): string {
  return `account:${username.normalize('NFKC').toLowerCase()}`;
}
