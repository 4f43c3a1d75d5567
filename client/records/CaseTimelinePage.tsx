import { useId, useState } from 'react';
import type { TimelineEntry } from '../../shared/api/records.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate } from '../ui/router.tsx';
import { useApi } from '../ui/useApi.ts';
import { loadCase, loadTimeline } from './records-api.ts';
import { chronological, compareHref, fill, kindAndMoment, recordHref, stageLabel } from './format.ts';

/** /cases/:caseId/records: the case's meetings in date order, each closed one linking to its record. */
export function CaseTimelinePage({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const { data, error, loading } = useApi(async () => {
    const [kase, timeline] = await Promise.all([loadCase(caseId), loadTimeline(caseId)]);
    return { kase, timeline };
  }, caseId);
  const [picked, setPicked] = useState<string[]>([]);
  const hintId = useId();

  if (loading) return <p>{t('loading')}</p>;
  if (error || !data) return <p role="alert">{t('error')}: {error?.message}</p>;
  const { kase, timeline } = data;
  const closed = timeline.filter((m) => m.state === 'closed');
  const toggle = (id: string, on: boolean) => setPicked((p) => (on ? [...p, id].slice(-2) : p.filter((x) => x !== id)));
  const compare = () => {
    const [a, b] = picked.map((id) => timeline.find((m) => m.id === id)!);
    if (a && b) {
      const [before, after] = chronological(a, b);
      navigate(compareHref(caseId, before.id, after.id));
    }
  };

  return (
    <section className="records-page timeline-page">
      <p>
        <Link to={`/cases/${caseId}`}>← {kase.title}</Link>
      </p>
      <h1>
        {t('rec_timelineTitle')} <small className="muted">{kase.title}</small>
      </h1>
      <p className="hint">{t('rec_timelineIntro')}</p>
      <div className="form-actions">
        {kase.canManage && (
          <Link to={`/cases/${caseId}/meetings/new`} className="button">
            {t('rec_scheduleMeeting')}
          </Link>
        )}
        <Link to="/search" className="button secondary">
          {t('rec_searchTitle')}
        </Link>
      </div>

      {closed.length >= 2 && (
        <div className="compare-bar" role="group" aria-labelledby={hintId}>
          <p id={hintId}>
            {t('rec_comparePick')} <strong>{fill(t('rec_comparePicked'), { n: picked.length })}</strong>
          </p>
          <button type="button" onClick={compare} disabled={picked.length !== 2}>
            {t('rec_compareButton')}
          </button>
        </div>
      )}

      {timeline.length === 0 ? (
        <p className="empty">{t('rec_timelineEmpty')}</p>
      ) : (
        <ol className="timeline" aria-label={t('rec_timelineTitle')}>
          {timeline.map((m, i) => (
            <TimelineItem
              key={m.id}
              entry={m}
              index={i + 1}
              caseId={caseId}
              previous={previousClosed(closed, m)}
              picked={picked.includes(m.id)}
              pickable={closed.length >= 2}
              onPick={toggle}
            />
          ))}
        </ol>
      )}
    </section>
  );
}

/** The closed meeting just before this one: the natural "what changed since last time". */
function previousClosed(closed: TimelineEntry[], m: TimelineEntry): TimelineEntry | null {
  if (m.state !== 'closed') return null;
  const i = closed.findIndex((c) => c.id === m.id);
  return i > 0 ? closed[i - 1]! : null;
}

interface ItemProps {
  entry: TimelineEntry;
  index: number;
  caseId: string;
  previous: TimelineEntry | null;
  picked: boolean;
  pickable: boolean;
  onPick(id: string, on: boolean): void;
}

function TimelineItem({ entry: m, index, caseId, previous, picked, pickable, onPick }: ItemProps) {
  const { t, tx, dateTime } = useI18n();
  const isClosed = m.state === 'closed';
  const titleId = useId();
  return (
    <li className={`timeline-entry state-${m.state}`} data-meeting-id={m.id} aria-labelledby={titleId}>
      <span className="timeline-marker" aria-hidden="true">
        {index}
      </span>
      <div className="card">
        <p className="timeline-date">{dateTime(m.openedAt ?? m.scheduledAt)}</p>
        <h2 id={titleId}>{isClosed ? <Link to={recordHref(m.id)}>{m.title}</Link> : m.title}</h2>
        <p className="meta">
          {kindAndMoment(tx, m)} · <span className={`state-chip state-${m.state}`}>{tx(`state_${m.state}`)}</span>
          {m.approvedAt && <span className="badge badge-approved">{t('rec_approved')}</span>}
        </p>
        {isClosed ? (
          <dl className="facts">
            <dt>{t('rec_planStage')}</dt>
            <dd>{stageLabel(tx, m.planStage)}</dd>
            <dt>{t('rec_decisions')}</dt>
            <dd>{m.decisionsCount === null ? t('rec_notShown') : fill(t('rec_count'), { n: m.decisionsCount })}</dd>
            <dt>{t('rec_attendees')}</dt>
            <dd>
              {m.attendees === null
                ? t('rec_notShown')
                : m.attendees.length === 0
                  ? t('none')
                  : m.attendees.map((a) => `${a.displayName} (${a.orgName})`).join('、')}
            </dd>
          </dl>
        ) : (
          <p className="hint">{t('rec_recordAfterClose')}</p>
        )}
        <div className="form-actions">
          {isClosed ? (
            <Link to={recordHref(m.id)} className="button">
              {t('rec_openRecord')}
            </Link>
          ) : (
            <Link to={`/meetings/${m.id}`} className="button secondary">
              {t('openBoard')}
            </Link>
          )}
          {previous && (
            <Link to={compareHref(caseId, previous.id, m.id)} className="button secondary">
              {t('rec_compareWithPrevious')}
              <span className="visually-hidden">: {m.title}</span>
            </Link>
          )}
          {isClosed && pickable && (
            <label className="check">
              <input type="checkbox" checked={picked} onChange={(e) => onPick(m.id, e.target.checked)} />
              {t('rec_pickForCompare')}
              <span className="visually-hidden">: {m.title}</span>
            </label>
          )}
        </div>
      </div>
    </li>
  );
}
