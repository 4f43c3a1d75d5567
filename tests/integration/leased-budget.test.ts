import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { RedisBudget, type SharedBudget } from '../../server/bus/shared-budget.ts';
import { LeasedBudget } from '../../server/collab/leased-budget.ts';
import { startRedis } from '../helpers/cluster.ts';
import { waitUntil } from '../helpers/ws.ts';

/** A shared store double: a plain bucket with no refill, counting the round trips asked of it. */
class CountingStore implements SharedBudget {
  calls = 0;
  answer: 'tokens' | 'unreachable' = 'tokens';
  constructor(private left: number) {}
  async take(_key: string, want: number): Promise<number | null> {
    this.calls += 1;
    await new Promise((r) => setTimeout(r, 1));
    if (this.answer === 'unreachable') return null;
    const got = Math.min(want, this.left);
    this.left -= got;
    return got;
  }
}

describe('LeasedBudget: the shared budget in leases', () => {
  it('spends exactly the shared tokens, one round trip per lease, and refuses once they are gone', async () => {
    const store = new CountingStore(100);
    const budget = new LeasedBudget(store, 'u', 100, 0, 20);
    const answers: boolean[] = [];
    for (let i = 0; i < 110; i++) answers.push(await budget.take('user'));
    expect(answers.filter(Boolean)).toHaveLength(100);
    expect(answers.slice(100)).toEqual(Array(10).fill(false));
    // Five leases of 20, plus the prefetches and refusals that found the bucket empty: nowhere near 110.
    expect(store.calls).toBeLessThan(30);
  });

  it('many takes at once wait for one lease request, not one each', async () => {
    const store = new CountingStore(1000);
    const budget = new LeasedBudget(store, 'u', 1000, 0, 20);
    const answers = await Promise.all(Array.from({ length: 15 }, () => budget.take('user')));
    expect(answers).toEqual(Array(15).fill(true));
    // One lease for the fifteen, and the prefetch their spending triggered.
    expect(store.calls).toBeLessThanOrEqual(2);
  });

  it('an unreachable store lets updates through (the node’s own bucket decides), and the budget holds again once it answers', async () => {
    const store = new CountingStore(5);
    const budget = new LeasedBudget(store, 'u', 5, 0, 5);
    store.answer = 'unreachable';
    const during = await Promise.all(Array.from({ length: 50 }, () => budget.take('user')));
    expect(during).toEqual(Array(50).fill(true));
    store.answer = 'tokens';
    const after: boolean[] = [];
    for (let i = 0; i < 7; i++) after.push(await budget.take('user'));
    expect(after).toEqual([true, true, true, true, true, false, false]);
  });
});

describe('RedisBudget on a Redis of the test’s own', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let budget: RedisBudget;
  beforeAll(async () => {
    redis = await startRedis();
    budget = new RedisBudget(redis.url, `kasane-test-${randomUUID()}:`);
    await waitUntil(async () => (await budget.take('warm-up', 1, 1, 0)) !== null, 5000, 'the budget connection');
  });
  afterAll(async () => {
    await budget.close();
    await redis.dispose();
  });

  it('grants at most the burst, in the pieces asked for, and one bucket per key', async () => {
    const got = [];
    for (let i = 0; i < 4; i++) got.push(await budget.take('user-a', 20, 50, 0));
    expect(got).toEqual([20, 20, 10, 0]);
    expect(await budget.take('user-b', 20, 50, 0)).toBe(20);
  });

  it('refills at its rate, by Redis’s clock', async () => {
    expect(await budget.take('refill', 100, 100, 1000)).toBe(100);
    // At 1000 a second the bucket holds some again a few milliseconds later (whenever that is).
    await waitUntil(async () => ((await budget.take('refill', 1, 100, 1000)) ?? 0) > 0, 5000, 'a refilled token');
  });

  it('a hung Redis (stopped, connections open) answers null instead of holding the update, and its answers come back after', async () => {
    redis.pause();
    try {
      // Without a timeout this would wait as long as Redis hangs (the test would time out).
      expect(await budget.take('hung', 1, 10, 0)).toBeNull();
      // Backing off: no further wait for Redis meanwhile.
      expect(await budget.take('hung', 1, 10, 0)).toBeNull();
    } finally {
      redis.resume();
    }
    await waitUntil(async () => (await budget.take('hung', 1, 10, 0)) === 1, 10_000, 'answers again after the hang');
  });

  it('a killed Redis answers null, never throws; after a restart the budget is there again', async () => {
    await redis.stop();
    expect(await budget.take('killed', 1, 10, 0)).toBeNull();
    await redis.start();
    await waitUntil(async () => (await budget.take('killed', 1, 10, 0)) === 1, 10_000, 'answers again after the restart');
  });
});
