import type { Db } from '../store/db.ts';
import type { SessionUser } from '../auth/lucia.ts';
import type { AuditEntryView, AuditNames } from '../../shared/api/audit.ts';
import { collectRefs, type RefKind } from '../../shared/api/audit-refs.ts';
import { BUILT_IN_MEETING_KINDS } from '../../shared/domain/meeting-kinds.ts';
import { wareki } from '../../shared/domain/fiscal-year.ts';
import { roleLabel } from '../records/labels.ts';

/**
 * Names for the ids of one page of audit entries (the screen, and the CSV export).
 *
 * Why the server names everything here: the audit review is the municipality's access-log review
 * (MHLW guideline 6.0: who operated on which information and when, reviewed periodically), done
 * by administrators, and by facilitators for the cases they coordinate and their own operations.
 * The reviewer must be able to tell whose information was touched, and an administrator manages
 * no case, so the client could never name them. So the server resolves, for the entries it
 * returns and nothing else: cases to their title, persons to name（続柄）, meetings to title（種類・
 * 和暦の開催日）, users to name and organisation, organisations, invitations to 招待（相手）,
 * meeting kinds, つなぐシート and consent records by whom they are about. In bulk: one query per
 * kind per page, never per row. An id that resolves to nothing was deleted: 「（削除済み）」,
 * never the id. Request paths are described by audit-requests.ts, also never shown.
 *
 * A facilitator may review entries of their own operations about things outside their cases (a
 * refused request for another case, say): those things are not named to them (「（担当外）」),
 * or the review would tell them what the refusal withheld. Administrators are told everything.
 */
export const DELETED = '（削除済み）';
export const OUT_OF_SCOPE = '（担当外）';

/** What this reviewer may be told the names of: null for everything (administrators). */
export interface NameScope {
  userId: string;
  caseIds: ReadonlySet<string>;
}

export async function reviewerScope(db: Db, user: Pick<SessionUser, 'id' | 'role'>): Promise<NameScope | null> {
  if (user.role === 'administrator') return null;
  const [assigned, primary] = await Promise.all([
    db.selectFrom('case_coordinators').select('case_id').where('user_id', '=', user.id).execute(),
    db.selectFrom('cases').select('id').where('coordinator_user_id', '=', user.id).execute(),
  ]);
  return { userId: user.id, caseIds: new Set([...assigned.map((r) => r.case_id), ...primary.map((r) => r.id)]) };
}

const CHUNK = 1000;
const inParens = (main: string, extra: string | null | undefined) => (extra ? `${main}（${extra}）` : main);

export async function resolveAuditNames(db: Db, entries: readonly AuditEntryView[], scope: NameScope | null): Promise<AuditNames> {
  const refs = collectRefs(entries);
  const ids = (kind: RefKind) => [...refs[kind]];
  const visible = (caseId: string | null) => scope === null || (caseId !== null && scope.caseIds.has(caseId));
  // Only kinds this page mentions are queried, one query per kind (a 10,000-row CSV export may
  // name more ids than a statement takes parameters: then one query per thousand).
  const select = async <T>(kind: RefKind, run: (list: string[]) => Promise<T[]>): Promise<T[]> => {
    const all = ids(kind);
    const rows: T[] = [];
    for (let i = 0; i < all.length; i += CHUNK) rows.push(...(await run(all.slice(i, i + CHUNK))));
    return rows;
  };

  const [cases, persons, meetings, users, orgs, invitations, kinds, referrals, consents] = await Promise.all([
    select('case', (list) => db.selectFrom('cases').select(['id', 'title']).where('id', 'in', list).execute()),
    select('person', (list) => db.selectFrom('persons').select(['id', 'name', 'relation', 'case_id']).where('id', 'in', list).execute()),
    select('meeting', (list) => db.selectFrom('meetings').select(['id', 'title', 'kind_id', 'scheduled_at', 'opened_at', 'case_id']).where('id', 'in', list).execute()),
    select('user', (list) =>
      db.selectFrom('users').leftJoin('organisations', 'organisations.id', 'users.org_id').select(['users.id', 'users.display_name', 'organisations.name as org_name']).where('users.id', 'in', list).execute(),
    ),
    select('org', (list) => db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', list).execute()),
    select('invitation', (list) => db.selectFrom('invitations').select(['id', 'display_name', 'role', 'case_id']).where('id', 'in', list).execute()),
    // Kinds are few and meetings name theirs too: all of them, once.
    refs.kind.size + refs.meeting.size === 0 ? Promise.resolve([]) : db.selectFrom('meeting_kinds').select(['id', 'name_ja']).execute(),
    select('referral', (list) => db.selectFrom('referrals').select(['id', 'household_json', 'case_id', 'referred_by', 'decided_by']).where('id', 'in', list).execute()),
    select('consentRecord', (list) => {
      const numbers = list.map(Number).filter(Number.isInteger);
      if (numbers.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('consent_records')
        .leftJoin('persons', 'persons.id', 'consent_records.person_id')
        .select(['consent_records.id', 'consent_records.case_id', 'persons.name'])
        .where('consent_records.id', 'in', numbers)
        .execute();
    }),
  ]);

  const kindName = new Map<string, string>(BUILT_IN_MEETING_KINDS.map((k) => [k.id, k.nameJa]));
  for (const k of kinds) kindName.set(k.id, k.name_ja);

  /** Every id asked for gets a value: its name, 「（担当外）」, or 「（削除済み）」. */
  function table<R>(kind: RefKind, rows: readonly R[], idOf: (r: R) => string, caseOf: (r: R) => string | null | 'always', name: (r: R) => string): Record<string, string> {
    const out: Record<string, string> = Object.fromEntries(ids(kind).map((id) => [id, DELETED]));
    for (const r of rows) {
      const caseId = caseOf(r);
      out[idOf(r)] = caseId === 'always' || visible(caseId) ? name(r) : OUT_OF_SCOPE;
    }
    return out;
  }

  const referralSubject = (json: string) => {
    try {
      return (JSON.parse(json) as { name?: string }[])[0]?.name ?? '';
    } catch {
      return '';
    }
  };
  const ownReferral = (r: { referred_by: string; decided_by: string | null }) => scope !== null && (r.referred_by === scope.userId || r.decided_by === scope.userId);

  const userNames: AuditNames['users'] = Object.fromEntries(ids('user').map((id) => [id, { name: DELETED, org: '' }]));
  for (const u of users) userNames[u.id] = { name: u.display_name, org: u.org_name ?? DELETED };

  return {
    cases: table('case', cases, (r) => r.id, (r) => r.id, (r) => r.title),
    persons: table('person', persons, (r) => r.id, (r) => r.case_id, (r) => inParens(r.name, r.relation)),
    meetings: table('meeting', meetings, (r) => r.id, (r) => r.case_id, (r) =>
      inParens(r.title, `${kindName.get(r.kind_id) ?? 'その他の会議'}・${wareki(r.opened_at ?? r.scheduled_at)}`),
    ),
    users: userNames,
    // Organisations are no secret (every user's directory lists them).
    orgs: table('org', orgs, (r) => r.id, () => 'always', (r) => r.name),
    invitations: table('invitation', invitations, (r) => r.id, (r) => r.case_id, (r) => `招待（${r.display_name || roleLabel(r.role)}）`),
    kinds: Object.fromEntries(ids('kind').map((id) => [id, kindName.get(id) ?? DELETED])),
    referrals: table('referral', referrals, (r) => r.id, (r) => (ownReferral(r) ? 'always' : r.case_id), (r) => inParens('つなぐシート', referralSubject(r.household_json))),
    consentRecords: table('consentRecord', consents, (r) => String(r.id), (r) => r.case_id, (r) => inParens('同意の記録', r.name)),
  };
}
