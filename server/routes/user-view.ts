import type { Db } from '../store/db.ts';
import type { UserView } from '../../shared/api/auth.ts';
import { isInviteeOrgField } from '../../shared/domain/roles.ts';

export async function loadUserView(db: Db, userId: string): Promise<UserView | null> {
  const row = await db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.org_id', 'users.role', 'organisations.name as org_name', 'organisations.field as org_field', 'users.is_org_admin', 'users.must_change_password'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    orgId: row.org_id,
    orgName: row.org_name,
    role: row.role as UserView['role'],
    isOrgAdmin: row.is_org_admin === 1,
    mustChangePassword: row.must_change_password === 1,
    // Invitation accounts sit in an organisation of their own of field guest or resident.
    invitee: isInviteeOrgField(row.org_field),
  };
}
