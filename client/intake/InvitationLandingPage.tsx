import { useState, type FormEvent } from 'react';
import type { InvitationLanding } from '../../shared/api/invitations.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useApi } from '../ui/useApi.ts';
import { call, fillIn } from './intake-api.ts';
import { SecondFactorLogin } from '../auth/SecondFactorLogin.tsx';
import { navigate } from '../ui/router.tsx';

/**
 * /join/:token, before any sign-in: the invitee sets a password or enters the one-time code. When
 * the municipality requires two-factor sign-in, a password leads to the same enrolment screen as
 * every user's sign-in (the server gives no session before it is done); a code does not.
 */
export function InvitationLandingPage({ token }: { token: string }) {
  const { t, dateTime, meetingKind } = useI18n();
  const { data, error, loading } = useApi(() => call<InvitationLanding>('GET', `/meeting-invitations/${encodeURIComponent(token)}`), token);
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [joined, setJoined] = useState<{ username: string; meetingId: string; step?: 'enrol' } | null>(null);
  if (loading) return <p className="loading">{t('loading')}</p>;
  if (joined?.step === 'enrol') {
    return (
      <main className="login">
        <p role="status" className="card login-card">
          {fillIn(t('in_joined'), { username: joined.username })}
        </p>
        {/* Enrolled: signed in now, and the meeting is the next screen. */}
        <SecondFactorLogin step="enrol" onRestart={() => navigate('/')} onSignedIn={() => setJoined({ username: joined.username, meetingId: joined.meetingId })} />
      </main>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    try {
      setJoined(await call('POST', `/meeting-invitations/${encodeURIComponent(token)}/accept`, data!.mode === 'code' ? { code: secret } : { password: secret }));
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <main className="login">
      <section className="card login-card">
        <h1>{t('in_landingTitle')}</h1>
        {(error || !data) && <p role="alert">{t('in_linkDead')}</p>}
        {data && !joined && (
          <>
            <p>{fillIn(t('in_landingIntro'), { inviter: data.inviterName })}</p>
            <dl className="facts">
              <dt>{t('meetings')}</dt>
              <dd>
                {data.meetingTitle} ({meetingKind(data.meetingKindId)})
              </dd>
              <dt>{t('in_effectiveDate')}</dt>
              <dd>{dateTime(data.scheduledAt)}</dd>
              <dt>{t('in_name')}</dt>
              <dd>{data.displayName}</dd>
            </dl>
            <form onSubmit={submit} className="invite-form">
              <label>
                {t(data.mode === 'code' ? 'in_enterCode' : 'in_setPassword')}
                <input
                  type={data.mode === 'code' ? 'text' : 'password'}
                  inputMode={data.mode === 'code' ? 'numeric' : undefined}
                  autoComplete={data.mode === 'code' ? 'one-time-code' : 'new-password'}
                  value={secret}
                  onChange={(e) => setSecret(e.target.value)}
                  required
                />
              </label>
              <button type="submit">{t('in_join')}</button>
            </form>
          </>
        )}
        {joined && (
          <>
            <p role="status">{fillIn(t('in_joined'), { username: joined.username })}</p>
            {/* A full page load: the app picks up the new session as it starts. */}
            <a href={`/meetings/${joined.meetingId}`}>{t('in_openMeeting')}</a>
          </>
        )}
        {problem && (
          <p role="alert" className="error">
            {problem}
          </p>
        )}
      </section>
    </main>
  );
}
