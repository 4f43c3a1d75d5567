import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../server/store/db.ts';
import { migrateOnly, migrateToLatest } from '../../server/store/migrate.ts';

/**
 * Migrations are numbered by the branch that wrote them, so one may arrive after a later number
 * already ran on a database (012 after 013 and 015). Such a database must still start and get
 * the missing migration, not be refused as "corrupted".
 */
describe('a migration that arrives after later ones ran', () => {
  it('is applied to a database that already has 013 and 015', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kasane-migrate-'));
    const db = openSqlite(join(dir, 'kasane.sqlite'));
    try {
      const all = ['001-initial', '002-consent-compartments-audit', '003-records', '004-decision-confirmations', '005-attendance', '006-case-coordinators', '007-control-events', '008-session-created', '009-administration', '010-intake-cases', '011-records-file', '013-shared-guards', '015-meeting-opened-at'];
      await migrateOnly(db, all);
      await expect(db.selectFrom('setup_links').selectAll().execute()).rejects.toThrow(/no such table/);
      await migrateToLatest(db);
      expect(await db.selectFrom('setup_links').selectAll().execute()).toEqual([]);
      expect(await db.selectFrom('login_throttle').selectAll().execute()).toEqual([]);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
