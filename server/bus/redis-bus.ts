import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Bus, BusHealth, ControlTransport } from './bus.ts';
import { LocalControl } from './bus.ts';
import { RedisBudget } from './shared-budget.ts';

/**
 * Redis pub/sub between nodes. Every message is framed as [node id length][node id][payload], so
 * a node drops its own messages. Channels are prefixed per deployment (and per test run).
 *
 * An outage must neither block nor crash the node: publishing while Redis is unreachable drops
 * the message at once (everything that matters is stored first; see bus.ts), subscribing while it
 * is unreachable registers the handler and subscribes when Redis is back. Each time the
 * subscriber connection is ready again (its subscriptions confirmed), `onResumed` listeners run so
 * that the node recovers from the stores what pub/sub lost meanwhile.
 */
export class RedisBus implements Bus {
  readonly nodeId = randomUUID();
  /** Set by the composition root (the durable log needs the database). */
  control: ControlTransport = new LocalControl();
  /** Per-user rate budgets over all nodes, on a Redis connection of their own. */
  readonly budget: RedisBudget;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, Set<(payload: Uint8Array) => void>>();
  private readonly resumedListeners = new Set<() => void>();
  private readonly self: Buffer;
  private reachable = false;
  private since: string | null = null;
  private closing = false;
  /** Messages not sent because Redis was unreachable (health detail). */
  dropped = 0;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    // pub: fail fast while disconnected (no queue that would hold an API call hostage).
    this.pub = new Redis(url, { lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 1, retryStrategy: retry });
    // sub: this class (re)subscribes itself on every 'ready' (see resumed()), so nothing is
    // queued while disconnected and ioredis's own re-subscription is off.
    this.sub = new Redis(url, { lazyConnect: false, enableOfflineQueue: false, autoResubscribe: false, maxRetriesPerRequest: 1, retryStrategy: retry });
    this.self = Buffer.from(this.nodeId);
    this.budget = new RedisBudget(url, `${prefix}budget:`);
    let lastError = '';
    for (const client of [this.pub, this.sub]) {
      client.on('error', (error: Error) => {
        // One line per distinct error, not one per reconnection attempt.
        if (error.message !== lastError) console.error('[bus] redis:', error.message);
        lastError = error.message;
      });
      client.on('close', () => this.updateReachable());
      client.on('ready', () => {
        lastError = '';
        this.updateReachable();
      });
    }
    this.sub.on('ready', () => void this.resumed());
    this.sub.on('messageBuffer', (channelBuffer: Buffer, message: Buffer) => {
      const channel = channelBuffer.toString();
      const set = this.handlers.get(channel);
      if (!set || message.length < 1) return;
      const idLength = message[0]!;
      if (message.subarray(1, 1 + idLength).equals(this.self)) return;
      const payload = new Uint8Array(message.subarray(1 + idLength));
      for (const handler of set) {
        try {
          handler(payload);
        } catch (error) {
          console.error(`[bus] handler for ${channel} failed:`, error);
        }
      }
    });
  }

  private updateReachable(): void {
    const now = this.pub.status === 'ready' && this.sub.status === 'ready';
    if (now === this.reachable) return;
    this.reachable = now;
    this.since = new Date().toISOString();
    if (this.closing) return;
    if (now) console.log('[bus] Redis reachable: messages between nodes flow again');
    else console.error('[bus] Redis unreachable: documents are re-read from the store when it is back; control events travel through the store');
  }

  /** The subscriber is (re)connected: subscribe every channel again, then tell the listeners. */
  private async resumed(): Promise<void> {
    try {
      const channels = [...this.handlers.keys()];
      if (channels.length > 0) await this.sub.subscribe(...channels);
    } catch {
      return; // Lost again already; the next 'ready' tries again.
    }
    for (const listener of this.resumedListeners) {
      try {
        listener();
      } catch (error) {
        console.error('[bus] resume listener failed:', error);
      }
    }
  }

  async publish(channel: string, payload: Uint8Array): Promise<void> {
    if (this.pub.status !== 'ready') {
      this.dropped += 1;
      return;
    }
    const frame = Buffer.concat([Buffer.from([this.self.length]), this.self, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)]);
    try {
      await this.pub.publish(this.prefix + channel, frame);
    } catch {
      this.dropped += 1;
    }
  }

  async subscribe(channel: string, handler: (payload: Uint8Array) => void): Promise<() => Promise<void>> {
    const full = this.prefix + channel;
    let set = this.handlers.get(full);
    if (!set) {
      set = new Set();
      this.handlers.set(full, set);
      // While Redis is down the caller must not wait (a document opens from the store during an
      // outage): the channel is subscribed on the next 'ready', and onResumed covers the gap.
      if (this.sub.status === 'ready') {
        await this.sub.subscribe(full).catch((error: Error) => console.error(`[bus] subscribing ${channel} failed:`, error.message));
      }
    }
    set.add(handler);
    return async () => {
      const current = this.handlers.get(full);
      if (!current) return;
      current.delete(handler);
      if (current.size === 0) {
        this.handlers.delete(full);
        if (this.sub.status === 'ready') await this.sub.unsubscribe(full).catch(() => {});
      }
    };
  }

  health(): BusHealth {
    return { kind: 'redis', reachable: this.reachable, since: this.since };
  }

  onResumed(listener: () => void): () => void {
    this.resumedListeners.add(listener);
    return () => this.resumedListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.control.close();
    await this.budget.close();
    // quit() waits for the server's answer; with Redis unreachable there is none: just disconnect.
    await Promise.all(
      [this.pub, this.sub].map((client) => (client.status === 'ready' ? client.quit().then(() => {}, () => client.disconnect()) : client.disconnect())),
    );
  }
}

/** Reconnect quickly at first, then every second: an outage of a few seconds heals in about one. */
function retry(attempt: number): number {
  return Math.min(50 * attempt, 1000);
}
