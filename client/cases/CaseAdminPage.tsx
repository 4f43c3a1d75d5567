import { useState } from 'react';
import type { ConsentDocumentView, HouseholdView, LifecycleView } from '../../shared/api/case-admin.ts';
import type { CaseDetail } from '../../shared/api/cases.ts';
import type { PersonConsentView } from '../../shared/api/consent.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../ui/router.tsx';
import { useApi } from '../ui/useApi.ts';
import { call } from '../intake/intake-api.ts';
import { HouseholdEditor } from './HouseholdEditor.tsx';
import { CaseLifecyclePanel } from './CaseLifecyclePanel.tsx';
import { CoordinatorsPanel } from './CoordinatorsPanel.tsx';

/** /cases/:id/admin: the case over time, for those who manage it (issue 10). */
export function CaseAdminPage({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const { data, error, loading } = useApi(async () => {
    const id = encodeURIComponent(caseId);
    const [kase, household, lifecycle, coordinators, consents, documents] = await Promise.all([
      call<CaseDetail>('GET', `/cases/${id}`),
      call<HouseholdView>('GET', `/cases/${id}/household`),
      call<LifecycleView>('GET', `/cases/${id}/lifecycle`),
      call<{ userId: string; displayName: string; orgName: string }[]>('GET', `/cases/${id}/coordinators`),
      call<PersonConsentView[]>('GET', `/cases/${id}/consents`),
      call<ConsentDocumentView[]>('GET', `/cases/${id}/consent-documents`),
    ]);
    return { kase, household, lifecycle, coordinators, consents, documents };
  }, `${caseId}:${version}`);
  const [household, setHousehold] = useState<HouseholdView | null>(null);
  const [lifecycle, setLifecycle] = useState<LifecycleView | null>(null);
  if (loading && !data) return <p>{t('loading')}</p>;
  if (error || !data) return <p role="alert">{error?.message}</p>;
  const h = household ?? data.household;
  const l = lifecycle ?? data.lifecycle;
  return (
    <section className="case-admin">
      <p>
        <Link to={`/cases/${caseId}`}>← {data.kase.title}</Link>
      </p>
      <h1>
        {t('in_caseAdminTitle')} <small className="muted">{data.kase.title}</small>
      </h1>
      <div className="case-admin-grid">
        <HouseholdEditor caseId={caseId} household={h} readOnly={l.readOnly} onChange={setHousehold} />
        <CaseLifecyclePanel
          caseId={caseId}
          lifecycle={l}
          onChange={(next) => {
            setLifecycle(next);
            setVersion((v) => v + 1);
          }}
        />
        <CoordinatorsPanel caseId={caseId} initial={data.coordinators} readOnly={l.readOnly} />
        <ConsentDocuments caseId={caseId} consents={data.consents} documents={data.documents} onUploaded={() => setVersion((v) => v + 1)} />
      </div>
    </section>
  );
}

function ConsentDocuments({ caseId, consents, documents, onUploaded }: { caseId: string; consents: PersonConsentView[]; documents: ConsentDocumentView[]; onUploaded(): void }) {
  const { t, date } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const withRecord = consents.filter((c) => c.current);
  const upload = async (recordId: number, file: File) => {
    setProblem(null);
    const res = await fetch(`/api/cases/${encodeURIComponent(caseId)}/consents/${recordId}/document`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': file.type, 'x-filename': encodeURIComponent(file.name) },
      body: file,
    });
    if (!res.ok) setProblem(((await res.json().catch(() => ({}))) as { message?: string }).message ?? String(res.status));
    else onUploaded();
  };
  return (
    <section className="panel">
      <h2>{t('in_consentDocs')}</h2>
      <p className="hint">{t('in_consentDocsIntro')}</p>
      {withRecord.length === 0 && <p>{t('in_noConsentRecord')}</p>}
      <ul className="plain-list">
        {withRecord.map((c) => {
          const doc = documents.find((d) => d.consentRecordId === c.current!.id);
          return (
            <li key={c.personId}>
              <strong>{c.personName}</strong>{' '}
              {doc ? (
                <a href={`/api/cases/${encodeURIComponent(caseId)}/consents/${doc.consentRecordId}/document`} target="_blank" rel="noreferrer">
                  {doc.filename} ({date(doc.uploadedAt)})
                </a>
              ) : null}
              <label className="block">
                {t('in_upload')} ({c.personName})
                <input type="file" accept="application/pdf,image/png,image/jpeg" onChange={(e) => e.target.files?.[0] && void upload(c.current!.id, e.target.files[0])} />
              </label>
            </li>
          );
        })}
      </ul>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </section>
  );
}
