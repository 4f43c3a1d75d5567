import type { Db } from '../store/db.ts';
import { GENESIS_HASH, canonicalJson, entryHash } from './hash-chain.ts';

/**
 * Verifying the audit chain: walk every row in seq order, one page at a time (memory stays flat
 * however long the log), and recompute each hash.
 *
 * Detected, at the first affected seq:
 *  - an edited row (any column: the recomputed hash no longer matches, or if the attacker also
 *    rewrote that row's hash, the next row's prev_hash no longer matches);
 *  - a deleted row (a gap in seq; renumbering to close the gap breaks the hashes, which cover seq);
 *  - an inserted or reordered row (its prev_hash is not the hash of the row before it);
 *  - detail_json rewritten in a different but equivalent form (it is stored canonically).
 *
 * Retention (server/admin/retention.ts) removes the oldest entries on purpose. The chain then
 * starts at the anchor (audit_anchor: seq and hash of the last removed entry) instead of genesis,
 * and the anchor counts only if the remaining chain holds the `audit.purged` entry that set it
 * (same seq and hash in its detail). An anchor written by hand, or moved on after more rows were
 * deleted, has no such entry and is reported. (An attacker who can also rewrite the tail is the
 * case below.)
 *
 * NOT detectable from the chain alone: removing the newest rows (a truncated tail is a valid,
 * shorter chain), or rewriting every row from some point to the end with recomputed hashes. Both
 * need an anchor outside the database: record head() (seq and hash) elsewhere, e.g. in the
 * operations log or a signed report, after each periodic review, and check later that the chain
 * still contains that seq with that hash (verifyAuditChain's `expectHead`).
 */

export interface AuditHead {
  seq: number;
  hash: string;
}

export type VerifyResult =
  | { ok: true; count: number; head: AuditHead | null }
  | { ok: false; brokenAtSeq: number; reason: string };

export interface VerifyOptions {
  /** Rows per page (default 1000). */
  pageSize?: number;
  /** A head recorded earlier: the chain must still hold this seq with this hash. */
  expectHead?: AuditHead;
}

const HEX64 = /^[0-9a-f]{64}$/;

export async function verifyAuditChain(db: Db, options: VerifyOptions = {}): Promise<VerifyResult> {
  const pageSize = options.pageSize ?? 1000;
  const expect = options.expectHead;
  const anchor = await auditAnchor(db);
  let expectedSeq = anchor ? anchor.seq + 1 : 1;
  let prevHash = anchor?.hash ?? GENESIS_HASH;
  let count = 0;
  let head: AuditHead | null = null;
  let anchorVouched = false;

  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      const broken = (reason: string): VerifyResult => ({ ok: false, brokenAtSeq: seq, reason });
      if (seq !== expectedSeq) {
        // seq only ever grows by one, so a gap means rows were deleted.
        const missing = seq - 1 === expectedSeq ? `${expectedSeq}` : `${expectedSeq}–${seq - 1}`;
        return { ok: false, brokenAtSeq: expectedSeq, reason: `entry ${missing} missing (deleted); next entry is ${seq}` };
      }
      if (row.prev_hash !== prevHash) {
        return broken(
          seq === 1
            ? 'prev_hash of the first entry is not the genesis hash'
            : anchor && seq === anchor.seq + 1
              ? `prev_hash does not match the retention anchor (entry ${anchor.seq})`
            : `prev_hash does not match the hash of entry ${seq - 1} (entry ${seq - 1} edited, or rows inserted or reordered)`,
        );
      }
      let detail: unknown;
      try {
        detail = JSON.parse(row.detail_json);
      } catch {
        return broken('detail_json is not valid JSON (edited)');
      }
      if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) return broken('detail_json is not an object (edited)');
      if (canonicalJson(detail) !== row.detail_json) return broken('detail_json is not in canonical form (rewritten)');
      if (!HEX64.test(row.hash)) return broken('hash is malformed (edited)');
      const recomputed = entryHash(prevHash, {
        seq,
        at: row.at,
        actorUserId: row.actor_user_id,
        action: row.action,
        caseId: row.case_id,
        docName: row.doc_name,
        detail: detail as Record<string, unknown>,
      });
      if (recomputed !== row.hash) return broken('content does not match its hash (entry edited)');
      if (expect && seq === expect.seq && row.hash !== expect.hash) {
        return broken(`hash differs from the head recorded earlier (${expect.hash}): chain rewritten from here or before`);
      }
      if (anchor && row.action === 'audit.purged') {
        const d = detail as { throughSeq?: unknown; anchorHash?: unknown };
        if (d.throughSeq === anchor.seq && d.anchorHash === anchor.hash) anchorVouched = true;
      }
      prevHash = row.hash;
      head = { seq, hash: row.hash };
      expectedSeq = seq + 1;
      count++;
    }
    if (rows.length < pageSize) break;
  }

  if (anchor && !anchorVouched) {
    return {
      ok: false,
      brokenAtSeq: anchor.seq + 1,
      reason: `entries up to ${anchor.seq} are gone, but no retention entry (audit.purged) names that anchor: removed outside retention`,
    };
  }
  if (expect && expect.seq <= (anchor?.seq ?? 0) && head !== null) {
    // Removed by retention since the head was recorded: the anchor is all that is left of it.
    if (expect.seq === anchor!.seq && expect.hash !== anchor!.hash) {
      return { ok: false, brokenAtSeq: expect.seq, reason: `hash differs from the head recorded earlier (${expect.hash}): chain rewritten from here or before` };
    }
    return { ok: true, count, head };
  }
  if (expect && (head === null || head.seq < expect.seq)) {
    return {
      ok: false,
      brokenAtSeq: expectedSeq,
      reason: `chain ends before the head recorded earlier (seq ${expect.seq}): newest entries removed`,
    };
  }
  return { ok: true, count, head };
}

/**
 * Where the chain starts after retention removed its oldest entries; null when nothing was ever
 * removed. (A database from before migration 012 has no anchor table: nothing was removed either.)
 */
export async function auditAnchor(db: Db): Promise<AuditHead | null> {
  const row = await db
    .selectFrom('audit_anchor')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirst()
    .catch((error: unknown) => {
      if (/no such table|does not exist/i.test(String(error))) return undefined;
      throw error;
    });
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}

/** The newest entry's seq and hash, or null for an empty log. */
export async function auditHead(db: Db): Promise<AuditHead | null> {
  const row = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}
