import type { Kysely } from 'kysely';

/**
 * Going live (issue 10): the municipality's settings, deactivation of organisations and users,
 * organisation administrators, one-time passwords and invitations, TOTP second factors with
 * recovery codes, pending sign-ins between password and code, and per-session second-factor
 * freshness for step-up. Nothing is deleted on deactivation, so past entries stay attributed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('municipality_settings')
    // Always 1: one municipality per installation.
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('require_two_factor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('session_idle_minutes', 'integer', (c) => c.notNull().defaultTo(480))
    .addColumn('step_up_minutes', 'integer', (c) => c.notNull().defaultTo(15))
    .addColumn('record_retention_years', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('audit_retention_years', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable('organisations').addColumn('deactivated_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('deactivated_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('is_org_admin', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('users').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  // {"<moment or empty>": ["item", ...]}: the municipality's own agenda per moment of this kind.
  await db.schema.alterTable('meeting_kinds').addColumn('agenda_json', 'text', (c) => c.notNull().defaultTo('{}')).execute();

  await db.schema
    .createTable('user_invitations')
    // SHA-256 of the token: the link itself is never stored.
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_invitations_user').on('user_invitations').column('user_id').execute();

  await db.schema
    .createTable('user_totp')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'))
    // Base64 of the 20-byte key (a server secret like a password hash: never sent after enrolment).
    .addColumn('secret', 'text', (c) => c.notNull())
    // Null while enrolment waits for the first correct code.
    .addColumn('enrolled_at', 'text')
    // Highest time step accepted: a code is good once (replay refused).
    .addColumn('last_counter', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('user_recovery_codes')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addPrimaryKeyConstraint('user_recovery_codes_pk', ['user_id', 'code_hash'])
    .execute();

  await db.schema
    .createTable('login_challenges')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // 'totp' (enter a code) or 'enrol' (set up a second factor first).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('session_factors')
    .addColumn('session_id', 'text', (c) => c.primaryKey().references('sessions.id').onDelete('cascade'))
    // Milliseconds since the epoch of the last correct second-factor code in this session.
    .addColumn('verified_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['session_factors', 'login_challenges', 'user_recovery_codes', 'user_totp', 'user_invitations', 'municipality_settings']) {
    await db.schema.dropTable(table).execute();
  }
}
