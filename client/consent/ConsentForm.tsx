import { useId, useState, type FormEvent } from 'react';
import type { PersonConsentView, RecordConsentRequest } from '../../shared/api/consent.ts';
import { CONSENT_METHODS, type ConsentMethod, type ConsentStatus } from '../../shared/domain/consent.ts';
import { api, unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage, fill, todayInJapan } from './common.ts';
import { ScopeGrid, fromScopeSet, toScopeSet, type ScopeKey } from './ScopeGrid.tsx';

/** Statuses a facilitator records by hand; 'expired' follows from the period, withdrawal has its own button. */
const RECORDABLE: ConsentStatus[] = ['granted', 'refused', 'not_asked'];

interface Props {
  caseId: string;
  person: PersonConsentView;
  organisations: { id: string; name: string }[];
  onSaved(): void;
  onCancel(): void;
}

export function ConsentForm({ caseId, person, organisations, onSaved, onCancel }: Props) {
  const { t, tx } = useI18n();
  const current = person.current;
  const id = useId();
  const [status, setStatus] = useState<ConsentStatus>(current && RECORDABLE.includes(current.status) ? current.status : 'granted');
  const [method, setMethod] = useState<ConsentMethod | null>(current?.method ?? null);
  const [validFrom, setValidFrom] = useState(current?.validFrom?.slice(0, 10) ?? todayInJapan());
  const [validUntil, setValidUntil] = useState(current?.validUntil?.slice(0, 10) ?? '');
  const [note, setNote] = useState('');
  const [scope, setScope] = useState<Set<ScopeKey>>(() => toScopeSet(current?.status === 'granted' ? current.scope : []));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body: RecordConsentRequest = {
      status,
      method,
      validFrom: validFrom || null,
      validUntil: validUntil || null,
      scope: status === 'granted' ? fromScopeSet(scope) : [],
      note: note.trim() || null,
    };
    try {
      await unwrap(api.cases[':caseId'].persons[':personId'].consents.$post({ param: { caseId, personId: person.personId }, json: body }));
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="consent-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{fill(t('consentFormTitle'), { name: person.personName })}</h3>
      <div className="form-row">
        <label>
          {t('consentStatusField')}
          <select value={status} onChange={(e) => setStatus(e.target.value as ConsentStatus)}>
            {RECORDABLE.map((s) => (
              <option key={s} value={s}>
                {tx(`consentStatus_${s}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="inline-choices">
          <legend>{t('consentMethod')}</legend>
          {[null, ...CONSENT_METHODS].map((m) => (
            <label key={m ?? 'none'}>
              <input type="radio" name={`${id}-method`} checked={method === m} onChange={() => setMethod(m)} />
              {m ? tx(`consentMethod_${m}`) : t('consentMethodNone')}
            </label>
          ))}
        </fieldset>
        <label>
          {t('consentValidFrom')}
          <input type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
        </label>
        <label>
          {t('consentValidUntil')}
          <input type="date" value={validUntil} onChange={(e) => setValidUntil(e.target.value)} />
        </label>
      </div>
      {status === 'granted' ? (
        <ScopeGrid organisations={organisations} value={scope} onChange={setScope} />
      ) : (
        <p className="hint">{t('consentScopeOnlyGranted')}</p>
      )}
      <label className="block">
        {t('consentNote')}
        <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={2000} />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('consentSaving') : t('consentSave')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('consentCancel')}
        </button>
      </div>
    </form>
  );
}
