import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

/**
 * Meeting records (issue 5): what a meeting looked like when it closed, its approval (確定), the
 * annotations added afterwards, and a text index for search.
 *
 * Immutability is enforced by the database as well as by the API: once a record is approved its
 * snapshots can be neither updated nor deleted, and annotations are append-only at all times.
 * A bug or a hand-written UPDATE then fails loudly instead of silently rewriting a municipal record.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  const serial = pg ? 'bigserial' : 'integer';

  await db.schema
    .createTable('meeting_records')
    .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id'))
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.notNull().references('users.id'))
    /** Who was designated when the meeting closed (the participant list may change later). */
    .addColumn('attendees_json', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'text', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('meeting_snapshots')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('doc_name', 'text', (c) => c.notNull())
    /** Y.encodeStateAsUpdate of the document as it stood at close. */
    .addColumn('state', pg ? sql`bytea` : 'blob', (c) => c.notNull())
    /** The compartment's label as JSON; null for the meeting document. */
    .addColumn('label_json', 'text')
    /** What lists need without decoding the state: {planStage?, decisions?} (see records/freeze.ts). */
    .addColumn('summary_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('captured_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_snapshots_pk', ['meeting_id', 'doc_name'])
    .execute();

  await db.schema
    .createTable('meeting_annotations')
    .addColumn('id', serial, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('author_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_annotations_meeting').on('meeting_annotations').columns(['meeting_id', 'id']).execute();

  if (pg) await postgresUp(db);
  else await sqliteUp(db);
}

async function sqliteUp(db: Kysely<any>): Promise<void> {
  // The trigram tokenizer indexes every 3-character window, so Japanese (no spaces between words)
  // is searchable by substring; shorter queries fall back to LIKE over the same table.
  await sql`CREATE VIRTUAL TABLE record_text_fts USING fts5(meeting_id UNINDEXED, doc_name UNINDEXED, text, tokenize = 'trigram')`.execute(db);
  for (const op of ['UPDATE', 'DELETE']) {
    await sql
      .raw(
        `CREATE TRIGGER meeting_snapshots_no_${op.toLowerCase()}_after_approval BEFORE ${op} ON meeting_snapshots
         WHEN EXISTS (SELECT 1 FROM meeting_records WHERE meeting_id = OLD.meeting_id AND approved_at IS NOT NULL)
         BEGIN SELECT RAISE(ABORT, 'approved meeting record is immutable'); END`,
      )
      .execute(db);
    await sql
      .raw(`CREATE TRIGGER meeting_annotations_no_${op.toLowerCase()} BEFORE ${op} ON meeting_annotations BEGIN SELECT RAISE(ABORT, 'annotations are append-only'); END`)
      .execute(db);
  }
}

async function postgresUp(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('record_text_fts')
    .addColumn('meeting_id', 'text', (c) => c.notNull())
    .addColumn('doc_name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('record_text_fts_meeting').on('record_text_fts').columns(['meeting_id', 'doc_name']).execute();
  // pg_trgm is a "trusted" contrib extension (PG 13+): the database owner may create it. Where it
  // is missing, search still works by ILIKE over the plain table, only without the index. A
  // savepoint keeps a refused CREATE EXTENSION from aborting the whole migration transaction.
  const available = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'pg_trgm'`.execute(db);
  if ((available.rows[0]?.n ?? 0) > 0) {
    await sql`SAVEPOINT kasane_trgm`.execute(db);
    try {
      await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
      await sql`RELEASE SAVEPOINT kasane_trgm`.execute(db);
    } catch (error) {
      await sql`ROLLBACK TO SAVEPOINT kasane_trgm`.execute(db);
      console.warn('[migrate] pg_trgm unavailable, record search runs without a trigram index:', String(error));
    }
  }
  const installed = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'pg_trgm'`.execute(db);
  if ((installed.rows[0]?.n ?? 0) > 0) {
    await sql`CREATE INDEX record_text_fts_trgm ON record_text_fts USING gin (text gin_trgm_ops)`.execute(db);
  }

  await sql`
    CREATE FUNCTION kasane_record_immutable() RETURNS trigger AS $$
    BEGIN
      IF TG_TABLE_NAME = 'meeting_annotations' THEN
        RAISE EXCEPTION 'annotations are append-only';
      END IF;
      IF EXISTS (SELECT 1 FROM meeting_records WHERE meeting_id = OLD.meeting_id AND approved_at IS NOT NULL) THEN
        RAISE EXCEPTION 'approved meeting record is immutable';
      END IF;
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END $$ LANGUAGE plpgsql`.execute(db);
  await sql`CREATE TRIGGER meeting_snapshots_immutable BEFORE UPDATE OR DELETE ON meeting_snapshots FOR EACH ROW EXECUTE FUNCTION kasane_record_immutable()`.execute(db);
  await sql`CREATE TRIGGER meeting_annotations_append_only BEFORE UPDATE OR DELETE ON meeting_annotations FOR EACH ROW EXECUTE FUNCTION kasane_record_immutable()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  for (const table of ['record_text_fts', 'meeting_annotations', 'meeting_snapshots', 'meeting_records']) {
    await db.schema.dropTable(table).execute();
  }
  if (pg) await sql`DROP FUNCTION IF EXISTS kasane_record_immutable()`.execute(db);
}
