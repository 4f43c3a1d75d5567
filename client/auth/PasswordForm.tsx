import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.ts';
import { NewPasswordFields } from './NewPasswordFields.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/** Change one's own password: the current one again, the new one twice; the server checks strength. */
export function PasswordForm({ onChanged }: { onChanged(): void }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setDone(false);
    if (next !== again) return setError(t('adm_passwordMismatch'));
    setBusy(true);
    try {
      const res = await api.auth.password.$post({ json: { currentPassword: current, newPassword: next } });
      if (!res.ok) {
        const body = (await res.json().catch(() => ({}))) as { message?: string };
        throw new ApiError(res.status, 'password', body.message ?? `HTTP ${res.status}`);
      }
      setCurrent('');
      setNext('');
      setAgain('');
      setDone(true);
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby="password-title" data-testid="password-form">
      <h2 id="password-title">{t('adm_changePassword')}</h2>
      <label>
        {t('adm_currentPassword')}
        <input name="currentPassword" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
      </label>
      <NewPasswordFields password={next} again={again} onPassword={setNext} onAgain={setAgain} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {done && (
        <p role="status" className="ok">
          {t('adm_passwordChanged')}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {t('adm_save')}
        </button>
      </div>
    </form>
  );
}
