import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia';
import type { Db } from '../store/db.ts';

/**
 * Lucia v3 adapter over Kysely, so sessions live in the same store (SQLite or PostgreSQL) as
 * everything else. Kept behind server/auth so Lucia can be swapped without touching routes.
 */
export class KyselyLuciaAdapter implements Adapter {
  constructor(
    private readonly db: Db,
    /** Absolute lifetime: a session older than this is gone, however recently it was used. */
    private readonly maxAgeMs: number = Number.POSITIVE_INFINITY,
  ) {}

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['sessions.id as sid', 'sessions.user_id', 'sessions.expires_at', 'sessions.created_at', 'users.username', 'users.display_name', 'users.org_id', 'users.role'])
      .where('sessions.id', '=', sessionId)
      .executeTakeFirst();
    if (!row) return [null, null];
    if (row.created_at !== null && Number(row.created_at) + this.maxAgeMs <= Date.now()) {
      await this.deleteSession(sessionId);
      return [null, null];
    }
    return [
      { id: row.sid, userId: row.user_id, expiresAt: new Date(Number(row.expires_at)), attributes: {} },
      {
        id: row.user_id,
        attributes: { username: row.username, display_name: row.display_name, org_id: row.org_id, role: row.role },
      },
    ];
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).execute();
    return rows.map((r) => ({ id: r.id, userId: r.user_id, expiresAt: new Date(Number(r.expires_at)), attributes: {} }));
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ id: session.id, user_id: session.userId, expires_at: session.expiresAt.getTime(), created_at: Date.now() })
      .execute();
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db.updateTable('sessions').set({ expires_at: expiresAt.getTime() }).where('id', '=', sessionId).execute();
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', Date.now()).execute();
  }
}
