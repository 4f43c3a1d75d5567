import type { DirectoryView } from '../../shared/api/participants.ts';
import type { ConsentRecordView } from '../../shared/api/consent.ts';
import { CATEGORIES } from '../../shared/domain/categories.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { fill, orgLabel } from './common.ts';

/** "2026-04-01 – 2027-03-31" in 和暦, or open-ended. */
export function useValidity() {
  const { t, date } = useI18n();
  return (from: string | null, until: string | null) => {
    if (!from && !until) return t('consentOpenEnded');
    return `${from ? date(from) : ''} 〜 ${until ? date(until) : t('consentOpenEnded')}`;
  };
}

/** The scope, grouped by category: 「医療・健康: ひだまりクリニック、中央地域包括支援センター」. */
export function ScopeSummary({ scope, directory }: { scope: ConsentRecordView['scope']; directory: DirectoryView | null }) {
  const { t, tx } = useI18n();
  if (scope.length === 0) return <span>{t('consentScopeNone')}</span>;
  return (
    <details className="scope-summary">
      <summary>{fill(t('consentScopeCount'), { n: scope.length })}</summary>
      <dl className="facts">
        {CATEGORIES.filter((c) => scope.some((e) => e.category === c)).map((c) => (
          <div key={c} className="fact-row">
            <dt>{tx(`category_${c}`)}</dt>
            <dd>
              {scope
                .filter((e) => e.category === c)
                .map((e) => orgLabel(directory, e.orgId, t('scopeAllMembers')))
                .join('、')}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** Every record for one person, newest first (the server already orders it so). */
export function ConsentHistory({ history, directory, headingId }: { history: ConsentRecordView[]; directory: DirectoryView | null; headingId: string }) {
  const { t, tx, dateTime } = useI18n();
  const validity = useValidity();
  if (history.length === 0) return <p className="hint">{t('consentHistoryEmpty')}</p>;
  return (
    <table className="data-table consent-history" aria-labelledby={headingId}>
      <thead>
        <tr>
          <th scope="col">{t('consentRecordedAt')}</th>
          <th scope="col">{t('consentStatusField')}</th>
          <th scope="col">{t('consentMethod')}</th>
          <th scope="col">{t('consentValidity')}</th>
          <th scope="col">{t('consentScope')}</th>
          <th scope="col">{t('consentRecordedBy')}</th>
          <th scope="col">{t('consentNote')}</th>
        </tr>
      </thead>
      <tbody>
        {history.map((r) => (
          <tr key={r.id} data-testid={`consent-history-${r.id}`}>
            <td>{dateTime(r.recordedAt)}</td>
            <td>
              <StatusBadge status={r.status} />
            </td>
            <td>{r.method ? tx(`consentMethod_${r.method}`) : '—'}</td>
            <td>{r.status === 'granted' ? validity(r.validFrom, r.validUntil) : '—'}</td>
            <td>
              <ScopeSummary scope={r.scope} directory={directory} />
            </td>
            <td>{r.recordedBy}</td>
            <td>{r.note ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StatusBadge({ status }: { status: ConsentRecordView['status'] }) {
  const { tx } = useI18n();
  return <span className={`status-badge status-${status}`}>{tx(`consentStatus_${status}`)}</span>;
}
