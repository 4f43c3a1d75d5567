import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

/**
 * Running from day one (issue 10, the remaining gaps):
 * - case_status_changes.reason_code: why a case was suspended (中断) or ended (終結), as one of the
 *   categories a municipality counts (shared/domain/case-end-reasons.ts); the free text stays
 *   beside it. Rows from before get 'other'.
 * - purged_records: a tombstone per meeting record removed because its retention period ran out
 *   (server/admin/retention.ts). The immutability triggers of approved records let a DELETE
 *   through only for a meeting that has one, so removal stays a deliberate, recorded act and a
 *   stray DELETE still fails loudly.
 * - audit_anchor: where the hash chain starts once its oldest entries were removed: the seq and
 *   hash of the last removed entry (the next entry's prev_hash). server/audit/verify.ts starts
 *   from it and requires the purge's own audit entry to name the same anchor.
 * - setup_links: the one-time link that lets the first administrator be created from a browser
 *   (server/admin/setup-link.ts); only the SHA-256 of its secret is stored.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';

  await db.schema.alterTable('case_status_changes').addColumn('reason_code', 'text').execute();
  await db.updateTable('case_status_changes').set({ reason_code: 'other' }).where('status', 'in', ['suspended', 'ended']).execute();

  await db.schema
    .createTable('purged_records')
    .addColumn('meeting_id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('purged_at', 'text', (c) => c.notNull())
    /** The setting in force at the purge, and the 終結 date the period ran from. */
    .addColumn('retention_years', 'integer', (c) => c.notNull())
    .addColumn('case_ended_on', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_anchor')
    // Always 1: the chain has one start.
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('purged_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('setup_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  if (pg) {
    // As in 003, plus: a DELETE of a record that has a tombstone in purged_records goes through.
    await sql`
      CREATE OR REPLACE FUNCTION kasane_record_immutable() RETURNS trigger AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM purged_records WHERE meeting_id = OLD.meeting_id) THEN
          RETURN OLD;
        END IF;
        IF TG_TABLE_NAME = 'meeting_annotations' THEN
          RAISE EXCEPTION 'annotations are append-only';
        END IF;
        IF EXISTS (SELECT 1 FROM meeting_records WHERE meeting_id = OLD.meeting_id AND approved_at IS NOT NULL) THEN
          RAISE EXCEPTION 'approved meeting record is immutable';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$ LANGUAGE plpgsql`.execute(db);
    return;
  }
  const purged = 'NOT EXISTS (SELECT 1 FROM purged_records WHERE meeting_id = OLD.meeting_id)';
  const approved = 'EXISTS (SELECT 1 FROM meeting_records WHERE meeting_id = OLD.meeting_id AND approved_at IS NOT NULL)';
  for (const table of ['meeting_snapshots', 'meeting_record_basis', 'record_keeper_copies']) {
    await sql.raw(`DROP TRIGGER ${table}_no_delete_after_approval`).execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${table}_no_delete_after_approval BEFORE DELETE ON ${table}
         WHEN ${approved} AND ${purged}
         BEGIN SELECT RAISE(ABORT, 'approved meeting record is immutable'); END`,
      )
      .execute(db);
  }
  await sql.raw('DROP TRIGGER meeting_annotations_no_delete').execute(db);
  await sql
    .raw(`CREATE TRIGGER meeting_annotations_no_delete BEFORE DELETE ON meeting_annotations WHEN ${purged} BEGIN SELECT RAISE(ABORT, 'annotations are append-only'); END`)
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  if (!pg) {
    const approved = 'EXISTS (SELECT 1 FROM meeting_records WHERE meeting_id = OLD.meeting_id AND approved_at IS NOT NULL)';
    for (const table of ['meeting_snapshots', 'meeting_record_basis', 'record_keeper_copies']) {
      await sql.raw(`DROP TRIGGER ${table}_no_delete_after_approval`).execute(db);
      await sql
        .raw(`CREATE TRIGGER ${table}_no_delete_after_approval BEFORE DELETE ON ${table} WHEN ${approved} BEGIN SELECT RAISE(ABORT, 'approved meeting record is immutable'); END`)
        .execute(db);
    }
    await sql.raw('DROP TRIGGER meeting_annotations_no_delete').execute(db);
    await sql.raw(`CREATE TRIGGER meeting_annotations_no_delete BEFORE DELETE ON meeting_annotations BEGIN SELECT RAISE(ABORT, 'annotations are append-only'); END`).execute(db);
  } else {
    // Back to 003's function, which does not know purged_records.
    await sql`
      CREATE OR REPLACE FUNCTION kasane_record_immutable() RETURNS trigger AS $$
      BEGIN
        IF TG_TABLE_NAME = 'meeting_annotations' THEN
          RAISE EXCEPTION 'annotations are append-only';
        END IF;
        IF EXISTS (SELECT 1 FROM meeting_records WHERE meeting_id = OLD.meeting_id AND approved_at IS NOT NULL) THEN
          RAISE EXCEPTION 'approved meeting record is immutable';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$ LANGUAGE plpgsql`.execute(db);
  }
  for (const table of ['setup_links', 'audit_anchor', 'purged_records']) await db.schema.dropTable(table).execute();
  await db.schema.alterTable('case_status_changes').dropColumn('reason_code').execute();
}
