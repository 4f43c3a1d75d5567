import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Bus } from './bus.ts';

/**
 * Redis pub/sub between nodes. Every message is framed as [node id length][node id][payload], so
 * a node drops its own messages. Channels are prefixed per deployment (and per test run).
 */
export class RedisBus implements Bus {
  readonly nodeId = randomUUID();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, Set<(payload: Uint8Array) => void>>();
  private readonly self: Buffer;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.sub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.self = Buffer.from(this.nodeId);
    for (const client of [this.pub, this.sub]) client.on('error', (error) => console.error('[bus] redis:', error.message));
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

  async publish(channel: string, payload: Uint8Array): Promise<void> {
    const frame = Buffer.concat([Buffer.from([this.self.length]), this.self, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)]);
    await this.pub.publish(this.prefix + channel, frame);
  }

  async subscribe(channel: string, handler: (payload: Uint8Array) => void): Promise<() => Promise<void>> {
    const full = this.prefix + channel;
    let set = this.handlers.get(full);
    if (!set) {
      set = new Set();
      this.handlers.set(full, set);
      await this.sub.subscribe(full);
    }
    set.add(handler);
    return async () => {
      const current = this.handlers.get(full);
      if (!current) return;
      current.delete(handler);
      if (current.size === 0) {
        this.handlers.delete(full);
        await this.sub.unsubscribe(full).catch(() => {});
      }
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.pub.quit().catch(() => {}), this.sub.quit().catch(() => {})]);
  }
}
