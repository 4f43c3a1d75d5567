import type { Kysely } from 'kysely';

/**
 * Who actually attended (出席), as opposed to who was designated: recorded when a participant
 * joins the board of an open meeting, and set or corrected by the facilitator (someone on the
 * phone, someone who left). The minutes list attendees from here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meeting_attendance')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('present', 'integer', (c) => c.notNull())
    /** 'joined' (opened the board while the meeting ran) or 'facilitator' (marked by hand). */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_attendance_pk', ['meeting_id', 'user_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('meeting_attendance').execute();
}
