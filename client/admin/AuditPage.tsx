import { useEffect, useState } from 'react';
import type { AuditEntryView, AuditVerifyResult } from '../../shared/api/audit.ts';
import type { CaseDetail, CaseSummary } from '../../shared/api/cases.ts';
import type { DirectoryView } from '../../shared/api/participants.ts';
import { api, unwrap } from '../api/client.ts';
import { useSession } from '../auth/session.tsx';
import { errorMessage, fill, loadDirectory } from '../consent/common.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useApi } from '../ui/useApi.ts';
import { EMPTY_FILTER, fetchAuditPage, verifyAuditChain, type AuditFilterValues } from './audit-api.ts';
import { AuditFilters } from './AuditFilters.tsx';
import { AuditTable } from './AuditTable.tsx';
import { AuditExportButton } from './AuditExportButton.tsx';

/** /audit: the periodic access-log review (facilitators: their cases and own actions; admins: all). */
export function AuditPage() {
  const { t, date, dateTime, meetingKind } = useI18n();
  const { user } = useSession();
  const lookups = useApi<{ cases: CaseSummary[]; persons: Map<string, string>; meetings: Map<string, string>; directory: DirectoryView }>(
    async () => {
      const [cases, directory] = await Promise.all([unwrap<CaseSummary[]>(api.cases.$get()), loadDirectory()]);
      // Names of the household members and meetings of the cases this reviewer may open (entries carry ids).
      const details = await Promise.all(cases.map((c) => unwrap<CaseDetail>(api.cases[':caseId'].$get({ param: { caseId: c.id } })).catch(() => null)));
      const persons = new Map(details.flatMap((d) => d?.persons.map((p) => [p.id, p.name] as const) ?? []));
      const meetings = new Map(details.flatMap((d) => d?.meetings.map((m) => [m.id, m.title] as const) ?? []));
      return { cases, persons, meetings, directory };
    },
    'audit-lookups',
  );
  const [filter, setFilter] = useState<AuditFilterValues>(EMPTY_FILTER);
  const [searchId, setSearchId] = useState(0);
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
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
  const cases = lookups.data?.cases ?? [];
  const directory = lookups.data?.directory ?? null;
  const caseTitle = (id: string) => cases.find((c) => c.id === id)?.title ?? id;
  const names = {
    user: (id: string) => directory?.users.find((u) => u.id === id)?.displayName ?? id,
    org: (id: string) => directory?.organisations.find((o) => o.id === id)?.name ?? id,
    person: (id: string) => lookups.data?.persons.get(id) ?? id,
    meeting: (id: string) => lookups.data?.meetings.get(id) ?? id,
    kind: meetingKind,
    date,
    dateTime,
  };
  // Offer actors seen in the log too (administrators are not in the directory).
  const users = [
    ...(directory?.users.map((u) => ({ id: u.id, name: u.displayName })) ?? []),
    ...entries.filter((e) => e.actorUserId && !directory?.users.some((u) => u.id === e.actorUserId)).map((e) => ({ id: e.actorUserId!, name: e.actorName ?? e.actorUserId! })),
  ].filter((u, i, all) => all.findIndex((x) => x.id === u.id) === i);
  const caseOptions = [...cases.map((c) => ({ id: c.id, title: c.title })), ...entries.filter((e) => e.caseId && !cases.some((c) => c.id === e.caseId)).map((e) => ({ id: e.caseId!, title: e.caseId! }))].filter(
    (c, i, all) => all.findIndex((x) => x.id === c.id) === i,
  );

  return (
    <section className="audit-page">
      <h1 id="audit-title">{t('auditTitle')}</h1>
      <p className="hint">{t('auditIntro')}</p>
      {user.role === 'administrator' && <VerifyButton />}
      <AuditFilters
        initial={filter}
        cases={caseOptions}
        users={users}
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
      <AuditTable entries={entries} caseTitle={caseTitle} names={names} />
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
