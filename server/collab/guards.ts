import * as Y from 'yjs';
import type { CollabLimits } from '../config.ts';
import { ClientIdOwners } from './client-ids.ts';
import type { ClientIdStore } from '../store/client-id-store.ts';
import { TokenBucket } from './token-bucket.ts';
import type { Room } from './room.ts';

/** Users whose buckets are kept; the idle ones (bucket full again) are forgotten first. */
const MAX_USERS = 10_000;
/**
 * Socket opens per user: a board opens one socket per compartment (up to a dozen), and a few
 * reloads in a row must pass; a reconnect loop (each open costs a policy decision and audit
 * writes) must not.
 */
const OPEN_BURST = 60;
const OPENS_PER_SECOND = 2;
/** Open sockets per user on this node (a dozen per board, a few boards or tabs). */
const MAX_SOCKETS_PER_USER = 64;

/**
 * What one node shares between its connections to keep one participant from hurting the others:
 * per-user update buckets (several tabs of one person share one), client-id owners (a cache of
 * the store's, which every node shares), and each live document's size.
 *
 * The buckets and socket counts are this node's: a user connected to two nodes has each node's
 * budget (twice the updates in all). Each node still protects itself; the shared store sees at
 * most one budget per node the user reaches.
 */
export class CollabGuards {
  readonly owners: ClientIdOwners;
  private readonly userBuckets = new Map<string, TokenBucket>();
  private readonly openBuckets = new Map<string, TokenBucket>();
  private readonly openSockets = new Map<string, number>();
  /** An upper estimate of each document's encoded size: exact at first use, plus every update since. */
  private readonly docSizes = new WeakMap<Room, number>();

  constructor(
    readonly limits: CollabLimits,
    clientIds: ClientIdStore,
  ) {
    this.owners = new ClientIdOwners(clientIds);
  }

  userBucket(userId: string): TokenBucket {
    return bucketOf(this.userBuckets, userId, () => new TokenBucket(this.limits.userUpdateBurst, this.limits.userUpdatesPerSecond));
  }

  /** May this user open one more socket now? Counts it when yes (release with closedSocket). */
  admitSocket(userId: string): 'ok' | 'too_many_opens' | 'too_many_sockets' {
    const open = this.openSockets.get(userId) ?? 0;
    if (open >= MAX_SOCKETS_PER_USER) return 'too_many_sockets';
    if (!bucketOf(this.openBuckets, userId, () => new TokenBucket(OPEN_BURST, OPENS_PER_SECOND)).take()) return 'too_many_opens';
    this.openSockets.set(userId, open + 1);
    return 'ok';
  }

  closedSocket(userId: string): void {
    const open = (this.openSockets.get(userId) ?? 1) - 1;
    if (open <= 0) this.openSockets.delete(userId);
    else this.openSockets.set(userId, open);
  }

  /**
   * May the document grow by `bytes`? The estimate only ever overstates (an update is rarely
   * smaller encoded alone than inside the document), so it is measured exactly before refusing.
   */
  admitGrowth(room: Room, bytes: number): boolean {
    const max = this.limits.maxDocBytes;
    // Measured: the document as it is plus what was accepted and is still being stored before it
    // is applied (persist before apply); without the latter a burst would pass the limit together.
    const measure = () => Y.encodeStateAsUpdate(room.doc).byteLength + room.unappliedBytes;
    let size = this.docSizes.get(room) ?? measure();
    if (size + bytes > max) size = measure();
    this.docSizes.set(room, size);
    return size + bytes <= max;
  }

  grew(room: Room, bytes: number): void {
    this.docSizes.set(room, (this.docSizes.get(room) ?? 0) + bytes);
  }
}

function bucketOf(map: Map<string, TokenBucket>, key: string, make: () => TokenBucket): TokenBucket {
  let bucket = map.get(key);
  if (!bucket) {
    if (map.size >= MAX_USERS) map.delete(map.keys().next().value!);
    bucket = make();
    map.set(key, bucket);
  }
  return bucket;
}

/** One connection's buckets. */
export class ConnectionGuard {
  /** Every frame, checked before it is even queued. */
  readonly frames: TokenBucket;
  readonly updates: TokenBucket;
  readonly updateBytes: TokenBucket;
  readonly awareness: TokenBucket;
  /** Replies that encode a whole document or all presence (step 1, awareness query, read-only check). */
  readonly replies: TokenBucket;
  /** Client ids this connection introduced (an honest one uses one, a few after offline sessions). */
  newClientIds = 0;
  /** Presence ids this connection tried to take (an honest one needs one; each try may ask the store). */
  awarenessClaims = 0;

  constructor(limits: CollabLimits) {
    this.frames = new TokenBucket(limits.frameBurst, limits.framesPerSecond);
    this.updates = new TokenBucket(limits.connUpdateBurst, limits.connUpdatesPerSecond);
    this.updateBytes = new TokenBucket(limits.connUpdateBytesBurst, limits.connUpdateBytesPerSecond);
    this.awareness = new TokenBucket(limits.awarenessBurst, limits.awarenessPerSecond);
    this.replies = new TokenBucket(limits.expensiveReplyBurst, limits.expensiveRepliesPerSecond);
  }
}
