import type { RecordMeeting } from '../../shared/api/records.ts';
import { ApiError } from '../api/client.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../ui/router.tsx';
import { fill, kindAndMoment } from './format.ts';
import { DocxDownloadLink } from './DocxDownloadLink.tsx';
import { AgendaSection, AttendeesSection, DecisionsSection, MinutesSection, NotesSection, PlanSection, RolesSection } from './RecordSections.tsx';
import { AnnotationsSection, ApproveControl } from './RecordSide.tsx';
import { RecordBoard } from './RecordBoard.tsx';
import { useRecord } from './useRecord.ts';

/** /meetings/:id/record: a past meeting exactly as it closed, as far as the viewer may see it today. */
export function RecordPage({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const { record, error, setAnnotations, setApprovedAt } = useRecord(meetingId);
  if (error) {
    return (
      <div role="alert">
        <p>{error.message}</p>
        {/* 409: the meeting is still scheduled or open; its board is where it lives for now. */}
        {error instanceof ApiError && error.status === 409 && <Link to={`/meetings/${encodeURIComponent(meetingId)}`}>{t('openBoard')}</Link>}
      </div>
    );
  }
  if (!record) return <p>{t('loading')}</p>;
  const { meeting } = record.view;

  return (
    <article className="records-page record-page" data-testid="record" aria-labelledby="record-title">
      <p>
        <Link to={`/cases/${meeting.caseId}/records`}>
          ← {t('rec_timelineTitle')} ({meeting.caseTitle})
        </Link>
      </p>
      <RecordHeading meeting={meeting} />
      <div className="form-actions record-actions">
        <DocxDownloadLink meetingId={meeting.id} label={t('rec_exportDocx')} />
        <Link to={`/meetings/${encodeURIComponent(meeting.id)}/record/print`} className="button secondary">
          {t('rec_exportPrint')}
        </Link>
        <Link to={`/cases/${meeting.caseId}/records`} className="button secondary">
          {t('rec_compareOther')}
        </Link>
        <ApproveControl record={record} onApproved={(at) => setApprovedAt(at, user?.displayName ?? null)} />
      </div>
      <p className="hint">{t('rec_recordIntro')}</p>
      {/* Whose reading this is: the keeper's record as approved, or filtered, naming the keepers. */}
      <p className={`record-view-note record-view-${record.view.view.kind}`} data-testid="record-view-note" data-view={record.view.view.kind}>
        {record.view.view.note}
      </p>
      <RecordToc />
      <div className="record-layout">
        <div className="record-main">
          <DecisionsSection record={record} />
          <AgendaSection record={record} />
          <MinutesSection record={record} />
          <RecordBoard
            record={record}
            fallback={
              <>
                <PlanSection record={record} />
                <RolesSection record={record} />
              </>
            }
          />
          <NotesSection record={record} />
        </div>
        <aside className="record-side" aria-label={t('rec_sideLabel')}>
          <AttendeesSection record={record} compact />
          <AnnotationsSection record={record} onChange={setAnnotations} />
        </aside>
      </div>
    </article>
  );
}

/** In-page links: a record is long, and the board's parts sit below the minutes. */
function RecordToc() {
  const { t } = useI18n();
  const parts: [string, string][] = [
    ['record-decisions', t('rec_decisions')],
    ['record-agenda', t('section_agenda')],
    ['record-minutes', t('section_minutes')],
    ['record-ecomap', t('section_ecomap')],
    ['record-roles', t('section_roles')],
    ['record-plan', t('section_plan')],
    ['record-notes', t('rec_notesTitle')],
    ['record-annotations', t('rec_annotations')],
  ];
  return (
    <nav className="record-toc no-print" aria-label={t('rec_toc')}>
      <ul>
        {parts.map(([id, label]) => (
          <li key={id}>
            <a href={`#${id}`}>{label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function RecordHeading({ meeting }: { meeting: RecordMeeting }) {
  const { t, tx, dateTime, date } = useI18n();
  return (
    <header className="record-header">
      <h1 id="record-title">
        {meeting.title}{' '}
        {meeting.approvedAt ? (
          <span className="status-badge status-approved" data-testid="approved-badge">
            {t('rec_approved')}
          </span>
        ) : (
          <span className="status-badge status-unapproved">{t('rec_unapproved')}</span>
        )}
      </h1>
      <p className="meta">
        {kindAndMoment(tx, meeting)} · {dateTime(meeting.openedAt ?? meeting.scheduledAt)}
        {meeting.videoUrl && ` · ${t('online')}`}
      </p>
      <p className="meta small">
        {meeting.closedAt && fill(t('rec_closedAt'), { at: dateTime(meeting.closedAt) })}
        {meeting.approvedAt && ` · ${fill(t('rec_approvedAt'), { at: date(meeting.approvedAt), by: meeting.approvedBy ?? '' })}`}
      </p>
    </header>
  );
}
