import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

/**
 * Intake, cases over time and invitations (issue 10):
 * - referrals: つなぐシート as submitted by an agency, with its status in the coordinators' inbox;
 * - persons gain kana, birth date and notes (duplicate checks, the genogram's age);
 * - partnerships between household members (married, separated, divorced) for the genogram;
 * - case_keys: a hash of the household's normalised address, so duplicates can be found without
 *   keeping the address itself outside a labelled item (居所 can be DV-restricted);
 * - case_status_changes: 中断 / 終結 / 再開 with reason and date;
 * - support_decisions: the municipal 支援決定 (date, approver) that opens the 重層的支援会議;
 * - consent_documents: the signed 同意書 scan attached to a consent record;
 * - invitations: one meeting, one link, expires, works once.
 * (case_coordinators comes from migration 006.)
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  const blob = pg ? sql`bytea` : 'blob';

  await db.schema
    .createTable('referrals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('referring_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('referred_by', 'text', (c) => c.notNull().references('users.id'))
    /** The coordinating agency (多機関協働事業者) the sheet is addressed to. */
    .addColumn('to_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    /** 'given' | 'not_given': which variant of the sheet. */
    .addColumn('consent_variant', 'text', (c) => c.notNull())
    /** 'received' | 'accepted' | 'declined'. "first meeting held" is derived from the case. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decline_reason', 'text')
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    /** Basic information the coordinators need to accept and to check for duplicates (JSON). */
    .addColumn('household_json', 'text', (c) => c.notNull())
    .addColumn('address_key', 'text')
    /** The whole sheet as submitted (JSON): read only by the referring agency and turned into labelled items on accept. */
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('referrals_to_org').on('referrals').columns(['to_org_id', 'status']).execute();
  await db.schema.createIndex('referrals_referring_org').on('referrals').column('referring_org_id').execute();

  await db.schema.alterTable('persons').addColumn('kana', 'text').execute();
  await db.schema.alterTable('persons').addColumn('birth_date', 'text').execute();

  await db.schema
    .createTable('partnerships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('person_a', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('person_b', 'text', (c) => c.notNull().references('persons.id'))
    /** 'together' | 'separated' | 'divorced'. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('partnerships_case').on('partnerships').column('case_id').execute();

  await db.schema
    .createTable('case_keys')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('address_key', 'text')
    .execute();

  const serial = pg ? 'bigserial' : 'integer';
  await db.schema
    .createTable('case_status_changes')
    .addColumn('id', serial, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    /** 'active' | 'suspended' | 'ended'. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('effective_date', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_status_case').on('case_status_changes').columns(['case_id', 'id']).execute();

  await db.schema
    .createTable('support_decisions')
    .addColumn('id', serial, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('approver', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('consent_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consent_record_id', 'integer', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', blob, (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    /** SHA-256 of the link's secret: the secret itself is never stored. */
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    /** 'guest' | 'person' | 'family'. */
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('persons.id'))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('affiliation', 'text')
    /** 'password' (the invitee sets one) | 'code' (one-time code for this meeting only). */
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invited_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('revoked_at', 'text')
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema.createIndex('invitations_meeting').on('invitations').column('meeting_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['invitations', 'consent_documents', 'support_decisions', 'case_status_changes', 'case_keys', 'partnerships', 'referrals']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('persons').dropColumn('birth_date').execute();
  await db.schema.alterTable('persons').dropColumn('kana').execute();
}
