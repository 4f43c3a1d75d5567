import { useState } from 'react';
import type { MeetingSummary } from '../../shared/api/cases.ts';
import { api, unwrap } from '../api/client.ts';
import { ConfirmDialog } from '../consent/ConfirmDialog.tsx';
import { errorMessage } from '../consent/common.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** Opening is immediate; closing asks first, because a closed meeting cannot be reopened. */
export function MeetingStateControl({ meetingId, state, onChanged }: { meetingId: string; state: MeetingSummary['state']; onChanged(): void }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const change = async (next: 'open' | 'closed') => {
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.meetings[':meetingId'].state.$post({ param: { meetingId }, json: { state: next } }));
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <div className="meeting-state" role="group" aria-label={t('meetingState')}>
      {state === 'scheduled' && (
        <button type="button" onClick={() => change('open')} disabled={busy}>
          {t('meetingOpen')}
        </button>
      )}
      {state === 'open' && (
        <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={busy}>
          {t('meetingClose')}
        </button>
      )}
      {state === 'closed' && <p className="hint">{t('meetingClosedNote')}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('meetingCloseTitle')}
        confirmLabel={t('meetingClose')}
        cancelLabel={t('consentCancel')}
        danger
        busy={busy}
        onConfirm={() => change('closed')}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('meetingCloseBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
