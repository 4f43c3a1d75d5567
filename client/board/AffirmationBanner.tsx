import { useState } from 'react';
import type { ParticipantView } from '../../shared/api/cases.ts';
import { api, unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';

const DUTY_BY_KIND: Record<string, 'affirmDuty_shien' | 'affirmDuty_chiiki_care' | 'affirmDuty_yotaikyo'> = {
  shien: 'affirmDuty_shien',
  chiiki_care: 'affirmDuty_chiiki_care',
  yotaikyo: 'affirmDuty_yotaikyo',
};

/**
 * The statutory duty of confidentiality, to be affirmed once per meeting before anything of the
 * case is shown (支援会議 and the other kinds that ask for it). The server records the affirmation,
 * re-decides access and tells every board of the case to fetch its manifest again.
 */
export function AffirmationBanner({ meetingId, kindId, onAffirmed }: { meetingId: string; kindId: string; onAffirmed(participants: ParticipantView[]): void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const affirm = async () => {
    setBusy(true);
    setError(null);
    try {
      onAffirmed(await unwrap<ParticipantView[]>(api.meetings[':meetingId'].affirmation.$post({ param: { meetingId } })));
    } catch (e) {
      setError(`${t('affirmFailed')}: ${(e as Error).message}`);
      setBusy(false);
    }
  };

  return (
    <section className="affirmation" aria-labelledby="affirmation-title" data-testid="affirmation-banner">
      <h2 id="affirmation-title">{t('affirmTitle')}</h2>
      <p>{t(DUTY_BY_KIND[kindId] ?? 'affirmDuty_other')}</p>
      <p>{t('affirmHidden')}</p>
      <p className="affirmation-actions">
        <button type="button" onClick={() => void affirm()} disabled={busy}>
          {busy ? t('affirming') : t('affirmButton')}
        </button>
        {error && (
          <span role="alert" className="error">
            {error}
          </span>
        )}
      </p>
    </section>
  );
}
