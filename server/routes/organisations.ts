import type { Db } from '../store/db.ts';

/**
 * The first organisation id of `ids` that is not registered, or null. Labels and consent scopes
 * name organisations; a typo or a made-up id would otherwise share with nobody, or later with
 * whoever registers that id. '*' (every member of the meeting) is no organisation and is skipped.
 */
export async function unknownOrganisation(db: Db, ids: readonly string[]): Promise<string | null> {
  const wanted = [...new Set(ids.filter((id) => id !== '*'))];
  if (wanted.length === 0) return null;
  const rows = await db.selectFrom('organisations').select('id').where('id', 'in', wanted).execute();
  const known = new Set(rows.map((r) => r.id));
  return wanted.find((id) => !known.has(id)) ?? null;
}
