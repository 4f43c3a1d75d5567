import type { AuditEntryView } from '../../shared/api/audit.ts';
import { parseDocName } from '../../shared/policy/compartment-name.ts';

type Tx = (key: string) => string;

/** How a reviewer reads an entry: whom it concerns, what changed, then the rest. */
const KEY_ORDER = ['personId', 'status', 'method', 'validUntil', 'scope', 'meetingId', 'userId', 'asUserId', 'role', 'from', 'to', 'reason', 'access', 'context'];
const rank = (key: string) => (KEY_ORDER.includes(key) ? KEY_ORDER.indexOf(key) : KEY_ORDER.length);

export interface Lookups {
  user(id: string): string;
  person(id: string): string;
  meeting(id: string): string;
  org(id: string): string;
  date(iso: string): string;
  /** Date and time (和暦 and hh:mm); the date alone when not given. */
  dateTime?(iso: string): string;
  /** Meeting kind by name (issue 10); the id when not given. */
  kind?(id: string): string;
}

/** A translation if the table has one, else the raw value (tx itself echoes unknown keys). */
function known(tx: Tx, key: string, raw: string): string {
  const text = tx(key);
  return text === key ? raw : text;
}

/** How each detail value reads, by key: codes become words, lists become counts. */
function valueText(tx: Tx, action: string, key: string, value: unknown, names: Lookups): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return tx(value ? 'auditYes' : 'auditNo');
  if (Array.isArray(value)) return tx('auditItems').replace('{n}', String(value.length));
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null && v !== '');
    // Nested values read like top-level ones (attendance: 利用者=山本 進, 出席=はい).
    return parts.map(([k, v]) => `${known(tx, `auditKey_${k}`, k)}=${valueText(tx, action, k, v, names)}`).join(', ');
  }
  const text = String(value);
  switch (key) {
    case 'status':
      return known(tx, `consentStatus_${text}`, text);
    case 'method':
      return known(tx, `consentMethod_${text}`, text);
    case 'role':
      // Administration entries name account roles (管理者, 進行役 …); meeting entries meeting roles.
      return action.startsWith('admin.') ? known(tx, `userRole_${text}`, text) : known(tx, `role_${text}`, text);
    case 'reason':
      return known(tx, `reason_${text}`, known(tx, `auditValue_${text}`, text));
    case 'access':
      return known(tx, `access_${text}`, text);
    case 'orgId':
      return names.org(text);
    case 'kindId':
      return names.kind ? names.kind(text) : text;
    case 'variant':
    case 'consentVariant':
      return known(tx, text === 'given' ? 'in_variantGiven' : 'in_variantNotGiven', text);
    case 'mode':
      return known(tx, `in_mode_${text}`, text);
    case 'toOrgId':
      return names.org(text);
    case 'credential':
      return known(tx, `adm_credential_${text}`, text);
    case 'field':
      return known(tx, `field_${text}`, text);
    case 'stage':
    case 'secondFactor':
      return known(tx, `auditValue_${text}`, text);
    case 'userId':
    case 'asUserId':
      return names.user(text);
    case 'personId':
      return names.person(text);
    case 'validUntil':
      return names.date(text);
    case 'meetingId':
      return names.meeting(text);
    case 'context': {
      const [kind, id = ''] = text.split(':');
      if (kind === 'meeting') return names.meeting(id);
      if (kind === 'workspace') return `${tx('auditWorkspace')} (${id})`;
      return text;
    }
    case 'from':
    case 'to':
      if (action === 'legal_basis.changed' || action === 'support_decision.recorded') return known(tx, `basis_${text}`, text);
      if (action === 'meeting.state_changed') return known(tx, `state_${text}`, text);
      return text;
    default:
      // Dates and times of any key (scheduledAt, decidedOn …) read as 和暦, never as ISO.
      if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return (names.dateTime ?? names.date)(text);
      if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return names.date(`${text}T00:00:00+09:00`);
      return text;
  }
}

/** 「状態: 同意 · 方法: 書面 · 共有範囲: 10 件」 */
export function detailSummary(tx: Tx, entry: AuditEntryView, names: Lookups): string {
  return Object.entries(entry.detail)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([k, v]) => `${known(tx, `auditKey_${k}`, k)}: ${valueText(tx, entry.action, k, v, names)}`)
    .join(' · ');
}

/** A compartment reads as 「山田 ハル / 医療・健康 / ひだまりクリニック」, a meeting document as its id. */
export function documentSummary(tx: Tx, docName: string | null, names: Lookups): string {
  if (!docName) return '';
  const parsed = parseDocName(docName);
  if (!parsed) return docName;
  if (parsed.type === 'meeting') return names.meeting(parsed.meetingId);
  return `${names.person(parsed.personId)} / ${known(tx, `category_${parsed.category}`, parsed.category)} / ${names.org(parsed.supplierOrgId)}`;
}
