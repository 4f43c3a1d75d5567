import type { Kysely } from 'kysely';

/**
 * When a meeting was actually opened (started from the board or the case screen). The record's
 * 開催日時 is when the meeting was held, not when it was planned: a meeting scheduled for next
 * week and held today would otherwise be filed as held after it closed. Meetings opened before
 * this migration have none; their record falls back to the scheduled time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meetings').addColumn('opened_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meetings').dropColumn('opened_at').execute();
}
