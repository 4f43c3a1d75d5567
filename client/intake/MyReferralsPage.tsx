import type { OwnReferralView } from '../../shared/api/intake.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../ui/router.tsx';
import { useApi } from '../ui/useApi.ts';
import { call } from './intake-api.ts';

/** /intake: the referring agency follows its referrals (status only: closed-loop referral). */
export function MyReferralsPage() {
  const { t, tx, date } = useI18n();
  const { data, error, loading } = useApi(() => call<OwnReferralView[]>('GET', '/intake/referrals'), 'mine');
  return (
    <section className="intake-page">
      <h1>{t('in_mineTitle')}</h1>
      <p className="hint">{t('in_mineIntro')}</p>
      <p>
        <Link to="/intake/new">{t('in_newLink')}</Link>
      </p>
      {loading && <p>{t('loading')}</p>}
      {error && <p role="alert">{error.message}</p>}
      {data && data.length === 0 && <p>{t('in_mineEmpty')}</p>}
      {data && data.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('in_subject')}</th>
              <th scope="col">{t('in_to')}</th>
              <th scope="col">{t('in_sentOn')}</th>
              <th scope="col">{t('in_status')}</th>
              <th scope="col">{t('in_declineReason')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((r) => (
              <tr key={r.id}>
                <td>{r.subjectName}</td>
                <td>{r.toOrgName}</td>
                <td className="nowrap">{date(r.createdAt)}</td>
                <td>
                  <span className={`status-badge referral-${r.status}`}>{tx(`in_status_${r.status}`)}</span>
                </td>
                <td>{r.declineReason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
