import { useEffect, useState } from 'react';
import type { TotpEnrolment } from '../../shared/api/admin.ts';
import type { UserView } from '../../shared/api/auth.ts';
import { api, unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage } from '../consent/common.ts';
import { CodeForm } from './CodeForm.tsx';

/**
 * Enrolling an authenticator app: the QR code (an SVG image; the CSP allows images, not inline
 * script) and the key as text, a first code to prove it works, then the recovery codes, once.
 */
export function EnrolmentPanel({ onDone, intro }: { onDone(user: UserView | undefined): void; intro?: string }) {
  const { t } = useI18n();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ recoveryCodes: string[]; user?: UserView } | null>(null);

  useEffect(() => {
    unwrap<TotpEnrolment>(api.auth.enrol.start.$post()).then(setEnrolment, (e) => setError(errorMessage(e)));
  }, []);

  if (result) {
    return (
      <section aria-labelledby="recovery-title" data-testid="recovery-codes">
        <h2 id="recovery-title">{t('adm_recoveryTitle')}</h2>
        <p className="hint">{t('adm_recoveryIntro')}</p>
        <ol className="recovery-codes">
          {result.recoveryCodes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ol>
        <button type="button" onClick={() => onDone(result.user)}>
          {t('adm_recoveryDone')}
        </button>
      </section>
    );
  }
  return (
    <section aria-labelledby="enrol-title" data-testid="enrolment">
      <h2 id="enrol-title">{t('adm_enrolTitle')}</h2>
      {intro && <p className="notice">{intro}</p>}
      <p className="hint">{t('adm_enrolIntro')}</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {enrolment && (
        <>
          <img className="qr" src={enrolment.qrDataUrl} alt={t('adm_qrAlt')} width={200} height={200} />
          <p>
            {t('adm_secretKey')}: <span className="secret" data-testid="totp-secret">{enrolment.secret}</span>
          </p>
          <CodeForm
            allowRecovery={false}
            onSubmit={async (body) => {
              if (!('code' in body)) return;
              setResult(await unwrap<{ recoveryCodes: string[]; user?: UserView }>(api.auth.enrol.confirm.$post({ json: { code: body.code } })));
            }}
          />
        </>
      )}
    </section>
  );
}
