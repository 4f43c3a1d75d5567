import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

/**
 * The durable log of control events between nodes (access changed, session ended, user
 * deactivated, compartment created): Redis pub/sub only nudges; a node that missed a nudge (a Redis
 * outage) reads the log from the last id it saw. Rows are pruned after a day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  await db.schema
    .createTable('control_events')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    /** The bus node id of the publisher: it has already acted on the event itself. */
    .addColumn('origin', 'text', (c) => c.notNull())
    /** The ControlMessage (shared/protocol/control-events.ts) as JSON. */
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('control_events_created').on('control_events').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('control_events').execute();
}
