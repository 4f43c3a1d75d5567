import { ageOn } from '../../shared/domain/referral.ts';
import type { SheetMember } from '../../shared/api/intake.ts';
import { normaliseKana, normaliseName } from './normalize.ts';

/** A person the case already has, as the merge needs it. */
export interface KnownPerson {
  id: string;
  name: string;
  kana?: string | null;
  sex: string;
  age: number | null;
  birth_date?: string | null;
}

/**
 * Which household member of a sheet is a person the case already has, when a sheet is added to
 * an existing case: the same person must not become two (one consent state, one genogram symbol).
 *
 * A member is the known person when the names agree (kanji variants, kana and spacing folded as
 * in duplicates.ts, or the same reading) AND
 *  - both have a birth date and it is the same (a different birth date is a different person,
 *    whatever the name: a father and son may share one), or
 *  - one side has no birth date, and sex and age agree (within a year, as ages on a sheet are
 *    often approximate): in one household, the same name, sex and age is the same person.
 * Anything less certain adds a new person: a duplicate can be merged by hand later, while a wrong
 * merge would file what is known about one person under another person's consent.
 * Each known person is matched at most once (two rows of one sheet are two people).
 */
export function matchHousehold(members: readonly SheetMember[], known: readonly KnownPerson[], today: string): (string | null)[] {
  const taken = new Set<string>();
  return members.map((m) => {
    const name = normaliseName(m.name);
    const kana = m.kana ? normaliseKana(m.kana) : '';
    const sameName = (p: KnownPerson) => normaliseName(p.name) === name || (kana !== '' && !!p.kana && normaliseKana(p.kana) === kana);
    const candidates = known.filter((p) => !taken.has(p.id) && sameName(p));
    const byBirth = m.birthDate ? candidates.find((p) => p.birth_date === m.birthDate) : undefined;
    const match =
      byBirth ??
      candidates.find((p) => {
        if (p.birth_date && m.birthDate) return false; // both known and different
        const mine = m.age ?? ageOn(m.birthDate, today);
        const theirs = p.birth_date ? ageOn(p.birth_date, today) : p.age;
        return p.sex === m.sex && mine !== null && theirs !== null && Math.abs(mine - theirs) <= 1;
      });
    if (!match) return null;
    taken.add(match.id);
    return match.id;
  });
}
