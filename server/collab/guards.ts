import * as Y from 'yjs';
import type { CollabLimits } from '../config.ts';
import { ClientIdOwners } from './client-ids.ts';
import type { ClientIdStore } from '../store/client-id-store.ts';
import { TokenBucket } from './token-bucket.ts';
import type { Room } from './room.ts';
import type { SharedBudget } from '../bus/shared-budget.ts';
import { LeasedBudget } from './leased-budget.ts';

/** Users whose buckets are kept; the idle ones (bucket full again) are forgotten first. */
const MAX_USERS = 10_000;
/**
 * Socket opens per user: a board opens one socket per compartment (up to a dozen), and a few
 * reloads in a row must pass; a reconnect loop (each open costs a policy decision and audit
 * writes) must not.
 */
const OPEN_BURST = 60;
const OPENS_PER_SECOND = 2;
/**
 * Open sockets per user on this node (a dozen per board, a few boards or tabs). Each node's own:
 * what it bounds is this node's memory, and a count over all nodes would outlive a node that
 * crashed with sockets open.
 */
const MAX_SOCKETS_PER_USER = 64;

/**
 * What one node shares between its connections to keep one participant from hurting the others:
 * per-user update buckets (several tabs of one person share one), socket opens per user,
 * client-id owners (a cache of the store's, which every node shares), and each live document's
 * size.
 *
 * With several nodes (Redis configured) the per-user update budget and socket-open budget are
 * also shared by all nodes (`shared`): a user on two nodes gets one budget in all, not two. Each
 * node's own buckets are charged too: they are what holds while Redis cannot be reached (then a
 * user on two nodes has each node's budget), and they protect the node whatever Redis says.
 */
export class CollabGuards {
  readonly owners: ClientIdOwners;
  private readonly userBuckets = new Map<string, TokenBucket>();
  private readonly openBuckets = new Map<string, TokenBucket>();
  private readonly openSockets = new Map<string, number>();
  /** An upper estimate of each document's encoded size: exact at first use, plus every update since. */
  private readonly docSizes = new WeakMap<Room, number>();
  private readonly sharedUpdates: LeasedBudget | null;

  constructor(
    readonly limits: CollabLimits,
    clientIds: ClientIdStore,
    private readonly shared: SharedBudget | null = null,
  ) {
    this.owners = new ClientIdOwners(clientIds);
    // Leases of a twentieth of the burst (20 of 400): one Redis round trip per 20 updates of a user.
    const lease = Math.max(1, Math.min(50, Math.ceil(limits.userUpdateBurst / 20)));
    this.sharedUpdates = shared ? new LeasedBudget(shared, 'user-updates', limits.userUpdateBurst, limits.userUpdatesPerSecond, lease) : null;
  }

  /** May this user send one more update now (this node's bucket, and the one all nodes share)? */
  async takeUserUpdate(userId: string): Promise<boolean> {
    if (!this.userBucket(userId).take()) return false;
    return this.sharedUpdates ? this.sharedUpdates.take(userId) : true;
  }

  private userBucket(userId: string): TokenBucket {
    return bucketOf(this.userBuckets, userId, () => new TokenBucket(this.limits.userUpdateBurst, this.limits.userUpdatesPerSecond));
  }

  /** May this user open one more socket now? Counts it when yes (release with closedSocket). */
  async admitSocket(userId: string): Promise<'ok' | 'too_many_opens' | 'too_many_sockets'> {
    const open = this.openSockets.get(userId) ?? 0;
    if (open >= MAX_SOCKETS_PER_USER) return 'too_many_sockets';
    if (!bucketOf(this.openBuckets, userId, () => new TokenBucket(OPEN_BURST, OPENS_PER_SECOND)).take()) return 'too_many_opens';
    // Counted before the shared budget is asked, so parallel opens cannot all pass the cap.
    this.openSockets.set(userId, open + 1);
    // One Redis round trip per open (an open costs a policy decision in the store anyway); null:
    // Redis unreachable, this node's bucket decides alone.
    const got = this.shared ? await this.shared.take(`user-opens:${userId}`, 1, OPEN_BURST, OPENS_PER_SECOND) : null;
    if (got === 0) {
      this.closedSocket(userId);
      return 'too_many_opens';
    }
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
