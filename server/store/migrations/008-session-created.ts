import type { Kysely } from 'kysely';

/**
 * When each session began (milliseconds since the epoch), for its absolute lifetime: however
 * busy, a session ends KASANE_SESSION_MAX_AGE_SECONDS after sign-in. Sessions from before this
 * migration have none and end by their idle timeout only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('created_at', 'bigint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('created_at').execute();
}
