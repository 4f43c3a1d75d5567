import type { Db } from '../store/db.ts';
import type { RecordsSettings } from '../../shared/api/records.ts';

/**
 * The municipality's heading and 様式 number on every 会議録 (migration 011, table
 * records_settings, keys 'records.heading' and 'records.formNumber'). Kept apart from any other
 * settings table so the records stay printable with their own defaults whatever else changes.
 */

const KEYS = { heading: 'records.heading', formNumber: 'records.formNumber' } as const;
export const DEFAULT_RECORDS_SETTINGS: RecordsSettings = { heading: '重層的支援体制整備事業', formNumber: '' };

export async function readRecordsSettings(db: Db): Promise<RecordsSettings> {
  const rows = await db.selectFrom('records_settings').select(['key', 'value']).where('key', 'in', Object.values(KEYS)).execute();
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  return { heading: byKey.get(KEYS.heading) ?? DEFAULT_RECORDS_SETTINGS.heading, formNumber: byKey.get(KEYS.formNumber) ?? DEFAULT_RECORDS_SETTINGS.formNumber };
}

export async function writeRecordsSettings(db: Db, userId: string, settings: RecordsSettings): Promise<RecordsSettings> {
  const at = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const [field, key] of Object.entries(KEYS) as [keyof RecordsSettings, string][]) {
      const row = { key, value: settings[field], updated_at: at, updated_by: userId };
      await trx
        .insertInto('records_settings')
        .values(row)
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, updated_at: at, updated_by: userId }))
        .execute();
    }
  });
  return readRecordsSettings(db);
}
