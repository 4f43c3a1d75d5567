import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

/**
 * The consent model (issue 3): meeting kinds as configuration, consent records (append-only
 * history), legal-basis changes, the compartment registry, and the hash-chained audit log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  const serial = pg ? 'bigserial' : 'integer';

  await db.schema
    .createTable('meeting_kinds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_ja', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('consent_required', 'integer', (c) => c.notNull())
    .addColumn('confidentiality_required', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('consent_records')
    .addColumn('id', serial, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('method', 'text')
    .addColumn('valid_from', 'text')
    .addColumn('valid_until', 'text')
    /** JSON array of {category, orgId}; orgId '*' = every member of the meeting. */
    .addColumn('scope_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    /** Reference to the scanned 同意書, when one is attached. */
    .addColumn('document_ref', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consent_records_person').on('consent_records').columns(['person_id', 'id']).execute();
  await db.schema.createIndex('consent_records_case').on('consent_records').column('case_id').execute();

  await db.schema
    .createTable('legal_basis_changes')
    .addColumn('id', serial, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('from_basis', 'text')
    .addColumn('to_basis', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('compartments')
    .addColumn('doc_name', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('supplier_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    /** JSON array of org ids, or null for no allow-list. */
    .addColumn('allow_org_ids', 'text')
    .addColumn('not_to_person', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('compartments_case').on('compartments').column('case_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', serial, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('doc_name', 'text')
    .addColumn('detail_json', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_case').on('audit_log').columns(['case_id', 'seq']).execute();
  await db.schema.createIndex('audit_actor').on('audit_log').columns(['actor_user_id', 'seq']).execute();

  await db.schema.alterTable('meeting_participants').addColumn('added_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('meeting_participants').dropColumn('added_at').execute();
  for (const table of ['audit_log', 'compartments', 'legal_basis_changes', 'consent_records', 'meeting_kinds']) {
    await db.schema.dropTable(table).execute();
  }
}
