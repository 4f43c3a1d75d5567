import { useEffect } from 'react';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../ui/router.tsx';
import { fill, kindAndMoment, optionalDate } from './format.ts';
import { AgendaSection, AttendeesSection, DecisionsSection, MinutesSection, PlanSection, RecordSection, RolesSection } from './RecordSections.tsx';
import { readPlan } from './snapshot.ts';
import { useRecord, type LoadedRecord } from './useRecord.ts';

/**
 * /meetings/:id/record/print: the 会議録 on A4 in the order municipal minutes use (the DOCX's
 * order), for the browser's "Save as PDF". No navigation; a small toolbar shows on screen only.
 */
export function RecordPrintPage({ meetingId }: { meetingId: string }) {
  const { t } = useI18n();
  const { record, error } = useRecord(meetingId);
  const title = record?.view.meeting.title;
  useEffect(() => {
    // The browser offers the document title as the PDF's file name.
    if (title) document.title = `${t('rec_printHeading')} ${title}`;
    return () => {
      document.title = 'かさね Kasane';
    };
  }, [title, t]);

  return (
    <div className="print-page">
      <div className="print-toolbar no-print">
        <Link to={`/meetings/${encodeURIComponent(meetingId)}/record`}>← {t('rec_backToRecord')}</Link>
        <button type="button" onClick={() => window.print()} disabled={!record}>
          {t('rec_printButton')}
        </button>
        <p className="hint">{t('rec_printHint')}</p>
      </div>
      {error && <p role="alert">{error.message}</p>}
      {!record && !error && <p>{t('loading')}</p>}
      {record && <PrintSheet record={record} />}
    </div>
  );
}

function PrintSheet({ record }: { record: LoadedRecord }) {
  const { t, tx, date, dateTime } = useI18n();
  const { user } = useSession();
  const { meeting, annotations } = record.view;
  const plan = readPlan(record.snapshot.compartments, record.subjectId);
  return (
    <main className="print-sheet" data-testid="print-sheet" data-ready="true">
      <h1>{t('rec_printHeading')}</h1>
      <p className="print-subtitle">{meeting.title}</p>
      <table className="print-meta">
        <tbody>
          <tr>
            <th scope="row">{t('rec_kind')}</th>
            <td>{kindAndMoment(tx, meeting)}</td>
          </tr>
          <tr>
            <th scope="row">{t('rec_heldAt')}</th>
            <td>{dateTime(meeting.scheduledAt)}</td>
          </tr>
          <tr>
            <th scope="row">{t('rec_format')}</th>
            <td>{meeting.videoUrl ? `${t('online')} (${meeting.videoUrl})` : t('rec_inPerson')}</td>
          </tr>
          <tr>
            <th scope="row">{t('rec_case')}</th>
            <td>{meeting.caseTitle}</td>
          </tr>
          <tr>
            <th scope="row">{t('rec_recordState')}</th>
            <td>{meeting.approvedAt ? `${t('rec_approved')} (${fill(t('rec_approvedAt'), { at: date(meeting.approvedAt), by: meeting.approvedBy ?? '' })})` : t('rec_unapproved')}</td>
          </tr>
        </tbody>
      </table>
      <AttendeesSection record={record} />
      <AgendaSection record={record} />
      <MinutesSection record={record} />
      <DecisionsSection record={record} />
      <PlanSection record={record} />
      <RolesSection record={record} />
      <RecordSection title={t('rec_nextMonitoring')} testId="print-monitoring">
        <p>{optionalDate(date, plan.monitoringDate)}</p>
      </RecordSection>
      {annotations.length > 0 && (
        <RecordSection title={t('rec_annotations')} testId="print-annotations">
          <ul className="print-annotations">
            {annotations.map((a) => (
              <li key={a.id}>
                {dateTime(a.createdAt)} {a.authorName}: {a.text}
              </li>
            ))}
          </ul>
        </RecordSection>
      )}
      <footer className="print-footer">
        {fill(t('rec_printFooter'), { at: dateTime(new Date().toISOString()), by: user?.displayName ?? '' })}
      </footer>
    </main>
  );
}
