import { useState, type FormEvent } from 'react';
import type { HouseholdView } from '../../shared/api/case-admin.ts';
import { PARTNERSHIP_STATUSES, type PartnershipStatus } from '../../shared/domain/referral.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { call } from '../intake/intake-api.ts';

/** Household over time: add and remove persons, partnerships with separation and divorce. */
export function HouseholdEditor({ caseId, household, readOnly, onChange }: { caseId: string; household: HouseholdView; readOnly: boolean; onChange(h: HouseholdView): void }) {
  const { t, tx } = useI18n();
  const [person, setPerson] = useState({ name: '', kana: '', relation: '', sex: 'male' as 'male' | 'female' | 'other', birthDate: '', age: '', deceased: false });
  const [pair, setPair] = useState({ personA: '', personB: '', status: 'together' as PartnershipStatus });
  const [problem, setProblem] = useState<string | null>(null);
  const nameOf = (id: string) => household.persons.find((p) => p.id === id)?.name ?? '';
  const act = async (method: string, path: string, body?: unknown) => {
    setProblem(null);
    try {
      onChange(await call<HouseholdView>(method, `/cases/${caseId}/household${path}`, body));
      return true;
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
      return false;
    }
  };
  const addPerson = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await act('POST', '/persons', { ...person, kana: person.kana || null, birthDate: person.birthDate || null, age: person.age ? Number(person.age) : null });
    if (ok) setPerson({ ...person, name: '', kana: '', relation: '', birthDate: '', age: '' });
  };
  const a = pair.personA || household.persons[0]?.id || '';
  const b = pair.personB || household.persons[1]?.id || '';
  return (
    <section className="panel">
      <h2>{t('in_householdEdit')}</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('in_name')}</th>
            <th scope="col">{t('in_kana')}</th>
            <th scope="col">{t('in_relation')}</th>
            <th scope="col">{t('in_sex')}</th>
            <th scope="col">{t('in_age')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('in_remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {household.persons.map((p) => (
            <tr key={p.id}>
              <td>
                {p.name}
                {p.isSubject && <span className="badge badge-subject">{t('subject')}</span>}
                {p.deceased && <span className="tag">{t('in_deceased')}</span>}
              </td>
              <td>{p.kana ?? ''}</td>
              <td>{p.relation}</td>
              <td>{tx(`in_sex_${p.sex}`)}</td>
              <td>{p.age ?? ''}</td>
              <td>
                {!p.isSubject && !readOnly && (
                  <button type="button" className="link-button" onClick={() => void act('DELETE', `/persons/${p.id}`)}>
                    {t('in_remove')} <span className="visually-hidden">{p.name}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!readOnly && (
        <form onSubmit={addPerson} className="form-row" aria-label={t('in_addMember')}>
          <label>
            {t('in_name')}
            <input required value={person.name} onChange={(e) => setPerson({ ...person, name: e.target.value })} />
          </label>
          <label>
            {t('in_kana')}
            <input value={person.kana} onChange={(e) => setPerson({ ...person, kana: e.target.value })} />
          </label>
          <label>
            {t('in_relation')}
            <input required className="narrow" value={person.relation} onChange={(e) => setPerson({ ...person, relation: e.target.value })} />
          </label>
          <label>
            {t('in_sex')}
            <select value={person.sex} onChange={(e) => setPerson({ ...person, sex: e.target.value as typeof person.sex })}>
              {(['male', 'female', 'other'] as const).map((s) => (
                <option key={s} value={s}>
                  {tx(`in_sex_${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('in_birthDate')}
            <input type="date" value={person.birthDate} onChange={(e) => setPerson({ ...person, birthDate: e.target.value })} />
          </label>
          <label className="nowrap">
            <input type="checkbox" checked={person.deceased} onChange={(e) => setPerson({ ...person, deceased: e.target.checked })} /> {t('in_deceased')}
          </label>
          <button type="submit">{t('in_addMember')}</button>
        </form>
      )}
      <h3>{t('in_partnerships')}</h3>
      <ul className="plain-list">
        {household.partnerships.map((p) => (
          <li key={p.id}>
            {nameOf(p.personA)} ― {nameOf(p.personB)}:{' '}
            {readOnly ? (
              tx(`in_partner_${p.status}`)
            ) : (
              <>
                <select aria-label={`${nameOf(p.personA)} ― ${nameOf(p.personB)}`} value={p.status} onChange={(e) => void act('PUT', `/partnerships/${p.id}`, { status: e.target.value })}>
                  {PARTNERSHIP_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {tx(`in_partner_${s}`)}
                    </option>
                  ))}
                </select>{' '}
                <button type="button" className="link-button" onClick={() => void act('DELETE', `/partnerships/${p.id}`)}>
                  {t('in_remove')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {!readOnly && household.persons.length >= 2 && (
        <form
          className="form-row"
          aria-label={t('in_addPartnership')}
          onSubmit={(e) => {
            e.preventDefault();
            void act('POST', '/partnerships', { personA: a, personB: b, status: pair.status });
          }}
        >
          {(['personA', 'personB'] as const).map((k) => (
            <label key={k}>
              {t('in_name')}
              <select value={k === 'personA' ? a : b} onChange={(e) => setPair({ ...pair, [k]: e.target.value })}>
                {household.persons.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <label>
            {t('in_status')}
            <select value={pair.status} onChange={(e) => setPair({ ...pair, status: e.target.value as PartnershipStatus })}>
              {PARTNERSHIP_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {tx(`in_partner_${s}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('in_addPartnership')}</button>
        </form>
      )}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </section>
  );
}
