import type { UserView } from '../../shared/api/auth.ts';
import { api, unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from './session.tsx';
import { CodeForm } from './CodeForm.tsx';
import { EnrolmentPanel } from './EnrolmentPanel.tsx';

/** The second step of signing in: a code, or (when the municipality requires it) enrolment first. */
export function SecondFactorLogin({ step, onRestart, onSignedIn }: { step: 'totp' | 'enrol'; onRestart(): void; onSignedIn?(user: UserView): void }) {
  const { t } = useI18n();
  const { signedIn } = useSession();
  return (
    <div className="card login-card" data-testid={`login-step-${step}`}>
      {step === 'totp' ? (
        <section aria-labelledby="totp-title">
          <h1 id="totp-title">{t('adm_totpTitle')}</h1>
          <p className="hint">{t('adm_totpIntro')}</p>
          <CodeForm
            allowRecovery
            onSubmit={async (body) => {
              const user = await unwrap<UserView>(api.auth['second-factor'].$post({ json: body }));
              signedIn(user);
              onSignedIn?.(user);
            }}
          />
        </section>
      ) : (
        <EnrolmentPanel
          intro={t('adm_enrolRequired')}
          onDone={(user) => {
            if (!user) return onRestart();
            signedIn(user);
            onSignedIn?.(user);
          }}
        />
      )}
      <button type="button" className="link-button" onClick={onRestart}>
        {t('adm_backToLogin')}
      </button>
    </div>
  );
}
