import type { LegalBasisChangeView } from '../../shared/api/meeting-kinds.ts';
import { api, unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useApi } from '../ui/useApi.ts';

/** Who moved the case between 支援会議 and 重層的支援会議, when and why (newest first). */
export function LegalBasisHistory({ caseId, version }: { caseId: string; version: string }) {
  const { t, tx, dateTime } = useI18n();
  const { data } = useApi(() => unwrap<LegalBasisChangeView[]>(api.cases[':caseId']['legal-basis'].$get({ param: { caseId } })), `${caseId}:${version}`);
  if (!data || data.length === 0) return null;
  return (
    <details className="legal-basis-history">
      <summary>{t('legalBasisHistory')}</summary>
      <ul>
        {data.map((c) => (
          <li key={c.changedAt}>
            {dateTime(c.changedAt)} · {c.fromBasis ? tx(`basis_${c.fromBasis}`) : '—'} → {tx(`basis_${c.toBasis}`)} · {c.changedBy}
            <br />
            <small>{c.reason}</small>
          </li>
        ))}
      </ul>
    </details>
  );
}
