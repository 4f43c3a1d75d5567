import type { Db } from '../store/db.ts';
import { ensureMeetingKinds } from './meeting-kinds.ts';
import { ensureSettings } from '../admin/settings-store.ts';
import { UNNAMED_MUNICIPALITY } from '../admin/settings-store.ts';

/**
 * What every installation needs whether or not it runs the demo: the built-in meeting kinds and
 * the settings row. A real installation (KASANE_SEED_DEMO=0) gets nothing else: no organisation,
 * no user, no password; the first administrator is made with `npm run admin:create`.
 */
export async function prepareInstallation(db: Db, options: { demo: boolean; sessionTtlSeconds: number }): Promise<void> {
  await ensureMeetingKinds(db);
  await ensureSettings(db, {
    name: options.demo ? 'はなみずき市 (デモ)' : UNNAMED_MUNICIPALITY,
    isDemo: options.demo,
    sessionIdleMinutes: Math.max(5, Math.round(options.sessionTtlSeconds / 60)),
  });
}
