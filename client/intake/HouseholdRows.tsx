import type { SheetMember } from '../../shared/api/intake.ts';
import { RELATIONS, type RelationKey } from '../../shared/domain/referral.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function emptyMember(relation: RelationKey): SheetMember {
  return { name: '', kana: '', sex: 'male', birthDate: null, age: null, relation, relationLabel: '', deceased: false, notes: '' };
}

/** The sheet's household table: name, kana, sex, birth date or age, relation, deceased, notes. */
export function HouseholdRows({ members, onChange }: { members: SheetMember[]; onChange(next: SheetMember[]): void }) {
  const { t, tx, locale } = useI18n();
  const update = (i: number, patch: Partial<SheetMember>) => onChange(members.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <ol className="household-rows">
      {members.map((m, i) => {
        const n = `${t('in_household')} ${i + 1}`;
        return (
          <li key={i} className="household-row">
            <label>
              {t('in_name')}
              <input aria-label={`${n} ${t('in_name')}`} required value={m.name} onChange={(e) => update(i, { name: e.target.value })} />
            </label>
            <label>
              {t('in_kana')}
              <input aria-label={`${n} ${t('in_kana')}`} value={m.kana} onChange={(e) => update(i, { kana: e.target.value })} />
            </label>
            <label>
              {t('in_sex')}
              <select aria-label={`${n} ${t('in_sex')}`} value={m.sex} onChange={(e) => update(i, { sex: e.target.value as SheetMember['sex'] })}>
                {(['male', 'female', 'other'] as const).map((s) => (
                  <option key={s} value={s}>
                    {tx(`in_sex_${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('in_relation')}
              <select aria-label={`${n} ${t('in_relation')}`} value={m.relation} onChange={(e) => update(i, { relation: e.target.value as RelationKey })}>
                {RELATIONS.map((r) => (
                  <option key={r.key} value={r.key}>
                    {locale === 'ja' ? r.ja : r.en}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('in_relationLabel')}
              <input aria-label={`${n} ${t('in_relationLabel')}`} className="narrow" value={m.relationLabel} onChange={(e) => update(i, { relationLabel: e.target.value })} />
            </label>
            <label>
              {t('in_birthDate')}
              <input aria-label={`${n} ${t('in_birthDate')}`} type="date" value={m.birthDate ?? ''} onChange={(e) => update(i, { birthDate: e.target.value || null })} />
            </label>
            <label>
              {t('in_age')}
              <input
                aria-label={`${n} ${t('in_age')}`}
                type="number"
                min={0}
                max={130}
                className="narrow"
                value={m.age ?? ''}
                onChange={(e) => update(i, { age: e.target.value ? Number(e.target.value) : null })}
              />
            </label>
            <label className="nowrap">
              <input type="checkbox" checked={m.deceased} onChange={(e) => update(i, { deceased: e.target.checked })} /> {t('in_deceased')}
            </label>
            <label className="grow">
              {t('in_notes')}
              <input aria-label={`${n} ${t('in_notes')}`} value={m.notes} onChange={(e) => update(i, { notes: e.target.value })} />
            </label>
            <button type="button" className="link-button" onClick={() => onChange(members.filter((_, j) => j !== i))}>
              {t('in_removeMember')}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
