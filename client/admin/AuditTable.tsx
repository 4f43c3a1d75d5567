import type { AuditEntryView } from '../../shared/api/audit.ts';
import { auditRowText, type Lookups } from '../../shared/api/audit-detail.ts';
import { useI18n } from '../i18n/i18n.tsx';

interface Props {
  entries: AuditEntryView[];
  /** The names the server resolved for these entries (never an id on screen). */
  names: Lookups;
}

/** The entries as the CSV has them too (shared/api/audit-detail.ts): one wording for both. */
export function AuditTable({ entries, names }: Props) {
  const { t, tx } = useI18n();
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
            const row = auditRowText(tx, e, names);
            return (
              <tr key={e.seq} data-testid={`audit-${e.seq}`} data-action={e.action}>
                <td className="nowrap">
                  <time dateTime={e.at}>{row.time}</time>
                </td>
                <td>
                  {row.actor}
                  {row.organisation && <small className="muted org">{row.organisation}</small>}
                </td>
                <td>{row.action}</td>
                <td>{row.case}</td>
                <td className="doc">{row.document}</td>
                <td className="detail">{row.detail}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
