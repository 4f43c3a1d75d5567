import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

/**
 * Records fit to file (issue 11):
 * - records_settings: the municipality's own heading and 様式 number on every 会議録 (key/value,
 *   so a later setting needs no migration).
 * - meeting_record_details: 開催方法 (対面 / オンライン / 併用), 開催場所 and 記録者 of a meeting,
 *   set by the facilitator on the board until the meeting closes.
 * - meeting_record_basis: the legal basis and every person's consent state at the close, kept
 *   beside the frozen record.
 * - record_keeper_copies: at approval (確定), what the record showed each of the case's keepers
 *   (its coordinator and the approver): the documents they saw and the rendered minutes. The
 *   keeper's record does not change afterwards, whatever happens to consent.
 * Basis and keeper copies are immutable once the record is approved, like the snapshots.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';

  await db.schema
    .createTable('records_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('meeting_record_details')
    .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id'))
    /** 'in_person' | 'online' | 'hybrid'; null: not recorded (the video link decides). */
    .addColumn('method', 'text')
    .addColumn('place', 'text')
    .addColumn('recorder_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .execute();

  await db.schema
    .createTable('meeting_record_basis')
    .addColumn('meeting_id', 'text', (c) => c.primaryKey().references('meetings.id'))
    /** {legalBasis, kind flags, consents: [{personId, status, validUntil, scope}]} at the close. */
    .addColumn('basis_json', 'text', (c) => c.notNull())
    .addColumn('captured_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('record_keeper_copies')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    /** The snapshot documents this keeper saw at approval. */
    .addColumn('doc_names_json', 'text', (c) => c.notNull())
    /** The minutes model as rendered for this keeper at approval (without the export footer). */
    .addColumn('model_json', 'text', (c) => c.notNull())
    .addColumn('kept_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_keeper_copies_pk', ['meeting_id', 'user_id'])
    .execute();

  if (pg) {
    // kasane_record_immutable() comes from 003: refuses changes once the meeting's record is approved.
    for (const table of ['meeting_record_basis', 'record_keeper_copies']) {
      await sql
        .raw(`CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION kasane_record_immutable()`)
        .execute(db);
    }
  } else {
    for (const table of ['meeting_record_basis', 'record_keeper_copies']) {
      for (const op of ['UPDATE', 'DELETE']) {
        await sql
          .raw(
            `CREATE TRIGGER ${table}_no_${op.toLowerCase()}_after_approval BEFORE ${op} ON ${table}
             WHEN EXISTS (SELECT 1 FROM meeting_records WHERE meeting_id = OLD.meeting_id AND approved_at IS NOT NULL)
             BEGIN SELECT RAISE(ABORT, 'approved meeting record is immutable'); END`,
          )
          .execute(db);
      }
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['record_keeper_copies', 'meeting_record_basis', 'meeting_record_details', 'records_settings']) {
    await db.schema.dropTable(table).execute();
  }
}
