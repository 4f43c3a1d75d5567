import { useEffect, useId, useState, type FormEvent } from 'react';
import type { SetupLinkView, SetupRequest } from '../../shared/api/admin.ts';
import { api, unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage, fill } from '../consent/common.ts';
import { NewPasswordFields } from './NewPasswordFields.tsx';
import { navigate } from '../ui/router.tsx';

/**
 * /setup/<token>: the first administrator of a real installation, from the link the server printed
 * at its first start (server/admin/setup-link.ts). Works once; the server applies the password
 * policy and refuses once an administrator exists.
 */
export function SetupPage({ token }: { token: string }) {
  const { t, dateTime } = useI18n();
  const hintId = useId();
  const [link, setLink] = useState<SetupLinkView | null>(null);
  const [form, setForm] = useState<SetupRequest>({ municipalityName: '', orgName: '', displayName: '', username: '', password: '' });
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    unwrap<SetupLinkView>(api.setup[':token'].$get({ param: { token } })).then(
      (view) => {
        setLink(view);
        // A municipality already named (e.g. by an earlier, interrupted setup) is kept.
        if (view.municipalityName !== '自治体名未設定') setForm((f) => ({ ...f, municipalityName: view.municipalityName }));
      },
      (e) => setError(errorMessage(e)),
    );
  }, [token]);
  const set = (key: keyof SetupRequest) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (form.password !== again) return setError(t('adm_passwordMismatch'));
    try {
      const created = await unwrap<{ username: string }>(api.setup[':token'].$post({ param: { token }, json: form }));
      setDone(created.username);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <main className="login">
      <div className="card login-card">
        <h1>{t('adm_setupTitle')}</h1>
        {done ? (
          <>
            <p role="status" className="ok">
              {fill(t('adm_setupDone'), { username: done })}
            </p>
            <button type="button" onClick={() => navigate('/')}>
              {t('adm_toLogin')}
            </button>
          </>
        ) : link ? (
          <form className="admin-form" onSubmit={submit}>
            <p>{t('adm_setupIntro')}</p>
            <p className="hint">{fill(t('adm_setupExpires'), { when: dateTime(link.expiresAt) })}</p>
            <label>
              {t('adm_municipalityName')}
              <input name="municipalityName" value={form.municipalityName} onChange={set('municipalityName')} maxLength={60} />
            </label>
            <label>
              {t('adm_setupOrg')}
              <input name="orgName" value={form.orgName} onChange={set('orgName')} maxLength={100} />
            </label>
            <label>
              {t('adm_displayName')}
              <input name="displayName" value={form.displayName} onChange={set('displayName')} required maxLength={100} />
            </label>
            <label>
              {t('adm_username')}
              <input name="username" value={form.username} onChange={set('username')} required maxLength={32} autoComplete="username" aria-describedby={hintId} />
            </label>
            <p className="hint" id={hintId}>
              {t('adm_setupUsernameHint')}
            </p>
            <NewPasswordFields password={form.password} again={again} onPassword={(password) => setForm({ ...form, password })} onAgain={setAgain} />
            {error && (
              <p role="alert" className="error">
                {error}
              </p>
            )}
            <button type="submit">{t('adm_setupSubmit')}</button>
          </form>
        ) : (
          error && (
            <p role="alert" className="error">
              {error}
            </p>
          )
        )}
      </div>
    </main>
  );
}
