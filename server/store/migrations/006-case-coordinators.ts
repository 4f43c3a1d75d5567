import { sql, type Kysely } from 'kysely';

/**
 * The users assigned to a case as its coordinators (case managers). Management rights (record
 * consent, schedule meetings, designate members, accept referrals) belong to them, not to every
 * facilitator of the coordinating organisation. Each existing case starts with its recorded
 * coordinator (cases.coordinator_user_id), which stays the case's primary contact.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_coordinators')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    /** Null for the rows carried over from cases.coordinator_user_id. */
    .addColumn('assigned_by', 'text', (c) => c.references('users.id'))
    .addPrimaryKeyConstraint('case_coordinators_pk', ['case_id', 'user_id'])
    .execute();
  await db.schema.createIndex('case_coordinators_user').on('case_coordinators').column('user_id').execute();
  await sql`insert into case_coordinators (case_id, user_id, assigned_at, assigned_by)
            select id, coordinator_user_id, created_at, null from cases`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_coordinators').execute();
}
