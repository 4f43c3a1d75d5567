import type { AuditEntryView, AuditNames } from './audit.ts';
import { parseDocName } from '../policy/compartment-name.ts';
import { warekiFiscalYear } from '../domain/fiscal-year.ts';
import { NAME_TABLE, parseContext, pathRef, refKindOf, refListKindOf, type RefKind } from './audit-refs.ts';
import { requestKey, requestVerb } from './audit-requests.ts';

/**
 * How a reviewer reads an audit entry: whom it concerns, what changed, then the rest; every id
 * by the name the server resolved (audit-names.ts), every code by its label. One wording for the
 * screen (client/admin/AuditTable.tsx) and the CSV (server/admin/audit-csv.ts). What has no
 * wording reads as 「その他」: a key, code, id or path never reaches a person as itself.
 */
export type Tx = (key: string) => string;

export interface Lookups {
  /** The name of an id of this kind (never the id: 「（削除済み）」 when it is unknown). */
  name(kind: RefKind, id: string): string;
  /** The user's name and organisation. */
  user(id: string): { name: string; org: string };
  date(iso: string): string;
  dateTime(iso: string): string;
}

/** Lookups over the names the server sent with a page. */
export function lookupsFrom(names: AuditNames, deleted: string, dates: Pick<Lookups, 'date' | 'dateTime'>): Lookups {
  return {
    name: (kind, id) => {
      if (kind === 'user') {
        const u = names.users[id];
        return u ? (u.org ? `${u.name}（${u.org}）` : u.name) : deleted;
      }
      return (names[NAME_TABLE[kind]] as Record<string, string>)[id] ?? deleted;
    },
    user: (id) => names.users[id] ?? { name: deleted, org: '' },
    ...dates,
  };
}

const KEY_ORDER = ['path', 'personId', 'status', 'method', 'validUntil', 'scope', 'meetingId', 'userId', 'asUserId', 'role', 'from', 'to', 'reason', 'access', 'context'];
const rank = (key: string) => (KEY_ORDER.includes(key) ? KEY_ORDER.indexOf(key) : KEY_ORDER.length);

/** Keys a reviewer has no use for (hashes, ids of things with no name), or carried by another key. */
const SILENT_KEYS = new Set(['textHash', 'documentId', 'error']);
/** Keys whose value someone typed or chose as text: shown as it is. */
const LITERAL_KEYS = new Set(['username', 'mime', 'name', 'nameJa', 'nameEn', 'displayName', 'municipalityName', 'heading', 'formNumber', 'video_url', 'title', 'address', 'affiliation']);
/** An id of something that has no name to show: that it was there is what counts. */
const PRESENCE_KEYS = new Set(['decisionId', 'partnership', 'partnershipRemoved', 'recordId']);

/** Keys that mean something else in one action: a refused request's status is its outcome, a purge's removed a count. */
const ACTION_KEY_LABELS: Record<string, Record<string, string>> = {
  'request.denied': { status: 'outcome' },
  'audit.purged': { removed: 'removedCount' },
};

/** A translation if the table has one, else the fallback (tx itself echoes unknown keys). */
function known(tx: Tx, key: string, fallback: string): string {
  const text = tx(key);
  return text === key ? fallback : text;
}

const other = (tx: Tx) => known(tx, 'auditValueOther', 'その他');
const isIso = (text: string) => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}.*)?$/.test(text);
/** Text a person wrote (any non-ASCII, e.g. Japanese) or a plain number: shown as it is. */
const isWords = (text: string) => /[^\x00-\x7f]/.test(text) || /^\d+(\.\d+)?$/.test(text);

export function keyLabel(tx: Tx, key: string): string {
  return known(tx, `auditKey_${key}`, known(tx, 'auditKeyOther', 'その他'));
}

export function actionLabel(tx: Tx, action: string): string {
  return known(tx, `auditAction_${action}`, known(tx, 'auditActionOther', 'その他の操作'));
}

/** 「会議の参加者一覧の閲覧（第1回 支援会議（支援会議・令和8年12月5日））」 */
function requestText(tx: Tx, method: unknown, path: string, names: Lookups): string {
  const key = requestKey(path);
  if (!key) return known(tx, 'auditActionOther', 'その他の操作');
  const what = known(tx, `auditRequest_${key}`, other(tx));
  const how = known(tx, `auditRequestVerb_${requestVerb(String(method ?? 'GET'))}`, '');
  const text = known(tx, 'auditRequestTemplate', '{what}の{how}').replace('{what}', what).replace('{how}', how);
  const ref = pathRef(path);
  // The case has its own column; a meeting is named here.
  return ref?.kind === 'meeting' ? `${text}（${names.name('meeting', ref.id)}）` : text;
}

function listText(tx: Tx, kind: RefKind | null, list: unknown[], names: Lookups): string {
  if (!kind || list.length === 0 || list.length > 5) return tx('auditItems').replace('{n}', String(list.length));
  return list.map((id) => names.name(kind, String(id))).join('、');
}

/** How each detail value reads, by key: ids become names, codes words, lists counts. */
function valueText(tx: Tx, entry: AuditEntryView, key: string, value: unknown, names: Lookups): string | null {
  const { action } = entry;
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return tx(value ? 'auditYes' : 'auditNo');
  const kind = refKindOf(action, key);
  if (kind && (typeof value === 'string' || typeof value === 'number')) return names.name(kind, String(value));
  if (PRESENCE_KEYS.has(key)) return known(tx, 'auditPresent', 'あり');
  if (Array.isArray(value)) return listText(tx, refListKindOf(action, key), value, names);
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => v !== undefined && v !== null && v !== '' && !SILENT_KEYS.has(k))
      .sort(([a], [b]) => rank(a) - rank(b));
    // Nested values read like top-level ones (attendance: 利用者=山本 進, 出席=はい).
    return parts.map(([k, v]) => `${keyLabel(tx, k)}=${valueText(tx, entry, k, v, names) ?? other(tx)}`).join(', ');
  }
  if (typeof value === 'number') {
    if (action === 'request.denied' && key === 'status') return known(tx, `auditHttp_${value}`, String(value));
    if (action === 'doc.closed' && key === 'code') return known(tx, `auditClose_${value}`, other(tx));
    if (key === 'fy') return warekiFiscalYear(value);
    return String(value);
  }
  const text = String(value);
  switch (key) {
    case 'path':
      return requestText(tx, entry.detail.method, text, names);
    case 'context': {
      const ctx = parseContext(text);
      if (ctx?.kind === 'meeting') return names.name('meeting', ctx.id);
      if (ctx?.kind === 'case') return `${tx('auditWorkspace')}（${names.name('case', ctx.id)}）`;
      return other(tx);
    }
    case 'status':
      return known(tx, `consentStatus_${text}`, known(tx, `in_partner_${text}`, other(tx)));
    case 'method':
      return known(tx, `consentMethod_${text}`, known(tx, `rec_ctl_method_${text}`, other(tx)));
    case 'role':
      // Administration entries name account roles (管理者, 進行役 …); meeting entries meeting roles.
      return action.startsWith('admin.') ? known(tx, `userRole_${text}`, other(tx)) : known(tx, `role_${text}`, other(tx));
    case 'reason':
    case 'why': {
      const word = known(tx, `reason_${text}`, known(tx, `auditValue_${text}`, ''));
      if (word) return word;
      // A socket's close reason is English text for the client: the close code says it for people.
      if (action === 'doc.closed') return null;
      return isWords(text) ? text : other(tx);
    }
    case 'access':
      return known(tx, `access_${text}`, other(tx));
    case 'variant':
    case 'consentVariant':
      return known(tx, text === 'given' ? 'in_variantGiven' : 'in_variantNotGiven', other(tx));
    case 'mode':
      return known(tx, `in_mode_${text}`, other(tx));
    case 'credential':
      return known(tx, `adm_credential_${text}`, other(tx));
    case 'field':
      return known(tx, `field_${text}`, other(tx));
    case 'action':
      return actionLabel(tx, text);
    case 'hash':
    case 'anchorHash':
      // The chain's hashes are shown on purpose (to compare with a copy kept elsewhere), shortened.
      return text.slice(0, 16);
    case 'from':
    case 'to':
      if (action === 'legal_basis.changed' || action === 'support_decision.recorded') return known(tx, `basis_${text}`, other(tx));
      if (action === 'meeting.state_changed') return known(tx, `state_${text}`, other(tx));
      if (action === 'case.status_changed') return known(tx, `in_caseStatus_${text}`, other(tx));
      break;
  }
  // Dates and times of any key (scheduledAt, decidedOn …) read as 和暦, never as ISO.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return names.dateTime(text);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return names.date(`${text}T00:00:00+09:00`);
  if (LITERAL_KEYS.has(key) || isWords(text)) return text;
  return known(tx, `auditValue_${text}`, other(tx));
}

/** 「状態: 同意 · 方法: 書面 · 共有範囲: 10 件」 */
export function detailSummary(tx: Tx, entry: AuditEntryView, names: Lookups): string {
  const hasPath = typeof entry.detail.path === 'string';
  return Object.entries(entry.detail)
    .filter(([k, v]) => v !== undefined && !SILENT_KEYS.has(k) && !(hasPath && k === 'method'))
    .sort(([a], [b]) => rank(a) - rank(b))
    .flatMap(([k, v]) => {
      const text = valueText(tx, entry, k, v, names);
      const label = keyLabel(tx, ACTION_KEY_LABELS[entry.action]?.[k] ?? k);
      return text === null ? [] : [`${label}: ${text}`];
    })
    .join(' · ');
}

/** A compartment reads as 「山田 ハル（本人） / 医療・健康 / ひだまりクリニック」, a meeting document as the meeting. */
export function documentSummary(tx: Tx, docName: string | null, names: Lookups): string {
  if (!docName) return '';
  const parsed = parseDocName(docName);
  if (!parsed) return other(tx);
  if (parsed.type === 'meeting') return names.name('meeting', parsed.meetingId);
  return `${names.name('person', parsed.personId)} / ${known(tx, `category_${parsed.category}`, other(tx))} / ${names.name('org', parsed.supplierOrgId)}`;
}

/** One entry as the reviewer reads it, cell by cell (the screen's columns, the CSV's fields). */
export interface AuditRowText {
  time: string;
  actor: string;
  organisation: string;
  action: string;
  case: string;
  document: string;
  detail: string;
}

export function auditRowText(tx: Tx, entry: AuditEntryView, names: Lookups): AuditRowText {
  const actor = entry.actorUserId ? names.user(entry.actorUserId) : { name: tx('auditSystem'), org: '' };
  return {
    time: names.dateTime(entry.at),
    actor: actor.name,
    organisation: actor.org,
    action: actionLabel(tx, entry.action),
    case: entry.caseId ? names.name('case', entry.caseId) : '',
    document: documentSummary(tx, entry.docName, names),
    detail: detailSummary(tx, entry, names),
  };
}
