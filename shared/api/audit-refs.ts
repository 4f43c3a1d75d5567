import { parseDocName } from '../policy/compartment-name.ts';
import type { AuditEntryView, AuditNames } from './audit.ts';

/**
 * Where the ids in an audit entry are, and what kind of thing each names. One table for both
 * sides: the server collects a page's ids with it to resolve them in bulk (server/audit/
 * audit-names.ts), and the screen and the CSV read the same keys as names (audit-detail.ts), so a
 * key that names a thing is never shown as its id.
 */
export type RefKind = 'case' | 'person' | 'meeting' | 'user' | 'org' | 'invitation' | 'kind' | 'referral' | 'consentRecord';

export const NAME_TABLE: Record<RefKind, keyof AuditNames> = {
  case: 'cases',
  person: 'persons',
  meeting: 'meetings',
  user: 'users',
  org: 'orgs',
  invitation: 'invitations',
  kind: 'kinds',
  referral: 'referrals',
  consentRecord: 'consentRecords',
};

/** Detail keys whose string value is an id, in any action. */
const ID_KEYS: Record<string, RefKind> = {
  caseId: 'case',
  personId: 'person',
  subjectPersonId: 'person',
  meetingId: 'meeting',
  userId: 'user',
  asUserId: 'user',
  recorderUserId: 'user',
  orgId: 'org',
  toOrgId: 'org',
  invitationId: 'invitation',
  kindId: 'kind',
  referralId: 'referral',
  consentRecordId: 'consentRecord',
};

/** Detail keys whose value is a list of ids. */
const ID_LIST_KEYS: Record<string, RefKind> = { coordinators: 'user', userIds: 'user', meetings: 'meeting' };

/** Keys that name a thing only in one action (elsewhere the same key means something else). */
const ACTION_ID_KEYS: Record<string, Record<string, RefKind>> = {
  'record.compared': { a: 'meeting', b: 'meeting' },
  'meeting_kind.added': { id: 'kind' },
  'household.changed': { added: 'person', edited: 'person', removed: 'person' },
};
const ACTION_ID_LIST_KEYS: Record<string, Record<string, RefKind>> = {
  'case.coordinators_changed': { before: 'user', after: 'user' },
};

export function refKindOf(action: string, key: string): RefKind | null {
  return ACTION_ID_KEYS[action]?.[key] ?? ID_KEYS[key] ?? null;
}

export function refListKindOf(action: string, key: string): RefKind | null {
  return ACTION_ID_LIST_KEYS[action]?.[key] ?? ID_LIST_KEYS[key] ?? null;
}

/** Where a socket or a preview was opened: 'meeting:<id>' or 'workspace:<caseId>'. */
export function parseContext(text: string): { kind: 'meeting' | 'case'; id: string } | null {
  const m = /^(meeting|workspace):([A-Za-z0-9_-]{1,64})$/.exec(text);
  if (!m) return null;
  return { kind: m[1] === 'meeting' ? 'meeting' : 'case', id: m[2]! };
}

/** The case or meeting a request path is about (/api/cases/<id>…, /api/meetings/<id>…). */
export function pathRef(path: string): { kind: 'meeting' | 'case'; id: string } | null {
  const m = /^\/api\/(cases|meetings)\/([A-Za-z0-9_-]{1,64})(?:\/|$)/.exec(path);
  if (!m) return null;
  return { kind: m[1] === 'meetings' ? 'meeting' : 'case', id: m[2]! };
}

export type Refs = Record<RefKind, Set<string>>;

/** Every id the entries mention, by kind: what the server resolves for one page. */
export function collectRefs(entries: readonly AuditEntryView[]): Refs {
  const refs = Object.fromEntries(Object.keys(NAME_TABLE).map((k) => [k, new Set<string>()])) as Refs;
  // Consent records have numeric ids; everything else is text.
  const add = (kind: RefKind, id: unknown) => {
    if (typeof id === 'number' && Number.isInteger(id)) refs[kind].add(String(id));
    if (typeof id === 'string' && id !== '' && id !== '*') refs[kind].add(id);
  };
  const walk = (action: string, detail: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(detail)) {
      const kind = refKindOf(action, key);
      const listKind = refListKindOf(action, key);
      if (kind && (typeof value === 'string' || typeof value === 'number')) add(kind, value);
      else if (listKind && Array.isArray(value)) value.forEach((v) => add(listKind, v));
      else if (key === 'context' && typeof value === 'string') {
        const ctx = parseContext(value);
        if (ctx) add(ctx.kind, ctx.id);
      } else if (key === 'path' && typeof value === 'string') {
        const ref = pathRef(value);
        if (ref) add(ref.kind, ref.id);
      } else if (key === 'scope' && Array.isArray(value)) {
        value.forEach((s) => add('org', (s as { orgId?: unknown } | null)?.orgId));
      } else if (value && typeof value === 'object' && !Array.isArray(value)) walk(action, value as Record<string, unknown>);
    }
  };
  for (const e of entries) {
    add('case', e.caseId);
    add('user', e.actorUserId);
    const doc = e.docName ? parseDocName(e.docName) : null;
    if (doc?.type === 'meeting') add('meeting', doc.meetingId);
    if (doc?.type === 'compartment') {
      add('case', doc.caseId);
      add('person', doc.personId);
      add('org', doc.supplierOrgId);
    }
    walk(e.action, e.detail);
  }
  return refs;
}
