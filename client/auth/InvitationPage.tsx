import { useEffect, useState, type FormEvent } from 'react';
import type { InvitationView } from '../../shared/api/admin.ts';
import { api, unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage, fill } from '../consent/common.ts';
import { navigate } from '../ui/router.tsx';
import { NewPasswordFields } from './NewPasswordFields.tsx';
import { DemoBanner } from '../admin/DemoBanner.tsx';

/** /invite/<token>: the invitee sets their password (the link works once, until it expires). */
export function InvitationPage({ token }: { token: string }) {
  const { t, dateTime } = useI18n();
  const [invitation, setInvitation] = useState<InvitationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [done, setDone] = useState(false);
  useEffect(() => {
    unwrap<InvitationView>(api.invitations[':token'].$get({ param: { token } })).then(setInvitation, (e) => setError(errorMessage(e)));
  }, [token]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (password !== again) return setError(t('adm_passwordMismatch'));
    const res = await api.invitations[':token'].$post({ param: { token }, json: { password } });
    if (res.ok) return setDone(true);
    setError(((await res.json().catch(() => ({}))) as { message?: string }).message ?? `HTTP ${res.status}`);
  };
  return (
    <>
      <DemoBanner />
      <main className="login">
        <div className="card login-card">
          <h1>{t('adm_inviteTitle')}</h1>
          {done ? (
            <>
              <p role="status" className="ok">
                {t('adm_inviteDone')}
              </p>
              <button type="button" onClick={() => navigate('/')}>
                {t('adm_toLogin')}
              </button>
            </>
          ) : invitation ? (
            <form className="admin-form" onSubmit={submit}>
              <p>{fill(t('adm_inviteIntro'), { name: invitation.displayName, org: invitation.orgName, username: invitation.username })}</p>
              <p className="hint">{dateTime(invitation.expiresAt)}</p>
              <NewPasswordFields password={password} again={again} onPassword={setPassword} onAgain={setAgain} />
              {error && (
                <p role="alert" className="error">
                  {error}
                </p>
              )}
              <button type="submit">{t('adm_save')}</button>
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
    </>
  );
}
