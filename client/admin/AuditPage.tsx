import { useEffect, useState } from 'react';
import type { AuditEntryView, AuditNames, AuditVerifyResult } from '../../shared/api/audit.ts';
import { lookupsFrom } from '../../shared/api/audit-detail.ts';
import { useSession } from '../auth/session.tsx';
import { errorMessage, fill } from '../consent/common.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useApi } from '../ui/useApi.ts';
import { EMPTY_FILTER, NO_NAMES, fetchAuditFilters, fetchAuditPage, mergeNames, verifyAuditChain, type AuditFilterValues } from './audit-api.ts';
import { AuditFilters } from './AuditFilters.tsx';
import { AuditTable } from './AuditTable.tsx';
import { AuditExportButton } from './AuditExportButton.tsx';

/**
 * /audit: the periodic access-log review (facilitators: their cases and own actions; admins: all).
 * Every id an entry carries is named by the server with the page (server/audit/audit-names.ts).
 */
export function AuditPage() {
  const { t, date, dateTime } = useI18n();
  const { user } = useSession();
  const options = useApi(fetchAuditFilters, 'audit-filters');
  const [filter, setFilter] = useState<AuditFilterValues>(EMPTY_FILTER);
  const [searchId, setSearchId] = useState(0);
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [names, setNames] = useState<AuditNames>(NO_NAMES);
  const [nextBeforeSeq, setNextBeforeSeq] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const load = async (beforeSeq: number | null, append: boolean, live = () => true) => {
    setLoading(true);
    setError(null);
    try {
      const page = await fetchAuditPage(filter, beforeSeq);
      if (!live()) return;
      setEntries((old) => (append ? [...old, ...page.entries] : page.entries));
      setNames((old) => (append ? mergeNames(old, page.names) : page.names));
      setNextBeforeSeq(page.nextBeforeSeq);
    } catch (e) {
      if (live()) setError(errorMessage(e));
    } finally {
      if (live()) setLoading(false);
    }
  };

  useEffect(() => {
    let alive = true;
    void load(null, false, () => alive);
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filter, searchId]);

  if (!user || (user.role !== 'facilitator' && user.role !== 'administrator')) {
    return <p role="alert">{t('error')}</p>;
  }
  const lookups = lookupsFrom(names, t('auditDeleted'), { date, dateTime });

  return (
    <section className="audit-page">
      <h1 id="audit-title">{t('auditTitle')}</h1>
      <p className="hint">{t('auditIntro')}</p>
      {user.role === 'administrator' && <VerifyButton />}
      <AuditFilters
        initial={filter}
        cases={options.data?.cases ?? []}
        users={options.data?.users ?? []}
        onSearch={(next) => {
          setFilter(next);
          setSearchId((n) => n + 1);
        }}
      />
      <div className="form-actions">
        <AuditExportButton filter={filter} />
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p role="status" className="muted">
        {loading ? t('loading') : fill(t('auditCount'), { n: entries.length })}
      </p>
      <AuditTable entries={entries} names={lookups} />
      {nextBeforeSeq !== null && (
        <button type="button" className="secondary" disabled={loading} onClick={() => load(nextBeforeSeq, true)}>
          {t('auditMore')}
        </button>
      )}
    </section>
  );
}

function VerifyButton() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await verifyAuditChain());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="panel verify">
      <button type="button" onClick={run} disabled={busy}>
        {busy ? t('auditVerifying') : t('auditVerify')}
      </button>
      <div role="status" data-testid="audit-verify-result">
        {result?.ok === true && <p className="ok">{fill(t('auditVerifyOk'), { n: result.count, hash: result.head?.hash.slice(0, 16) ?? '—' })}</p>}
        {result?.ok === false && <p className="error">{fill(t('auditVerifyBroken'), { seq: result.brokenAtSeq, reason: result.reason })}</p>}
        {error && <p className="error">{error}</p>}
      </div>
    </div>
  );
}
