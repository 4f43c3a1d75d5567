import { useId, useState } from 'react';
import type { PersonConsentView } from '../../shared/api/consent.ts';
import type { DirectoryView } from '../../shared/api/participants.ts';
import { api, unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage, fill, scopeOrganisations, todayInJapan } from './common.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { ConsentForm } from './ConsentForm.tsx';
import { ConsentHistory, ScopeSummary, StatusBadge, useValidity } from './ConsentHistory.tsx';

interface Props {
  caseId: string;
  person: PersonConsentView;
  directory: DirectoryView;
  manager: boolean;
  deceased?: boolean;
  onChanged(): void;
}

/** One household member: the consent in force now, its history, and (for managers) the forms. */
export function PersonConsentCard({ caseId, person, directory, manager, deceased, onChanged }: Props) {
  const { t, tx, date } = useI18n();
  const validity = useValidity();
  const headingId = useId();
  const [editing, setEditing] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [withdrawNote, setWithdrawNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = person.current;

  const withdraw = async () => {
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        api.cases[':caseId'].persons[':personId'].consents.$post({
          param: { caseId, personId: person.personId },
          json: { status: 'withdrawn', method: null, validFrom: todayInJapan(), validUntil: null, scope: [], note: withdrawNote.trim() || null },
        }),
      );
      setWithdrawing(false);
      setWithdrawNote('');
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
      setWithdrawing(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="card consent-card" aria-labelledby={`${headingId}-name`} data-testid={`consent-${person.personId}`}>
      <header className="consent-card-head">
        <h2 id={`${headingId}-name`}>
          {person.personName}
          {person.isSubject && <small className="tag">{t('subject')}</small>}
          {deceased && <small className="tag">{t('deceased')}</small>}
        </h2>
        <p className="consent-now" data-testid={`consent-status-${person.personId}`}>
          <span className="visually-hidden">{t('consentCurrent')}: </span>
          <StatusBadge status={person.effectiveStatus} />
          {current && <span className="muted">{date(current.validFrom ?? current.recordedAt)}</span>}
        </p>
        {manager && current?.status === 'granted' && (
          <button type="button" className="danger" onClick={() => setWithdrawing(true)}>
            {t('consentWithdraw')}
          </button>
        )}
      </header>
      {current ? (
        <dl className="facts">
          <dt>{t('consentMethod')}</dt>
          <dd>{current.method ? tx(`consentMethod_${current.method}`) : '—'}</dd>
          <dt>{t('consentValidity')}</dt>
          <dd>{validity(current.validFrom, current.validUntil)}</dd>
          <dt>{t(manager ? 'consentScope' : 'consentScopeForMyOrg')}</dt>
          <dd>
            <ScopeSummary scope={current.scope} directory={directory} />
          </dd>
          <dt>{t('consentRecordedBy')}</dt>
          <dd>
            {current.recordedBy} ({date(current.recordedAt)})
          </dd>
          {current.note && (
            <>
              <dt>{t('consentNote')}</dt>
              <dd>{current.note}</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="hint">{t('consentNoRecord')}</p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {manager && !editing && (
        <button type="button" className="secondary" onClick={() => setEditing(true)}>
          {t('consentRecordNew')}
        </button>
      )}
      {manager && editing && (
        <ConsentForm
          caseId={caseId}
          person={person}
          organisations={scopeOrganisations(directory)}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
        />
      )}
      {manager && (
        <section className="consent-history-section" aria-labelledby={`${headingId}-history`}>
          <h3 id={`${headingId}-history`}>{t('consentHistory')}</h3>
          <ConsentHistory history={person.history} directory={directory} headingId={`${headingId}-history`} />
        </section>
      )}
      <ConfirmDialog
        open={withdrawing}
        title={fill(t('consentWithdrawTitle'), { name: person.personName })}
        confirmLabel={t('consentWithdrawConfirm')}
        cancelLabel={t('consentCancel')}
        danger
        busy={busy}
        onConfirm={withdraw}
        onCancel={() => setWithdrawing(false)}
      >
        <p>{t('consentWithdrawBody')}</p>
        <label className="block">
          {t('consentWithdrawNote')}
          <textarea value={withdrawNote} onChange={(e) => setWithdrawNote(e.target.value)} rows={2} maxLength={2000} />
        </label>
      </ConfirmDialog>
    </article>
  );
}
