import type { Kysely } from 'kysely';

/**
 * Confirmations of decisions (決定事項の確定, issue 4). The decisions live in the meeting's Yjs
 * document, which every member may write; whether one is confirmed is recorded here, by the
 * server, with a hash of the content confirmed. Rows are only ever added: confirming the same
 * content twice is one row, confirming edited content is another.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('decision_confirmations')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('decision_id', 'text', (c) => c.notNull())
    /** decisionContentHash (shared/api/decisions.ts) of text, owner and due date as confirmed. */
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('confirmed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('decision_confirmations_pk', ['meeting_id', 'decision_id', 'text_hash'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('decision_confirmations').execute();
}
