import { useState } from 'react';
import type { TwoFactorStatus } from '../../shared/api/admin.ts';
import { api, unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { fill } from '../consent/common.ts';
import { useApi } from '../ui/useApi.ts';
import { PasswordForm } from './PasswordForm.tsx';
import { EnrolmentPanel } from './EnrolmentPanel.tsx';
import '../admin/admin.css';

/** /account: one's own password and second factor. */
export function AccountPage() {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const [enrolling, setEnrolling] = useState(false);
  const status = useApi(() => unwrap<TwoFactorStatus>(api.auth['second-factor'].$get()), `2fa-${version}`);
  return (
    <section className="admin-page">
      <h1>{t('adm_account')}</h1>
      <div className="panel">
        <h2>{t('adm_totpTitle')}</h2>
        {status.data && (
          <p role="status" data-testid="two-factor-status">
            {status.data.enrolled ? fill(t('adm_twoFactorStatusOn'), { n: status.data.recoveryCodesLeft }) : t('adm_twoFactorStatusOff')}
          </p>
        )}
        {status.data && !status.data.enrolled && !enrolling && (
          <button type="button" onClick={() => setEnrolling(true)}>
            {t('adm_startEnrol')}
          </button>
        )}
        {enrolling && (
          <EnrolmentPanel
            onDone={() => {
              setEnrolling(false);
              setVersion((v) => v + 1);
            }}
          />
        )}
      </div>
      <div className="panel">
        <PasswordForm onChanged={() => undefined} />
      </div>
    </section>
  );
}
