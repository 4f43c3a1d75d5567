import type { Transaction } from 'kysely';
import type { Db } from '../store/db.ts';
import type { Database } from '../store/schema.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { hashSecret, newToken } from '../intake/invitation-tokens.ts';

/**
 * The setup link: a browser alternative to `npm run admin:create` for the first administrator of
 * a real installation (KASANE_SEED_DEMO=0).
 *
 * - Issued only while no active administrator exists, at a start of the server, and printed on
 *   its console that once: only the SHA-256 of its secret (32 random bytes) is stored, so it
 *   cannot be shown again, not even to whoever reads the database.
 * - Works once and for SETUP_LINK_HOURS. A start while a link is still valid issues no new one
 *   (it says until when the printed one works); once it expired, the next start issues another.
 * - Refused for good as soon as an administrator exists, whichever way it was created.
 */
export const SETUP_LINK_HOURS = 24;

export type SetupLinkIssue =
  /** Newly issued: the path to print, with the secret in it. */
  | { kind: 'issued'; path: string; expiresAt: string }
  /** An earlier one is still valid (and was printed when it was issued). */
  | { kind: 'pending'; expiresAt: string };

export async function administratorExists(db: Db | Transaction<Database>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('role', '=', 'administrator').where('deactivated_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

/** At start of a real installation: a setup link if there is no administrator; null when there is one. */
export async function issueSetupLinkIfNeeded(db: Db, audit: AuditLog, now = new Date()): Promise<SetupLinkIssue | null> {
  if (await administratorExists(db)) return null;
  const at = now.toISOString();
  const valid = await db.selectFrom('setup_links').select('expires_at').where('used_at', 'is', null).where('expires_at', '>', at).orderBy('expires_at', 'desc').executeTakeFirst();
  if (valid) return { kind: 'pending', expiresAt: valid.expires_at };
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SETUP_LINK_HOURS * 3600_000).toISOString();
  // Expired, unused links have no use left; used ones stay as the record of how setup happened.
  await db.deleteFrom('setup_links').where('used_at', 'is', null).execute();
  await db.insertInto('setup_links').values({ token_hash: hashSecret(token), created_at: at, expires_at: expiresAt, used_at: null }).execute();
  await audit.record({ actorUserId: null, action: 'admin.setup_link_issued', detail: { expiresAt } });
  return { kind: 'issued', path: `/setup/${token}`, expiresAt };
}

/** The link's row while it may still be used (unknown, used and expired all give null). */
export async function openSetupLink(db: Db, token: string, now = new Date()): Promise<{ expiresAt: string } | null> {
  const row = await db
    .selectFrom('setup_links')
    .select('expires_at')
    .where('token_hash', '=', hashSecret(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return row ? { expiresAt: row.expires_at } : null;
}

/**
 * Uses the link up inside the transaction that creates the administrator: the conditional UPDATE
 * lets exactly one of two simultaneous requests through (PostgreSQL re-checks the row after the
 * first commits; SQLite runs one write transaction at a time).
 */
export function consumeSetupLink(token: string, now = new Date()) {
  return async (trx: Transaction<Database>): Promise<boolean> => {
    const at = now.toISOString();
    const result = await trx
      .updateTable('setup_links')
      .set({ used_at: at })
      .where('token_hash', '=', hashSecret(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  };
}
