import type { Db } from '../store/db.ts';
import { BUILT_IN_MEETING_KINDS } from '../../shared/domain/meeting-kinds.ts';

/** The built-in meeting kinds exist in every municipality; local ones are added beside them. */
export async function ensureMeetingKinds(db: Db): Promise<void> {
  const existing = new Set((await db.selectFrom('meeting_kinds').select('id').execute()).map((r) => r.id));
  const missing = BUILT_IN_MEETING_KINDS.filter((k) => !existing.has(k.id));
  if (missing.length === 0) return;
  await db
    .insertInto('meeting_kinds')
    .values(
      missing.map((k) => ({
        id: k.id,
        name_ja: k.nameJa,
        name_en: k.nameEn,
        consent_required: k.consentRequired ? 1 : 0,
        confidentiality_required: k.confidentialityRequired ? 1 : 0,
      })),
    )
    .execute();
}
