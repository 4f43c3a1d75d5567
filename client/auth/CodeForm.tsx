import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage } from '../consent/common.ts';

/** A 6-digit code (or, when allowed, a recovery code), submitted to `onSubmit`. */
export function CodeForm({ onSubmit, allowRecovery, submitLabel }: { onSubmit(body: { code: string } | { recoveryCode: string }): Promise<void>; allowRecovery: boolean; submitLabel?: string }) {
  const { t } = useI18n();
  const [recovery, setRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(recovery ? { recoveryCode: value.trim() } : { code: value.trim() });
    } catch (e) {
      setError(errorMessage(e));
      setValue('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="admin-form" data-testid="code-form">
      <label>
        {recovery ? t('adm_recoveryCode') : t('adm_code')}
        <input
          name={recovery ? 'recoveryCode' : 'code'}
          className={recovery ? undefined : 'code-input'}
          inputMode={recovery ? 'text' : 'numeric'}
          autoComplete="one-time-code"
          pattern={recovery ? undefined : '[0-9]{6}'}
          maxLength={recovery ? 32 : 6}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          required
          autoFocus
        />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {submitLabel ?? t('adm_confirm')}
        </button>
        {allowRecovery && (
          <button type="button" className="link-button" onClick={() => setRecovery(!recovery)}>
            {recovery ? t('adm_useCode') : t('adm_useRecoveryCode')}
          </button>
        )}
      </div>
    </form>
  );
}
