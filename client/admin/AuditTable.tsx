import type { AuditEntryView } from '../../shared/api/audit.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { detailSummary, documentSummary, type Lookups } from './audit-detail.ts';

interface Props {
  entries: AuditEntryView[];
  caseTitle(id: string): string;
  names: Lookups;
}

export function AuditTable({ entries, caseTitle, names }: Props) {
  const { t, tx, dateTime } = useI18n();
  if (entries.length === 0) return <p className="hint">{t('auditEmpty')}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table audit-table" aria-labelledby="audit-title">
        <thead>
          <tr>
            <th scope="col">{t('auditTime')}</th>
            <th scope="col">{t('auditUser')}</th>
            <th scope="col">{t('auditAction')}</th>
            <th scope="col">{t('auditCase')}</th>
            <th scope="col">{t('auditDocument')}</th>
            <th scope="col">{t('auditDetail')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const action = tx(`auditAction_${e.action}`);
            return (
              <tr key={e.seq} data-testid={`audit-${e.seq}`} data-action={e.action}>
                <td className="nowrap">
                  <time dateTime={e.at}>{dateTime(e.at)}</time>
                </td>
                <td>{e.actorName ?? (e.actorUserId ? names.user(e.actorUserId) : t('auditSystem'))}</td>
                <td>{action === `auditAction_${e.action}` ? e.action : action}</td>
                <td>{e.caseId ? caseTitle(e.caseId) : ''}</td>
                <td className="doc">{documentSummary(tx, e.docName, names)}</td>
                <td className="detail">{detailSummary(tx, e, names)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
