import { useState } from 'react';
import type { CaseSummary } from '../../shared/api/cases.ts';
import { useAccessChangesOf } from './useAccessChanges.ts';
import { api, unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../ui/router.tsx';
import { useApi } from '../ui/useApi.ts';
import { LegalBasisLabel } from './LegalBasisLabel.tsx';

export function CaseListPage() {
  const { t, date, meetingKind } = useI18n();
  // The legal basis and the next meeting are access-dependent: the list follows every access event.
  const [ids, setIds] = useState<string[]>([]);
  const changes = useAccessChangesOf(ids);
  const { data: fresh, error, loading } = useApi(() => unwrap<CaseSummary[]>(api.cases.$get()), `cases#${changes}`);
  const [last, setLast] = useState<CaseSummary[] | null>(null);
  if (fresh && fresh !== last) setLast(fresh);
  const data = fresh ?? last;
  const freshIds = (data ?? []).map((c) => c.id);
  if (freshIds.join('|') !== ids.join('|')) setIds(freshIds);
  if (loading && !data) return <p>{t('loading')}</p>;
  if (error) return <p role="alert">{t('error')}: {error.message}</p>;
  return (
    <section>
      <h1>{t('cases')}</h1>
      {data!.length === 0 && <p>{t('noCases')}</p>}
      <ul className="case-list">
        {data!.map((c) => (
          <li key={c.id} className="card">
            <h2>
              <Link to={`/cases/${c.id}`}>{c.title}</Link>
            </h2>
            <dl className="facts">
              <dt>{t('coordinator')}</dt>
              <dd>{c.coordinatorName}</dd>
              <dt>{t('legalBasis')}</dt>
              <dd>
                <LegalBasisLabel basis={c.legalBasis} />
              </dd>
              <dt>{t('nextMeeting')}</dt>
              <dd>
                {c.nextMeeting ? (
                  <Link to={`/meetings/${c.nextMeeting.id}`}>
                    {meetingKind(c.nextMeeting.kindId)} · {date(c.nextMeeting.scheduledAt)}
                  </Link>
                ) : (
                  t('none')
                )}
              </dd>
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}
