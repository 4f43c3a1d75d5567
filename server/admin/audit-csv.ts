import type { AuditEntry } from '../audit/audit-store.ts';
import type { AuditNames } from '../../shared/api/audit.ts';
import { auditRowText, lookupsFrom, type Tx } from '../../shared/api/audit-detail.ts';
import { wareki } from '../../shared/domain/fiscal-year.ts';
// The screen's Japanese wording, so the export reads exactly as the review screen does.
import { ja } from '../../client/i18n/messages.ts';

/**
 * The audit log as a CSV a municipality opens in Excel: UTF-8 with a BOM (or Excel reads it as
 * Shift_JIS), CRLF line ends, every field quoted. Every cell is what the review screen shows in
 * Japanese (shared/api/audit-detail.ts over the names the server resolved for these entries):
 * people and organisations by name, actions by label, times in 和暦 and Japan time, no ids.
 */
const BOM = '\uFEFF';
const tx: Tx = (key) => (ja as Record<string, string>)[key] ?? key;

// A cell Excel would read as a formula (a name typed as =HYPERLINK(…)) is kept as text.
const quote = (value: string) => `"${(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value).replace(/"/g, '""')}"`;
const dateTime = (iso: string) => {
  const d = new Date(iso);
  const time = new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Tokyo' }).format(d);
  return `${wareki(iso)} ${time}`;
};

export function auditCsv(entries: readonly AuditEntry[], names: AuditNames): string {
  const lookups = lookupsFrom(names, tx('auditDeleted'), { date: (iso) => wareki(iso), dateTime });
  const header = ['番号', '日時', '利用者', '所属', '操作', 'ケース', '文書', '詳細'];
  const rows = entries.map((e) => {
    const row = auditRowText(tx, e, lookups);
    return [String(e.seq), row.time, row.actor, row.organisation, row.action, row.case, row.document, row.detail];
  });
  return BOM + [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}
