import type { Db } from '../store/db.ts';
import type { SessionUser } from '../auth/lucia.ts';
import type { DuplicateCandidate, InboxPerson } from '../../shared/api/intake.ts';
import { canManageCase } from '../access/case-roles.ts';
import { coordinatorsOf } from './coordinators.ts';
import { normaliseKana, normaliseName } from './normalize.ts';

/**
 * Households already known that may be the one on the sheet: a person with the same name (kanji
 * variants and kana folded) or the same reading, and the same birth date; or the same address.
 * Shown before accepting so one household does not become two cases. A match in a case the
 * viewer does not manage names only its coordinators (whom to ask), never the case or the person.
 */
export async function findDuplicates(db: Db, viewer: SessionUser, household: InboxPerson[], addressKey: string | null): Promise<DuplicateCandidate[]> {
  const persons = await db.selectFrom('persons').select(['id', 'case_id', 'name', 'kana', 'birth_date']).execute();
  const byCase = new Map<string, { reasons: Set<'name_birth' | 'address'>; person: string | null }>();
  const hit = (caseId: string, reason: 'name_birth' | 'address', person: string | null) => {
    const entry = byCase.get(caseId) ?? { reasons: new Set(), person: null };
    entry.reasons.add(reason);
    entry.person ??= person;
    byCase.set(caseId, entry);
  };
  for (const wanted of household) {
    if (!wanted.birthDate) continue;
    const name = normaliseName(wanted.name);
    const kana = wanted.kana ? normaliseKana(wanted.kana) : '';
    for (const p of persons) {
      if (p.birth_date !== wanted.birthDate) continue;
      const sameName = normaliseName(p.name) === name;
      const sameKana = kana !== '' && !!p.kana && normaliseKana(p.kana) === kana;
      if (sameName || sameKana) hit(p.case_id, 'name_birth', p.name);
    }
  }
  if (addressKey) {
    const rows = await db.selectFrom('case_keys').select('case_id').where('address_key', '=', addressKey).execute();
    for (const r of rows) hit(r.case_id, 'address', null);
  }
  const out: DuplicateCandidate[] = [];
  for (const [caseId, { reasons, person }] of byCase) {
    const manages = await canManageCase(db, viewer, caseId);
    const kase = manages ? await db.selectFrom('cases').select('title').where('id', '=', caseId).executeTakeFirst() : undefined;
    const coordinators = await coordinatorsOf(db, caseId);
    const lead = coordinators.length
      ? coordinators.map((c) => c.displayName)
      : (await db.selectFrom('cases').innerJoin('users', 'users.id', 'cases.coordinator_user_id').select('users.display_name').where('cases.id', '=', caseId).execute()).map(
          (r) => r.display_name,
        );
    out.push({
      caseId: manages ? caseId : null,
      caseTitle: kase?.title ?? null,
      coordinatorNames: lead,
      matchedPersonName: manages ? person : null,
      reasons: [...reasons].sort(),
    });
  }
  return out;
}
