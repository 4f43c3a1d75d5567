import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../ui/router.tsx';
import { LegalBasisLabel } from './LegalBasisLabel.tsx';
import { useAccessChanges } from './useAccessChanges.ts';
import { useCaseDetail } from './useCaseDetail.ts';

export function CasePage({ caseId }: { caseId: string }) {
  const { t, tx, dateTime, meetingKind } = useI18n();
  // Household, legal basis and meetings are access-dependent: fetched again on every access event.
  const { data, error, loading } = useCaseDetail(caseId, null, useAccessChanges(caseId));
  if (loading && !data) return <p>{t('loading')}</p>;
  if (error || !data) return <p role="alert">{t('error')}: {error?.message}</p>;
  return (
    <section>
      <p>
        <Link to="/">← {t('cases')}</Link>
      </p>
      <h1>{data.title}</h1>
      <p>
        {t('legalBasis')}: <LegalBasisLabel basis={data.legalBasis} /> · {t('coordinator')}: {data.coordinatorName}
      </p>
      <p>
        <Link to={`/cases/${caseId}/consent`} className="button secondary">
          {t('consentManage')}
        </Link>{' '}
        <Link to={`/cases/${caseId}/records`} className="button secondary">
          {t('rec_timelineTitle')}
        </Link>{' '}
        {data.canManage && (
          <Link to={`/cases/${caseId}/meetings/new`} className="button secondary">
            {t('rec_scheduleMeeting')}
          </Link>
        )}{' '}
        {data.canManage && (
          <Link to={`/cases/${caseId}/admin`} className="button secondary">
            {t('in_caseAdmin')}
          </Link>
        )}
      </p>
      <h2>{t('household')}</h2>
      {data.persons.length === 0 && <p className="hint" data-testid="household-hidden">{t('householdHidden')}</p>}
      <ul className="persons" data-testid="household-list">
        {data.persons.map((p) => (
          <li key={p.id} className={p.isSubject ? 'subject' : undefined}>
            <strong>{p.name}</strong> ({p.relation}
            {p.age !== null && `, ${p.age}${t('ageUnit')}`}){p.isSubject && ` · ${t('subject')}`}
            {p.deceased && ` · ${t('deceased')}`}
          </li>
        ))}
      </ul>
      <h2>{t('meetings')}</h2>
      <ul className="meetings">
        {data.meetings.map((m) => (
          <li key={m.id} className="card">
            <strong>{m.title}</strong>
            <div>
              {meetingKind(m.kindId)}
              {m.moment && ` · ${tx(`moment_${m.moment}`)}`} · {dateTime(m.scheduledAt)} · {tx(`state_${m.state}`)}
            </div>
            <div className="form-actions">
              <Link to={`/meetings/${m.id}`} className="button">
                {t('openBoard')}
              </Link>
              <Link to={`/meetings/${m.id}/participants`} className="button secondary">
                {t('participantsTitle')}
              </Link>
              {data.canManage && m.state !== 'closed' && (
                <Link to={`/meetings/${m.id}/invitations`} className="button secondary">
                  {t('in_invitations')}
                </Link>
              )}
              {m.state === 'closed' && (
                <Link to={`/meetings/${m.id}/record`} className="button secondary">
                  {t('rec_openRecord')}
                </Link>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
