import type { InboxReferral } from '../../shared/api/intake.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../ui/router.tsx';
import { useApi } from '../ui/useApi.ts';
import { call } from './intake-api.ts';

/** /intake/inbox: sheets addressed to the coordinating agency, basic information only. */
export function InboxPage() {
  const { t, tx, date } = useI18n();
  const { data, error, loading } = useApi(() => call<InboxReferral[]>('GET', '/intake/inbox'), 'inbox');
  return (
    <section className="intake-page">
      <h1>{t('in_inboxTitle')}</h1>
      <p className="hint">{t('in_inboxIntro')}</p>
      {loading && <p>{t('loading')}</p>}
      {error && <p role="alert">{error.message}</p>}
      {data && data.length === 0 && <p>{t('in_inboxEmpty')}</p>}
      {data && data.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('in_subject')}</th>
              <th scope="col">{t('in_household')}</th>
              <th scope="col">{t('in_from')}</th>
              <th scope="col">{t('in_consentVariantShort')}</th>
              <th scope="col">{t('in_sentOn')}</th>
              <th scope="col">{t('in_status')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/intake/inbox/${r.id}`}>{r.household[0]?.name}</Link>
                </td>
                <td>{r.household.length}</td>
                <td>
                  {r.referringOrgName}
                  <br />
                  <small className="muted">{r.referredByName}</small>
                </td>
                <td>{t(r.consentVariant === 'given' ? 'in_variantGiven' : 'in_variantNotGiven')}</td>
                <td className="nowrap">{date(r.createdAt)}</td>
                <td>{tx(`in_status_${r.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
