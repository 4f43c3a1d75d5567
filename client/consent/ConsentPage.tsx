import { useCallback, useState } from 'react';
import type { CaseDetail } from '../../shared/api/cases.ts';
import type { PersonConsentView } from '../../shared/api/consent.ts';
import type { DirectoryView } from '../../shared/api/participants.ts';
import { api, unwrap } from '../api/client.ts';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../ui/router.tsx';
import { useApi } from '../ui/useApi.ts';
import { loadDirectory } from './common.ts';
import { LegalBasisPanel } from './LegalBasisPanel.tsx';
import { PersonConsentCard } from './PersonConsentCard.tsx';
import { useAccessChanges } from '../cases/useAccessChanges.ts';

interface Loaded {
  kase: CaseDetail;
  consents: PersonConsentView[];
  directory: DirectoryView;
}

/** /cases/:caseId/consent: consent per household member, its history, and the case's legal basis. */
export function ConsentPage({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  // Narrowed access (a withdrawal elsewhere, a removal) reaches this open screen at once.
  const changes = useAccessChanges(caseId);
  const { data, error, loading } = useApi<Loaded>(
    async () => {
      const [kase, consents, directory] = await Promise.all([
        unwrap<CaseDetail>(api.cases[':caseId'].$get({ param: { caseId } })),
        unwrap<PersonConsentView[]>(api.cases[':caseId'].consents.$get({ param: { caseId } })),
        loadDirectory(),
      ]);
      return { kase, consents, directory };
    },
    `${caseId}#${version}#${changes}`,
  );
  // Keep the last good data on screen while reloading after a change (no flash of "loading").
  const [last, setLast] = useState<Loaded | null>(null);
  if (data && data !== last) setLast(data);
  const shown = data ?? last;

  if (loading && !shown) return <p>{t('loading')}</p>;
  if (error) return <p role="alert">{t('error')}: {error.message}</p>;
  if (!shown) return <p role="alert">{t('error')}</p>;
  const { kase, consents, directory } = shown;
  // The server says whether the viewer manages the case; it also enforces it on every call.
  const manager = kase.canManage;

  return (
    <section className="consent-page">
      <p>
        <Link to={`/cases/${caseId}`}>← {kase.title}</Link>
      </p>
      <h1>
        {t('consentManage')} <small className="muted">{kase.title}</small>
      </h1>
      <p className="hint">{t('consentIntro')}</p>
      {!manager && <p className="notice">{t('consentReadOnly')}</p>}
      <LegalBasisPanel caseId={caseId} basis={kase.legalBasis} manager={manager} onChanged={reload} />
      <div className="consent-cards">
        {consents.map((person) => (
          <PersonConsentCard
            key={person.personId}
            caseId={caseId}
            person={person}
            directory={directory}
            manager={manager}
            deceased={kase.persons.find((p) => p.id === person.personId)?.deceased}
            onChanged={reload}
          />
        ))}
      </div>
    </section>
  );
}
