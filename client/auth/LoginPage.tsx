import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from './session.tsx';
import { SecondFactorLogin } from './SecondFactorLogin.tsx';
import { DemoBanner } from '../admin/DemoBanner.tsx';

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Issue 10: the password may lead to a second step instead of a session.
  const [step, setStep] = useState<'totp' | 'enrol' | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await login(username, password);
      if (result !== 'signed-in') setStep(result);
    } catch {
      setError(t('loginFailed'));
    } finally {
      setBusy(false);
    }
  };

  if (step) {
    return (
      <>
        <DemoBanner />
        <main className="login">
          <SecondFactorLogin step={step} onRestart={() => { setStep(null); setPassword(''); }} />
        </main>
      </>
    );
  }
  return (
    <>
    <DemoBanner />
    <main className="login">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">
          {t('appName')} <small>{t('appTagline')}</small>
        </h1>
        <label>
          {t('username')}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('loggingIn') : t('login')}
        </button>
      </form>
    </main>
    </>
  );
}
