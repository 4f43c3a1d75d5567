import { useState, type FormEvent } from 'react';
import type { ReferralSheet, SheetMember } from '../../shared/api/intake.ts';
import { CATEGORIES, type Category } from '../../shared/domain/categories.ts';
import { RELATIONS, TROUBLES, type TroubleKey } from '../../shared/domain/referral.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { navigate } from '../ui/router.tsx';
import { useApi } from '../ui/useApi.ts';
import { call } from './intake-api.ts';
import { HouseholdRows, emptyMember } from './HouseholdRows.tsx';

type Sex = 'male' | 'female' | 'other';

/** /intake/new: the つなぐシート, in the consent-given or consent-not-given variant. */
export function ReferralFormPage() {
  const { t, tx, locale } = useI18n();
  const orgs = useApi(() => call<{ id: string; name: string }[]>('GET', '/intake/coordinating-organisations'), 'orgs');
  const [variant, setVariant] = useState<'given' | 'not_given'>('not_given');
  const [method, setMethod] = useState<'written' | 'oral'>('written');
  const [consentDate, setConsentDate] = useState('');
  const [categories, setCategories] = useState<Category[]>(['basic', 'living']);
  const [notGivenReason, setNotGivenReason] = useState<'not_asked' | 'refused'>('not_asked');
  const [subject, setSubject] = useState({ name: '', kana: '', sex: 'female' as Sex, birthDate: '', age: '', address: '', phone: '', contactNote: '' });
  const [members, setMembers] = useState<SheetMember[]>([]);
  const [troubles, setTroubles] = useState<Partial<Record<TroubleKey, string>>>({});
  const [wishes, setWishes] = useState('');
  const [considerations, setConsiderations] = useState('');
  const [reason, setReason] = useState('');
  const [toOrgId, setToOrgId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const to = toOrgId || orgs.data?.[0]?.id || '';
  const set = (k: keyof typeof subject) => (e: { target: { value: string } }) => setSubject({ ...subject, [k]: e.target.value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body: ReferralSheet = {
      toOrgId: to,
      consentVariant: variant,
      consent: variant === 'given' ? { method, date: consentDate, categories } : null,
      notGivenReason: variant === 'not_given' ? notGivenReason : null,
      subject: { ...subject, birthDate: subject.birthDate || null, age: subject.age ? Number(subject.age) : null },
      household: members,
      troubles: TROUBLES.filter((tr) => troubles[tr.key] !== undefined).map((tr) => ({ key: tr.key, detail: troubles[tr.key] ?? '' })),
      wishes,
      considerations,
      reason,
    };
    try {
      await call('POST', '/intake/referrals', body);
      navigate('/intake');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  return (
    <section className="intake-page">
      <h1>{t('in_newTitle')}</h1>
      <p className="hint">{t('in_newIntro')}</p>
      <form onSubmit={submit} className="card intake-form">
        <fieldset className="inline-choices">
          <legend>{t('in_variant')}</legend>
          {(['not_given', 'given'] as const).map((v) => (
            <label key={v}>
              <input type="radio" name="variant" checked={variant === v} onChange={() => setVariant(v)} /> {t(v === 'given' ? 'in_variantGiven' : 'in_variantNotGiven')}
            </label>
          ))}
        </fieldset>
        {variant === 'given' ? (
          <div className="form-row">
            <label>
              {t('in_consentMethod')}
              <select value={method} onChange={(e) => setMethod(e.target.value as 'written' | 'oral')}>
                <option value="written">{t('in_method_written')}</option>
                <option value="oral">{t('in_method_oral')}</option>
              </select>
            </label>
            <label>
              {t('in_consentDate')}
              <input type="date" required value={consentDate} onChange={(e) => setConsentDate(e.target.value)} />
            </label>
            <fieldset className="inline-choices">
              <legend>{t('in_consentCategories')}</legend>
              {CATEGORIES.filter((c) => c !== 'tax').map((c) => (
                <label key={c}>
                  <input type="checkbox" checked={categories.includes(c)} onChange={(e) => setCategories(e.target.checked ? [...categories, c] : categories.filter((x) => x !== c))} /> {tx(`cat_${c}`)}
                </label>
              ))}
            </fieldset>
          </div>
        ) : (
          <fieldset className="inline-choices">
            <legend>{t('in_notGivenReason')}</legend>
            {(['not_asked', 'refused'] as const).map((r) => (
              <label key={r}>
                <input type="radio" name="notGiven" checked={notGivenReason === r} onChange={() => setNotGivenReason(r)} /> {tx(`in_notGiven_${r}`)}
              </label>
            ))}
          </fieldset>
        )}

        <h2>{t('in_subject')}</h2>
        <div className="form-row">
          <label>
            {t('in_name')}
            <input required value={subject.name} onChange={set('name')} />
          </label>
          <label>
            {t('in_kana')}
            <input value={subject.kana} onChange={set('kana')} />
          </label>
          <label>
            {t('in_sex')}
            <select value={subject.sex} onChange={set('sex')}>
              {(['female', 'male', 'other'] as const).map((s) => (
                <option key={s} value={s}>
                  {tx(`in_sex_${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('in_birthDate')}
            <input type="date" value={subject.birthDate} onChange={set('birthDate')} />
          </label>
          <label>
            {t('in_age')}
            <input type="number" min={0} max={130} className="narrow" value={subject.age} onChange={set('age')} />
          </label>
        </div>
        <div className="form-row">
          <label className="grow">
            {t('in_address')}
            <input value={subject.address} onChange={set('address')} />
          </label>
          <label>
            {t('in_phone')}
            <input value={subject.phone} onChange={set('phone')} />
          </label>
          <label className="grow">
            {t('in_contactNote')}
            <input value={subject.contactNote} onChange={set('contactNote')} />
          </label>
        </div>

        <fieldset className="trouble-list">
          <legend>{t('in_troubles')}</legend>
          {TROUBLES.map((tr) => (
            <div key={tr.key} className="trouble-row">
              <label>
                <input
                  type="checkbox"
                  checked={troubles[tr.key] !== undefined}
                  onChange={(e) => {
                    const next = { ...troubles };
                    if (e.target.checked) next[tr.key] = '';
                    else delete next[tr.key];
                    setTroubles(next);
                  }}
                />{' '}
                {locale === 'ja' ? tr.ja : tr.en}
              </label>
              {troubles[tr.key] !== undefined && (
                <input
                  aria-label={`${locale === 'ja' ? tr.ja : tr.en}: ${t('in_troubleDetail')}`}
                  value={troubles[tr.key]}
                  onChange={(e) => setTroubles({ ...troubles, [tr.key]: e.target.value })}
                />
              )}
            </div>
          ))}
        </fieldset>

        <h2>{t('in_household')}</h2>
        <HouseholdRows members={members} onChange={setMembers} />
        <button type="button" onClick={() => setMembers([...members, emptyMember(RELATIONS[3].key)])}>
          {t('in_addMember')}
        </button>

        <label className="block">
          {t('in_wishes')}
          <textarea rows={2} value={wishes} onChange={(e) => setWishes(e.target.value)} />
        </label>
        <label className="block">
          {t('in_considerations')}
          <textarea rows={2} value={considerations} onChange={(e) => setConsiderations(e.target.value)} />
        </label>
        <div className="form-row">
          <label>
            {t('in_toOrg')}
            <select value={to} onChange={(e) => setToOrgId(e.target.value)}>
              {orgs.data?.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="block">
          {t('in_reason')}
          <textarea rows={3} required value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" disabled={busy || !to}>
            {t('in_submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
