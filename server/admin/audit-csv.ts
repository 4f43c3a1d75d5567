import type { Db } from '../store/db.ts';
import type { AuditEntry } from '../audit/audit-store.ts';
import { auditActionLabelJa } from '../../shared/api/audit-labels.ts';

/**
 * The audit log as a CSV a municipality opens in Excel: UTF-8 with a BOM (or Excel reads it as
 * Shift_JIS), CRLF line ends, every field quoted. People and organisations by name, actions by
 * their Japanese label, times in 和暦 and Japan time; ids only where nothing else names a thing.
 */
const BOM = '\uFEFF';
const NAME_KEYS: Record<string, 'user' | 'org' | 'person'> = { userId: 'user', asUserId: 'user', orgId: 'org', personId: 'person' };

const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
const dateTime = (iso: string) => {
  const d = new Date(iso);
  const day = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Tokyo' }).format(d);
  const time = new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Asia/Tokyo' }).format(d);
  return `${day} ${time}`;
};

export async function auditCsv(db: Db, entries: AuditEntry[]): Promise<string> {
  const [users, orgs, persons, cases] = await Promise.all([
    db.selectFrom('users').innerJoin('organisations', 'organisations.id', 'users.org_id').select(['users.id', 'users.display_name', 'organisations.name as org_name']).execute(),
    db.selectFrom('organisations').select(['id', 'name']).execute(),
    db.selectFrom('persons').select(['id', 'name']).execute(),
    db.selectFrom('cases').select(['id', 'title']).execute(),
  ]);
  const names = {
    user: new Map(users.map((u) => [u.id, u.display_name])),
    org: new Map(orgs.map((o) => [o.id, o.name])),
    person: new Map(persons.map((p) => [p.id, p.name])),
  };
  const orgOfUser = new Map(users.map((u) => [u.id, u.org_name]));
  const caseTitle = new Map(cases.map((c) => [c.id, c.title]));
  const detailText = (detail: Record<string, unknown>) =>
    Object.entries(detail)
      .map(([key, value]) => {
        const kind = NAME_KEYS[key];
        const text = typeof value === 'string' && kind ? (names[kind].get(value) ?? value) : typeof value === 'object' ? JSON.stringify(value) : String(value);
        return `${key}=${text}`;
      })
      .join('; ');
  const header = ['番号', '日時', '利用者', '所属', '操作', 'ケース', '詳細'];
  const rows = entries.map((e) => [
    String(e.seq),
    dateTime(e.at),
    e.actorUserId ? (e.actorName ?? names.user.get(e.actorUserId) ?? '') : 'システム',
    e.actorUserId ? (orgOfUser.get(e.actorUserId) ?? '') : '',
    auditActionLabelJa(e.action),
    e.caseId ? (caseTitle.get(e.caseId) ?? '') : '',
    detailText(e.detail),
  ]);
  return BOM + [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}
