import { useId, useState, type FormEvent } from 'react';
import { ConfirmDialog } from '../consent/ConfirmDialog.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { annotateRecord, approveRecord } from './records-api.ts';
import { RecordSection } from './RecordSections.tsx';
import type { LoadedRecord } from './useRecord.ts';
import type { AnnotationView } from '../../shared/api/records.ts';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** 注記: a record is never edited after closing; corrections and follow-ups are appended here. */
export function AnnotationsSection({ record, onChange }: { record: LoadedRecord; onChange(list: AnnotationView[]): void }) {
  const { t, dateTime } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const fieldId = useId();
  const { annotations } = record.view;
  // The server says who may annotate (the agencies; the person and guests read only).
  const canAnnotate = record.view.can.annotate;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      onChange(await annotateRecord(record.view.meeting.id, text));
      setText('');
      setDone(true);
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <RecordSection title={t('rec_annotations')} testId="record-annotations">
      {annotations.length === 0 ? (
        <p className="empty">{t('rec_noAnnotations')}</p>
      ) : (
        <ol className="annotations">
          {annotations.map((a) => (
            <li key={a.id}>
              <p className="annotation-text">{a.text}</p>
              <p className="item-meta">
                {a.authorName} · {dateTime(a.createdAt)}
              </p>
            </li>
          ))}
        </ol>
      )}
      {canAnnotate && (
        <form onSubmit={submit} className="annotation-form no-print">
          <label htmlFor={fieldId}>{t('rec_annotationAdd')}</label>
          <textarea id={fieldId} value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={2000} required />
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <p role="status" className="ok">
            {done ? t('rec_annotationAdded') : ''}
          </p>
          <button type="submit" disabled={busy || text.trim() === ''}>
            {t('rec_annotationSubmit')}
          </button>
        </form>
      )}
    </RecordSection>
  );
}

/** 確定: for those who manage the case; the record becomes fixed (annotations only). */
export function ApproveControl({ record, onApproved }: { record: LoadedRecord; onApproved(at: string): void }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!record.view.can.approve || record.view.meeting.approvedAt) return null;

  const approve = async () => {
    setBusy(true);
    setError(null);
    try {
      onApproved((await approveRecord(record.view.meeting.id)).approvedAt);
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <div className="approve-control no-print">
      <button type="button" onClick={() => setConfirming(true)} disabled={busy}>
        {t('rec_approve')}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('rec_approveTitle')}
        confirmLabel={t('rec_approve')}
        cancelLabel={t('consentCancel')}
        busy={busy}
        onConfirm={approve}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('rec_approveBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
