import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from '../store/db.ts';
import type { Database } from '../store/schema.ts';
import { dialectOf } from '../store/dialect.ts';
import { AUDIT_ACTIONS, type AuditEvent, type AuditLog } from './audit-log.ts';
import { GENESIS_HASH, canonicalJson, entryHash, type ChainEntry } from './hash-chain.ts';
import { auditHead, verifyAuditChain, type AuditHead, type VerifyResult } from './verify.ts';

/**
 * The append-only, hash-chained audit log over Kysely (SQLite or PostgreSQL).
 *
 * Each row stores prev_hash (the hash of the row before it) and hash = entryHash(prev_hash, row),
 * computed over the row INCLUDING its seq. seq is assigned here as last.seq + 1 and inserted
 * explicitly (allowed for SQLite's INTEGER PRIMARY KEY and PostgreSQL's bigserial alike; the PG
 * sequence is simply never used), so the hash can be computed before the insert.
 *
 * Appends must be serialised or two writers could both chain onto the same last row (a fork).
 * Three layers make sure they are:
 *  1. In this process, a promise queue: one append at a time, in call order. (On SQLite Kysely's
 *     single connection would serialise statements anyway, but not a read-then-insert pair.)
 *  2. Across processes / nodes, a database lock held from reading the last row until commit:
 *     - PostgreSQL: pg_advisory_xact_lock(AUDIT_CHAIN_LOCK) as the transaction's first statement.
 *       It is released at commit, after the row became visible, and under READ COMMITTED the
 *       following SELECT takes a fresh snapshot, so the next writer always sees the new tail.
 *     - SQLite: BEGIN IMMEDIATE takes the database's single write lock before the read (a plain
 *       deferred BEGIN would read first and could fail to upgrade with SQLITE_BUSY when another
 *       process wrote in between). Waiting writers queue on busy_timeout (see store/db.ts).
 *  3. seq is the primary key: even if the locks were bypassed, a second row chaining onto the same
 *     tail would collide on seq and be refused, never silently fork the chain.
 *
 * Do not await record() inside another transaction on the same SQLite Db: Kysely has one
 * connection for SQLite, so the append would wait for a connection the caller is holding.
 */

/**
 * Fixed 64-bit key of the PostgreSQL advisory lock: the ASCII bytes of 'KASANEAU' read as a
 * bigint. Text, because it exceeds Number.MAX_SAFE_INTEGER; cast to bigint in the query.
 */
export const AUDIT_CHAIN_LOCK = '5422706966281929045';

const KNOWN_ACTIONS: ReadonlySet<string> = new Set(AUDIT_ACTIONS);

/** A stored entry as read back. */
export interface AuditEntry extends ChainEntry {
  prevHash: string;
  hash: string;
  /** The actor's display name now (users.display_name), null for system events. */
  actorName: string | null;
}

export interface AuditFilter {
  caseId?: string;
  actorUserId?: string;
  /** Inclusive lower bound, UTC ISO text as stored in `at`. */
  from?: string;
  /** EXCLUSIVE upper bound, UTC ISO text (see shared/api/audit.ts toUtcBound). */
  to?: string;
  action?: string;
  /** Entries with seq below this (keyset paging, newest first). */
  beforeSeq?: number;
  limit: number;
  /**
   * Restrict to what a facilitator may review: entries about cases this user coordinates, plus
   * entries where this user is the actor.
   */
  visibleToCoordinator?: string;
}

export interface KyselyAuditLogOptions {
  /** Clock, replaceable in tests. */
  now?: () => Date;
  /** Rows read per page while verifying. */
  verifyPageSize?: number;
}

export class KyselyAuditLog implements AuditLog {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    private readonly options: KyselyAuditLogOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Appends one entry. Rejects when it could not be stored (bad event, database down, lock
   * timeout), so callers decide: the collab path logs and carries on, the audit route fails closed.
   */
  record(event: AuditEvent): Promise<void> {
    const run = this.queue.then(() => this.append(event));
    // A failed append must not stall the queue for the events behind it.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async append(event: AuditEvent): Promise<void> {
    if (!KNOWN_ACTIONS.has(event.action)) throw new Error(`audit: unknown action ${JSON.stringify(event.action)}`);
    // Store detail canonically and hash what a reader will parse back, so verify sees the same bytes.
    const detailJson = canonicalJson(event.detail ?? {});
    const detail = JSON.parse(detailJson) as Record<string, unknown>;
    if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) {
      throw new TypeError('audit: detail must be a plain object');
    }
    await this.locked((trx) => this.appendIn(trx, event.action, event, detailJson, detail));
  }

  /** Writes one entry onto the tail; the caller holds the chain lock (see locked()). */
  private async appendIn(trx: Kysely<Database>, action: string, event: AuditEvent, detailJson: string, detail: Record<string, unknown>): Promise<void> {
    const last = await trx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    // After a purge of the whole log the tail is the anchor (the last removed entry).
    const tail = last ?? (await trx.selectFrom('audit_anchor').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst());
    const entry: ChainEntry = {
      seq: (tail ? Number(tail.seq) : 0) + 1,
      at: this.now().toISOString(),
      actorUserId: event.actorUserId,
      action,
      caseId: event.caseId ?? null,
      docName: event.docName ?? null,
      detail,
    };
    const prevHash = tail?.hash ?? GENESIS_HASH;
    await trx
      .insertInto('audit_log')
      .values({
        seq: entry.seq,
        at: entry.at,
        actor_user_id: entry.actorUserId,
        action: entry.action,
        case_id: entry.caseId,
        doc_name: entry.docName,
        detail_json: detailJson,
        prev_hash: prevHash,
        hash: entryHash(prevHash, entry),
      })
      .execute();
  }

  /**
   * Runs `work` holding the chain's write lock, in one transaction (see the class comment), behind
   * every append already queued in this process.
   */
  private locked<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    if (dialectOf(this.db) === 'postgres') {
      return this.db.transaction().execute(async (trx: Transaction<Database>) => {
        await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}::bigint)`.execute(trx);
        return work(trx);
      });
    }
    // SQLite: Kysely's transaction() issues a deferred BEGIN; take the write lock up front instead.
    return this.db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const result = await work(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (error) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw error;
      }
    });
  }

  /**
   * Removes the oldest entries, those recorded before `cutoff` (retention, server/admin/
   * retention.ts), without breaking the chain: only a prefix goes (up to the first entry at or
   * after the cutoff, so a clock that once stepped back cannot punch a hole), the last removed
   * entry's seq and hash become the anchor the chain starts from, and an `audit.purged` entry naming
   * that anchor is appended in the same transaction. verify.ts accepts an anchor only together
   * with that entry, so removing old rows by hand still shows as tampering.
   * Returns how many entries were removed (0: nothing was old enough, nothing written).
   */
  purgeBefore(cutoff: string, detail: Record<string, unknown>): Promise<number> {
    const run = this.queue.then(() =>
      this.locked(async (trx) => {
        const first = await trx.selectFrom('audit_log').select('seq').orderBy('seq').limit(1).executeTakeFirst();
        if (!first) return 0;
        const keep = await trx.selectFrom('audit_log').select('seq').where('at', '>=', cutoff).orderBy('seq').limit(1).executeTakeFirst();
        const last = await trx.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
        const through = keep ? Number(keep.seq) - 1 : Number(last!.seq);
        if (through < Number(first.seq)) return 0;
        const anchor = await trx.selectFrom('audit_log').select(['seq', 'hash']).where('seq', '=', through).executeTakeFirstOrThrow();
        const at = this.now().toISOString();
        await trx.deleteFrom('audit_log').where('seq', '<=', through).execute();
        await trx.deleteFrom('audit_anchor').execute();
        await trx.insertInto('audit_anchor').values({ id: 1, seq: through, hash: anchor.hash, purged_at: at }).execute();
        const removed = through - Number(first.seq) + 1;
        const full = { ...detail, cutoff, removed, throughSeq: through, anchorHash: anchor.hash };
        const detailJson = canonicalJson(full);
        await this.appendIn(trx, 'audit.purged', { actorUserId: null, action: 'audit.purged' }, detailJson, JSON.parse(detailJson) as Record<string, unknown>);
        return removed;
      }),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Entries matching every given filter, newest (highest seq) first. */
  async query(filter: AuditFilter): Promise<AuditEntry[]> {
    let q = this.db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
      .selectAll('audit_log')
      .select('users.display_name as actor_name');
    if (filter.caseId !== undefined) q = q.where('audit_log.case_id', '=', filter.caseId);
    if (filter.actorUserId !== undefined) q = q.where('audit_log.actor_user_id', '=', filter.actorUserId);
    if (filter.action !== undefined) q = q.where('audit_log.action', '=', filter.action);
    if (filter.from !== undefined) q = q.where('audit_log.at', '>=', filter.from);
    if (filter.to !== undefined) q = q.where('audit_log.at', '<', filter.to);
    if (filter.beforeSeq !== undefined) q = q.where('audit_log.seq', '<', filter.beforeSeq);
    const coordinator = filter.visibleToCoordinator;
    if (coordinator !== undefined) {
      q = q.where((eb) =>
        eb.or([
          eb('audit_log.actor_user_id', '=', coordinator),
          eb('audit_log.case_id', 'in', eb.selectFrom('cases').select('cases.id').where('cases.coordinator_user_id', '=', coordinator)),
        ]),
      );
    }
    const rows = await q.orderBy('audit_log.seq', 'desc').limit(filter.limit).execute();
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      actorUserId: r.actor_user_id,
      actorName: r.actor_name ?? null,
      action: r.action,
      caseId: r.case_id,
      docName: r.doc_name,
      detail: JSON.parse(r.detail_json) as Record<string, unknown>,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
  }

  /** The last entry's seq and hash: record it outside the database to detect a cut-off tail. */
  head(): Promise<AuditHead | null> {
    return auditHead(this.db);
  }

  /** Walks the whole chain in seq order; see verify.ts for what it can and cannot detect. */
  verify(): Promise<VerifyResult> {
    return verifyAuditChain(this.db, { pageSize: this.options.verifyPageSize });
  }
}
