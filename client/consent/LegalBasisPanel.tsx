import { useEffect, useId, useState, type FormEvent } from 'react';
import type { CaseDetail } from '../../shared/api/cases.ts';
import { api, unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage } from './common.ts';
import { LegalBasisHistory } from './LegalBasisHistory.tsx';
import { LegalBasisLabel } from '../cases/LegalBasisLabel.tsx';

type Basis = NonNullable<CaseDetail['legalBasis']>;
const BASES: Basis[] = ['support_meeting', 'consent'];

/** The case's legal basis (支援会議 / 重層的支援会議) and, for managers, the form to change it. */
export function LegalBasisPanel({ caseId, basis, manager, onChanged }: { caseId: string; basis: CaseDetail['legalBasis']; manager: boolean; onChanged(): void }) {
  const { t, tx } = useI18n();
  const id = useId();
  const [next, setNext] = useState<Basis>(basis === 'consent' ? 'support_meeting' : 'consent');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  // After a change the other basis becomes the one to offer.
  useEffect(() => setNext(basis === 'consent' ? 'support_meeting' : 'consent'), [basis]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await unwrap(api.cases[':caseId']['legal-basis'].$put({ param: { caseId }, json: { basis: next, reason: reason.trim() } }));
      setReason('');
      setDone(true);
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel legal-basis" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('legalBasisPanel')}</h2>
      <p>
        {t('legalBasisCurrent')}: <strong data-testid="legal-basis">
          <LegalBasisLabel basis={basis} />
        </strong>
      </p>
      {done && <p role="status">{t('legalBasisSaved')}</p>}
      {manager && <LegalBasisHistory caseId={caseId} version={basis ?? 'hidden'} />}
      {manager && (
        <details className="legal-basis-change">
          <summary>{t('legalBasisChange')}</summary>
          <form onSubmit={submit} className="legal-basis-form">
            <fieldset className="inline-choices">
              <legend>{t('legalBasisNew')}</legend>
              {BASES.map((b) => (
                <label key={b}>
                  <input type="radio" name={`${id}-basis`} checked={next === b} onChange={() => setNext(b)} />
                  {tx(`basis_${b}`)}
                </label>
              ))}
            </fieldset>
            <label className="block">
              {t('legalBasisReason')}
              <textarea value={reason} onChange={(e) => setReason(e.target.value)} required rows={2} maxLength={1000} />
            </label>
            <p className="hint">{t('legalBasisHint')}</p>
            {error && (
              <p role="alert" className="error">
                {error}
              </p>
            )}
            <button type="submit" disabled={busy || next === basis || reason.trim() === ''}>
              {t('legalBasisSave')}
            </button>
          </form>
        </details>
      )}
    </section>
  );
}
