import { Redis } from 'ioredis';

/**
 * Token buckets kept where every node sees them (Redis), for budgets that belong to a person
 * rather than to one node: a user on two nodes must not get twice the updates.
 *
 * take() answers how many of the wanted tokens were granted, or null when the shared buckets
 * cannot be reached: the caller then relies on its own node's bucket. An outage costs at most one
 * short wait (TIMEOUT_MS); for the next second nobody waits for Redis at all. A Redis blip must
 * never stop an honest typist, nor crash the node: every failure becomes null.
 */
export interface SharedBudget {
  take(key: string, want: number, burst: number, perSecond: number): Promise<number | null>;
}

/** Longer than a healthy Redis ever needs on a LAN; short enough that a hung one is barely felt. */
const TIMEOUT_MS = 250;
/** After a failure, this long without asking (each node keeps its own budget meanwhile). */
const BACKOFF_MS = 1000;

/**
 * The bucket in Redis: refilled from Redis's own clock (one clock for every node), at most
 * `burst` tokens, expiring once it would be full again (an idle user costs nothing).
 */
const TAKE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local want = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local v = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(v[1])
local at = tonumber(v[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
end
if now > at then tokens = math.min(burst, tokens + (now - at) * rate / 1000) end
local got = math.max(0, math.min(want, math.floor(tokens)))
tokens = tokens - got
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
local ttl = 3600000
if rate > 0 then ttl = math.ceil((burst - tokens) / rate * 1000) + 1000 end
redis.call('PEXPIRE', KEYS[1], ttl)
return got
`;

type WithTake = Redis & { kasaneTake(key: string, want: number, burst: number, perSecond: number): Promise<number> };

export class RedisBudget implements SharedBudget {
  private readonly redis: WithTake;
  private downUntil = 0;
  private down = false;
  /** Before the first connection nothing is "unavailable" yet (a node starting up says nothing). */
  private everReady = false;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    // A connection of its own: a lease never queues behind a large document update being published.
    // No offline queue: while disconnected a command fails at once instead of waiting.
    const redis = new Redis(url, { lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: (n) => Math.min(50 * n, 1000) });
    // The bus logs connection errors already; this connection's would only repeat them.
    redis.on('error', () => {});
    // ioredis sends EVALSHA and falls back to EVAL, so a restarted (empty) Redis is no error.
    redis.defineCommand('kasaneTake', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    redis.on('ready', () => {
      this.everReady = true;
      this.downUntil = 0;
      if (this.down) this.recovered();
    });
    this.redis = redis as WithTake;
  }

  async take(key: string, want: number, burst: number, perSecond: number): Promise<number | null> {
    if (Date.now() < this.downUntil) return null;
    if (this.redis.status !== 'ready') return this.everReady ? this.failed('not connected') : null;
    let timer: NodeJS.Timeout | undefined;
    try {
      const got = await Promise.race([
        this.redis.kasaneTake(this.prefix + key, want, burst, perSecond),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS))),
      ]);
      if (this.down) this.recovered();
      return Number(got);
    } catch (error) {
      return this.failed(error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await (this.redis.status === 'ready' ? this.redis.quit().then(() => {}, () => this.redis.disconnect()) : this.redis.disconnect());
  }

  private recovered(): void {
    this.down = false;
    console.log('[budget] Redis reachable: per-user budgets are shared by all nodes again');
  }

  private failed(why: string): null {
    this.downUntil = Date.now() + BACKOFF_MS;
    if (!this.down) {
      this.down = true;
      console.error(`[budget] shared per-user budgets unavailable (${why}): each node keeps its own until Redis answers again`);
    }
    return null;
  }
}
