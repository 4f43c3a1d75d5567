import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from './session.tsx';
import { PasswordForm } from './PasswordForm.tsx';
import { DemoBanner } from '../admin/DemoBanner.tsx';

/** After a one-time password: nothing else until the user has chosen their own. */
export function MustChangePasswordPage() {
  const { t } = useI18n();
  const { refresh } = useSession();
  return (
    <>
      <DemoBanner />
      <main className="login">
        <div className="card login-card">
          <h1>{t('appName')}</h1>
          <p className="notice">{t('adm_mustChangeIntro')}</p>
          <PasswordForm onChanged={() => void refresh()} />
        </div>
      </main>
    </>
  );
}
