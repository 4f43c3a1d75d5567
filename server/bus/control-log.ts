import type { Db } from '../store/db.ts';
import type { Bus, ControlHealth, ControlTransport } from './bus.ts';
import { isControlMessage, type ControlMessage } from '../../shared/protocol/control-events.ts';

export interface ControlLogOptions {
  /** Safety-net poll while the bus is up (pub/sub may drop a message without disconnecting). */
  pollMs: number;
  /** Poll while the bus is down: then the log is the only way events arrive. */
  outagePollMs: number;
  /** Without a successful read of the log for this long, the node is no longer certain. */
  staleMs: number;
  /** A hole in the ids (a publisher's insert not yet visible, or rolled back) is waited for this long. */
  gapWaitMs: number;
}

const DEFAULTS: ControlLogOptions = { pollMs: 2000, outagePollMs: 250, staleMs: 5000, gapWaitMs: 10_000 };
const NUDGE_CHANNEL = 'control';
/** Rows older than this are pruned at start (a node that was away longer starts afresh anyway). */
const KEEP_MS = 24 * 3600 * 1000;

/**
 * Control events that survive a bus outage. Publishing appends a row to `control_events` (the
 * shared PostgreSQL) and then nudges the other nodes over pub/sub; each node reads the log from
 * the last id it handled, on a nudge, when the bus comes back, and on a timer (fast while the bus
 * is down). So an access change made while Redis is unreachable still reaches every node, within
 * `outagePollMs`, and every event is handled exactly once per node, in id order.
 *
 * Ids are assigned at insert but become visible at commit, so a later id can be read before an
 * earlier one: the reader keeps its position below such a hole (and remembers what it handled
 * above it) until the hole fills or `gapWaitMs` passes (a rolled-back insert never fills it).
 *
 * If the log cannot be read for `staleMs`, the node cannot know whether it missed a revocation:
 * `certain` turns false and the composition root closes every socket with a retryable code and
 * refuses documents until a read succeeds again.
 */
export class ControlLog implements ControlTransport {
  private readonly handlers = new Set<(message: ControlMessage) => void>();
  private readonly uncertainListeners = new Set<() => void>();
  private readonly options: ControlLogOptions;
  /** Every id <= position has been handled (or given up on). */
  private position = 0;
  /** Ids above `position` already handled. */
  private readonly handledAbove = new Set<number>();
  /** Holes above `position`: id -> when first noticed. */
  private readonly holes = new Map<number, number>();
  private lastReadOk = Date.now();
  private lastReadAt = Date.now();
  private isCertain = true;
  private reading: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private stopNudges: () => Promise<void> = async () => {};
  private stopResumed: () => void = () => {};

  private constructor(
    private readonly db: Db,
    private readonly bus: Bus,
    options: Partial<ControlLogOptions>,
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Starts at the end of the log: a node that just started has nothing to re-decide. */
  static async open(db: Db, bus: Bus, options: Partial<ControlLogOptions> = {}): Promise<ControlLog> {
    const log = new ControlLog(db, bus, options);
    await db
      .deleteFrom('control_events')
      .where('created_at', '<', new Date(Date.now() - KEEP_MS).toISOString())
      .execute();
    const row = await db.selectFrom('control_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
    log.position = Number(row?.id ?? 0);
    log.stopNudges = await bus.subscribe(NUDGE_CHANNEL, () => log.catchUp());
    log.stopResumed = bus.onResumed(() => log.catchUp());
    log.schedule();
    return log;
  }

  get certain(): boolean {
    return this.isCertain;
  }

  async publish(message: ControlMessage): Promise<void> {
    await this.db
      .insertInto('control_events')
      .values({ origin: this.bus.nodeId, body: JSON.stringify(message), created_at: new Date().toISOString() })
      .execute();
    // Best effort: a node that misses the nudge reads the row on its next poll.
    await this.bus.publish(NUDGE_CHANNEL, new Uint8Array(0));
  }

  async subscribe(handler: (message: ControlMessage) => void): Promise<() => Promise<void>> {
    this.handlers.add(handler);
    return async () => {
      this.handlers.delete(handler);
    };
  }

  onUncertain(listener: () => void): () => void {
    this.uncertainListeners.add(listener);
    return () => this.uncertainListeners.delete(listener);
  }

  health(): ControlHealth {
    return { durable: true, certain: this.isCertain, position: this.position };
  }

  /** Reads the log now (coalesced: one read at a time, one more if asked meanwhile). */
  catchUp(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = (async () => {
      do {
        this.again = false;
        await this.readOnce();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private async readOnce(): Promise<void> {
    this.lastReadAt = Date.now();
    let rows: { id: number; origin: string; body: string }[];
    try {
      rows = await this.db.selectFrom('control_events').select(['id', 'origin', 'body']).where('id', '>', this.position).orderBy('id').limit(1000).execute();
    } catch (error) {
      this.readFailed(error);
      return;
    }
    for (const row of rows) {
      const id = Number(row.id);
      if (this.handledAbove.has(id)) continue;
      this.handledAbove.add(id);
      if (row.origin !== this.bus.nodeId) this.deliver(row.body, id);
    }
    this.advance();
    this.lastReadOk = Date.now();
    if (!this.isCertain) {
      this.isCertain = true;
      console.log(`[control] the control log is readable again (position ${this.position}): documents are served again`);
    }
    if (rows.length === 1000) this.again = true;
  }

  private deliver(body: string, id: number): void {
    let message: unknown;
    try {
      message = JSON.parse(body);
    } catch {
      message = null;
    }
    if (!isControlMessage(message)) {
      console.error(`[control] unreadable control event ${id} skipped`);
      return;
    }
    for (const handler of this.handlers) {
      try {
        handler(message);
      } catch (error) {
        console.error('[control] handler failed:', error);
      }
    }
  }

  /** Moves the position over every handled id, and over holes that waited long enough. */
  private advance(): void {
    const highest = Math.max(this.position, ...this.handledAbove);
    const now = Date.now();
    for (let id = this.position + 1; id < highest; id++) {
      if (!this.handledAbove.has(id) && !this.holes.has(id)) this.holes.set(id, now);
    }
    for (;;) {
      const next = this.position + 1;
      if (this.handledAbove.delete(next)) {
        this.holes.delete(next);
        this.position = next;
        continue;
      }
      const noticed = this.holes.get(next);
      if (noticed !== undefined && now - noticed >= this.options.gapWaitMs) {
        this.holes.delete(next);
        this.position = next;
        continue;
      }
      break;
    }
  }

  private readFailed(error: unknown): void {
    const silentFor = Date.now() - this.lastReadOk;
    if (this.isCertain && silentFor >= this.options.staleMs) {
      this.isCertain = false;
      console.error(`[control] cannot read the control log for ${silentFor} ms (${String(error)}): documents are not served until it can be read`);
      for (const listener of this.uncertainListeners) {
        try {
          listener();
        } catch (e) {
          console.error('[control] uncertainty listener failed:', e);
        }
      }
    }
  }

  /**
   * Ticks every `outagePollMs`; reads on a tick when the bus is down (or the node uncertain), and
   * otherwise once `pollMs` has passed since the last read. So an outage shortens the interval at
   * once, not after the slow timer ran out.
   */
  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const urgent = !this.bus.health().reachable || !this.isCertain;
      const due = urgent || Date.now() - this.lastReadAt >= this.options.pollMs;
      void (due ? this.catchUp() : Promise.resolve()).finally(() => this.schedule());
    }, this.options.outagePollMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.stopResumed();
    await this.stopNudges().catch(() => {});
    await this.reading?.catch(() => {});
  }
}
