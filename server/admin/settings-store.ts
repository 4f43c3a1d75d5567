import { TimeSpan } from 'lucia';
import type { Db } from '../store/db.ts';
import type { Auth } from '../auth/lucia.ts';
import type { SettingsView, UpdateSettingsRequest } from '../../shared/api/admin.ts';

/** Before an administrator names the municipality (a real installation starts empty). */
export const UNNAMED_MUNICIPALITY = '自治体名未設定';

/** The municipality's settings (one row). Missing row = defaults, so reads never fail. */
export async function loadSettings(db: Db): Promise<SettingsView> {
  const row = await db.selectFrom('municipality_settings').selectAll().where('id', '=', 1).executeTakeFirst();
  return {
    municipalityName: row?.name ?? UNNAMED_MUNICIPALITY,
    requireTwoFactor: row?.require_two_factor === 1,
    sessionIdleMinutes: row?.session_idle_minutes ?? 480,
    stepUpMinutes: row?.step_up_minutes ?? 15,
    recordRetentionYears: row?.record_retention_years ?? 5,
    auditRetentionYears: row?.audit_retention_years ?? 5,
    isDemo: row?.is_demo === 1,
  };
}

/** Creates the row on first start; afterwards only keeps is_demo in step with the demo users. */
export async function ensureSettings(db: Db, initial: { name: string; isDemo: boolean; sessionIdleMinutes: number }): Promise<void> {
  const now = new Date().toISOString();
  const row = await db.selectFrom('municipality_settings').select('id').where('id', '=', 1).executeTakeFirst();
  if (!row) {
    await db
      .insertInto('municipality_settings')
      .values({
        id: 1,
        name: initial.name,
        require_two_factor: 0,
        session_idle_minutes: initial.sessionIdleMinutes,
        step_up_minutes: 15,
        record_retention_years: 5,
        audit_retention_years: 5,
        is_demo: initial.isDemo ? 1 : 0,
        updated_at: now,
        updated_by: null,
      })
      .execute();
    return;
  }
  await db.updateTable('municipality_settings').set({ is_demo: initial.isDemo ? 1 : 0 }).where('id', '=', 1).execute();
}

export async function saveSettings(db: Db, next: UpdateSettingsRequest, byUserId: string): Promise<void> {
  await db
    .updateTable('municipality_settings')
    .set({
      name: next.municipalityName,
      require_two_factor: next.requireTwoFactor ? 1 : 0,
      session_idle_minutes: next.sessionIdleMinutes,
      step_up_minutes: next.stepUpMinutes,
      record_retention_years: next.recordRetentionYears,
      audit_retention_years: next.auditRetentionYears,
      updated_at: new Date().toISOString(),
      updated_by: byUserId,
    })
    .where('id', '=', 1)
    .execute();
}

/**
 * Lucia fixes the idle lifetime when it is constructed; the municipality may change it at run time.
 * Lucia v3 keeps it in a private field read on every validation and creation, so setting it applies
 * to new sessions and to the next extension of existing ones. (Kept here, behind server/admin, so a
 * Lucia swap has one place to change.)
 */
export function applySessionLifetime(auth: Auth, idleMinutes: number): void {
  (auth as unknown as { sessionExpiresIn: TimeSpan }).sessionExpiresIn = new TimeSpan(idleMinutes * 60, 's');
}
