import { useEffect, useState, type FormEvent } from 'react';
import type { SettingsView, UpdateSettingsRequest } from '../../shared/api/admin.ts';
import { api, unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage } from '../consent/common.ts';
import { AdminLayout } from './AdminLayout.tsx';
import { useStepUp } from './useStepUp.tsx';

const NUMBERS = ['sessionIdleMinutes', 'stepUpMinutes', 'recordRetentionYears', 'auditRetentionYears'] as const;

/** /admin: the municipality's name, two-factor requirement, session lifetimes and retention. */
export function SettingsPage() {
  const { t } = useI18n();
  const { guard, dialog } = useStepUp();
  const [form, setForm] = useState<UpdateSettingsRequest | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    unwrap<SettingsView>(api.admin.settings.$get()).then(({ isDemo: _d, ...rest }) => setForm(rest), (e) => setMessage({ ok: false, text: errorMessage(e) }));
  }, []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form) return;
    setMessage(null);
    try {
      await guard(() => unwrap<SettingsView>(api.admin.settings.$put({ json: form })));
      setMessage({ ok: true, text: t('adm_saved') });
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    }
  };
  return (
    <AdminLayout title="adm_settings">
      <p className="hint">{t('adm_settingsIntro')}</p>
      {form && (
        <form className="admin-form panel" onSubmit={submit} aria-labelledby="admin-title">
          <label>
            {t('adm_municipalityName')}
            <input name="municipalityName" value={form.municipalityName} onChange={(e) => setForm({ ...form, municipalityName: e.target.value })} required maxLength={60} />
          </label>
          <label className="check">
            <input type="checkbox" name="requireTwoFactor" checked={form.requireTwoFactor} onChange={(e) => setForm({ ...form, requireTwoFactor: e.target.checked })} />
            {t('adm_requireTwoFactor')}
          </label>
          {NUMBERS.map((key) => (
            <label key={key}>
              {t(`adm_${key}`)}
              <input
                type="number"
                name={key}
                min={1}
                value={form[key]}
                onChange={(e) => setForm({ ...form, [key]: Number(e.target.value) })}
                required
                aria-describedby={key.endsWith('RetentionYears') ? 'retention-help' : undefined}
              />
            </label>
          ))}
          <div id="retention-help" className="hint" data-testid="retention-help">
            <p>{t('adm_retentionHelp')}</p>
            <p>{t('adm_retentionHelp2')}</p>
          </div>
          {message && (
            <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>
              {message.text}
            </p>
          )}
          <div className="form-actions">
            <button type="submit">{t('adm_save')}</button>
          </div>
        </form>
      )}
      {dialog}
    </AdminLayout>
  );
}
