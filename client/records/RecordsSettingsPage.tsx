import { useEffect, useId, useState } from 'react';
import type { RecordsSettings } from '../../shared/api/records.ts';
import { useSession } from '../auth/session.tsx';
import { errorMessage } from '../consent/common.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { loadRecordsSettings, saveRecordsSettings } from './records-api.ts';

/**
 * /records/settings: the municipality's own heading and 様式 number, printed at the top of every
 * page of its 会議録 (DOCX and print layout). Administrators change it; the server enforces that.
 */
export function RecordsSettingsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const ids = { heading: useId(), form: useId() };
  const [settings, setSettings] = useState<RecordsSettings | null>(null);
  const [status, setStatus] = useState<{ kind: 'saved' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const allowed = user?.role === 'administrator';

  useEffect(() => {
    loadRecordsSettings().then(setSettings, (e) => setStatus({ kind: 'error', text: errorMessage(e) }));
  }, []);

  if (!allowed) return <p role="alert">{t('rec_settingsForbidden')}</p>;
  const save = async () => {
    if (!settings) return;
    setBusy(true);
    setStatus(null);
    try {
      setSettings(await saveRecordsSettings(settings));
      setStatus({ kind: 'saved', text: t('rec_ctl_saved') });
    } catch (e) {
      setStatus({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="records-page records-settings-page">
      <h1>{t('rec_settingsTitle')}</h1>
      <p className="hint">{t('rec_settingsIntro')}</p>
      {settings && (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label htmlFor={ids.heading}>{t('rec_settingsHeading')}</label>
          <input id={ids.heading} type="text" maxLength={100} value={settings.heading} onChange={(e) => setSettings({ ...settings, heading: e.target.value })} />
          <label htmlFor={ids.form}>{t('rec_settingsFormNumber')}</label>
          <input id={ids.form} type="text" maxLength={50} value={settings.formNumber} placeholder="様式第3号" onChange={(e) => setSettings({ ...settings, formNumber: e.target.value })} />
          <button type="submit" disabled={busy}>
            {t('rec_settingsSave')}
          </button>
        </form>
      )}
      {status && (
        <p role={status.kind === 'error' ? 'alert' : 'status'} className={status.kind === 'error' ? 'error' : 'hint'}>
          {status.text}
        </p>
      )}
    </section>
  );
}
