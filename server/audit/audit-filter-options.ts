import type { Db } from '../store/db.ts';
import type { SessionUser } from '../auth/lucia.ts';
import type { AuditFilterOptions } from '../../shared/api/audit.ts';
import { usersKnownTo } from '../routes/known-users.ts';
import { reviewerScope } from './audit-names.ts';

/**
 * The review screen's filters, by name: the cases this reviewer may review (administrators all of
 * them, even though they coordinate none; facilitators the ones they coordinate) by title, and
 * the users by name and organisation (administrators everybody, administrators included;
 * facilitators whom their pickers already show them, and themselves). Ids only as values.
 */
export async function auditFilterOptions(db: Db, user: SessionUser): Promise<AuditFilterOptions> {
  const scope = await reviewerScope(db, user);
  const cases = db.selectFrom('cases').select(['id', 'title']).orderBy('title');
  const caseRows = scope === null ? await cases.execute() : scope.caseIds.size === 0 ? [] : await cases.where('id', 'in', [...scope.caseIds]).execute();

  const known = scope ? new Set([user.id, ...(await usersKnownTo(db, user)).map((u) => u.id)]) : null;
  const users = (await db.selectFrom('users').leftJoin('organisations', 'organisations.id', 'users.org_id').select(['users.id', 'users.display_name', 'organisations.name as org']).orderBy('users.display_name').execute())
    .filter((u) => !known || known.has(u.id))
    .map((u) => ({ id: u.id, name: u.org ? `${u.display_name}（${u.org}）` : u.display_name }));
  return { cases: caseRows.map((c) => ({ id: c.id, title: c.title })), users };
}
