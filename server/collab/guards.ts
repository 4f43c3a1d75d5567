import * as Y from 'yjs';
import type { CollabLimits } from '../config.ts';
import { ClientIdOwners } from './client-ids.ts';
import { TokenBucket } from './token-bucket.ts';
import type { Room } from './room.ts';

/** Users whose buckets are kept; the idle ones (bucket full again) are forgotten first. */
const MAX_USERS = 10_000;

/**
 * What one node shares between its connections to keep one participant from hurting the others:
 * per-user update buckets (several tabs of one person share one), client-id owners, and each
 * live document's size.
 */
export class CollabGuards {
  readonly owners = new ClientIdOwners();
  private readonly userBuckets = new Map<string, TokenBucket>();
  /** An upper estimate of each document's encoded size: exact at first use, plus every update since. */
  private readonly docSizes = new WeakMap<Room, number>();

  constructor(readonly limits: CollabLimits) {}

  userBucket(userId: string): TokenBucket {
    let bucket = this.userBuckets.get(userId);
    if (!bucket) {
      if (this.userBuckets.size >= MAX_USERS) this.userBuckets.delete(this.userBuckets.keys().next().value!);
      bucket = new TokenBucket(this.limits.userUpdateBurst, this.limits.userUpdatesPerSecond);
      this.userBuckets.set(userId, bucket);
    }
    return bucket;
  }

  /**
   * May the document grow by `bytes`? The estimate only ever overstates (an update is rarely
   * smaller encoded alone than inside the document), so it is measured exactly before refusing.
   */
  admitGrowth(room: Room, bytes: number): boolean {
    const max = this.limits.maxDocBytes;
    let size = this.docSizes.get(room) ?? Y.encodeStateAsUpdate(room.doc).byteLength;
    if (size + bytes > max) size = Y.encodeStateAsUpdate(room.doc).byteLength;
    this.docSizes.set(room, size);
    return size + bytes <= max;
  }

  grew(room: Room, bytes: number): void {
    this.docSizes.set(room, (this.docSizes.get(room) ?? 0) + bytes);
  }
}

/** One connection's buckets. */
export class ConnectionGuard {
  readonly updates: TokenBucket;
  readonly updateBytes: TokenBucket;
  readonly awareness: TokenBucket;
  /** Replies that encode a whole document or all presence (step 1, awareness query, read-only check). */
  readonly replies: TokenBucket;
  /** Client ids this connection introduced (an honest one uses one, a few after offline sessions). */
  newClientIds = 0;

  constructor(limits: CollabLimits) {
    this.updates = new TokenBucket(limits.connUpdateBurst, limits.connUpdatesPerSecond);
    this.updateBytes = new TokenBucket(limits.connUpdateBytesBurst, limits.connUpdateBytesPerSecond);
    this.awareness = new TokenBucket(limits.awarenessBurst, limits.awarenessPerSecond);
    this.replies = new TokenBucket(limits.expensiveReplyBurst, limits.expensiveRepliesPerSecond);
  }
}
