import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('is_coordinator', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('coordinator_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('persons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('age', 'integer')
    .addColumn('is_subject', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deceased', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('persons_case').on('persons').column('case_id').execute();
  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('kind_id', 'text', (c) => c.notNull())
    .addColumn('moment', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('scheduled_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('video_url', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .execute();
  await db.schema.createIndex('meetings_case').on('meetings').column('case_id').execute();
  await db.schema
    .createTable('meeting_participants')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('affirmed_at', 'text')
    .addPrimaryKeyConstraint('meeting_participants_pk', ['meeting_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('doc_updates')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('doc_name', 'text', (c) => c.notNull())
    .addColumn('data', pg ? sql`bytea` : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('doc_updates_doc').on('doc_updates').columns(['doc_name', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['doc_updates', 'meeting_participants', 'meetings', 'persons', 'cases', 'sessions', 'users', 'organisations']) {
    await db.schema.dropTable(table).execute();
  }
}
