import type { SharedBudget } from '../bus/shared-budget.ts';

/** Users whose leases are kept; the oldest are forgotten first (their few tokens with them). */
const MAX_KEYS = 10_000;
/** Tries at a fresh lease for one take (other connections of the user may use up each one first). */
const MAX_REFILLS = 4;

interface Lease {
  tokens: number;
  /** The lease being fetched, shared by every take that waits for it. */
  pending: Promise<number | null> | null;
}

/**
 * A per-key budget shared by all nodes (SharedBudget), taken in small leases so that typing costs
 * no Redis round trip per keystroke: a node takes `lease` tokens at once, spends them locally,
 * and fetches the next lease before this one runs out (prefetch), so an honest typist never waits
 * for Redis. Over all nodes a user gets the shared budget plus at most what the nodes hold in
 * leases not yet spent (about one lease and a half per node).
 *
 * take() answers true also when the shared budget cannot be reached (null from the store): the
 * caller's own node bucket, which is always charged as well, is then the only limit.
 */
export class LeasedBudget {
  private readonly leases = new Map<string, Lease>();
  private readonly lowWater: number;

  constructor(
    private readonly store: SharedBudget,
    private readonly name: string,
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly lease: number,
  ) {
    this.lowWater = Math.floor(lease / 4);
  }

  /** Spends one token; false when the shared budget is used up (over all nodes). */
  async take(key: string): Promise<boolean> {
    const lease = this.leaseOf(key);
    for (let i = 0; i < MAX_REFILLS; i++) {
      if (lease.tokens > 0) {
        lease.tokens -= 1;
        if (lease.tokens <= this.lowWater && !lease.pending) void this.refill(key, lease);
        return true;
      }
      const got = await this.refill(key, lease);
      if (got === null) return true; // shared budgets unreachable: this node's own bucket decides
      if (got === 0 && lease.tokens <= 0) return false;
    }
    return false;
  }

  /** Fetches one lease (once, however many takes wait for it); its tokens join the lease. */
  private refill(key: string, lease: Lease): Promise<number | null> {
    if (!lease.pending) {
      lease.pending = this.store
        .take(`${this.name}:${key}`, this.lease, this.burst, this.perSecond)
        .catch(() => null)
        .then((got) => {
          lease.pending = null;
          if (got !== null) lease.tokens += got;
          return got;
        });
    }
    return lease.pending;
  }

  private leaseOf(key: string): Lease {
    let lease = this.leases.get(key);
    if (!lease) {
      if (this.leases.size >= MAX_KEYS) this.leases.delete(this.leases.keys().next().value!);
      lease = { tokens: 0, pending: null };
      this.leases.set(key, lease);
    }
    return lease;
  }
}
