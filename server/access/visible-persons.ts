import type { Db } from '../store/db.ts';
import type { SessionUser } from '../auth/lucia.ts';
import type { PersonView } from '../../shared/api/cases.ts';
import type { AccessContext } from '../../shared/policy/types.ts';
import { explainRecordAccess } from '../../shared/policy/access.ts';
import { AccessSnapshot, viewerOf } from './access-snapshot.ts';
import { canManageCase } from './case-roles.ts';

/**
 * The household as this viewer may know it (issue 8, rule 6). Names, ages and relations are
 * 'basic' information (氏名・世帯構成): a viewer sees a person when the policy would show them
 * that person's basic information in a context that counts here, or the subject's (the household's
 * composition belongs to the subject's basic information). Contexts that count:
 * - the workspace rule (outside meetings only consent counts), always;
 * - every meeting of the case that is running now and admits the viewer (a 支援会議's
 *   confidentiality basis exists only while it runs);
 * - the meeting named by `contextKey`, when the viewer is admitted to it, whatever its state (a
 *   closed meeting's record shows the household under the basis that meeting had).
 * Those who manage the case see everyone: recording each member's consent needs their names.
 * The label is synthetic, with a supplier no viewer belongs to, so the supplier rule cannot widen it.
 */
export async function householdVisibleTo(
  db: Db,
  user: SessionUser,
  caseId: string,
  all: PersonView[],
  contextKey: string | null = null,
): Promise<{ persons: PersonView[]; knowsSubject: boolean }> {
  if (await canManageCase(db, user, caseId)) return { persons: all, knowsSubject: true };
  const snapshot = new AccessSnapshot(db);
  const contexts: AccessContext[] = [{ kind: 'workspace', isCoordinator: false }];
  const meetings = await db.selectFrom('meetings').select(['id', 'state']).where('case_id', '=', caseId).execute();
  for (const m of meetings) {
    const named = contextKey === `meeting:${m.id}`;
    if (m.state !== 'open' && !named) continue;
    const ctx = await snapshot.context(user, `meeting:${m.id}`);
    if (ctx && ctx.context.kind === 'meeting' && ctx.context.participation !== null) contexts.push(ctx.context);
  }
  const consents = await snapshot.consentsOf(caseId);
  const seesBasicOf = (personId: string) =>
    contexts.some(
      (context) =>
        // A closed meeting still shows its record under the basis it had (explainRecordAccess).
        explainRecordAccess({
          viewer: viewerOf(user),
          context,
          label: { caseId, personId, category: 'basic', supplierOrgId: '-', allowOrgIds: null, notToPerson: false },
          consents,
          now: snapshot.now,
        }).access !== 'none',
    );
  const subject = all.find((p) => p.isSubject);
  if (subject && seesBasicOf(subject.id)) return { persons: all, knowsSubject: true };
  return { persons: all.filter((p) => seesBasicOf(p.id)), knowsSubject: false };
}

export async function personsVisibleTo(db: Db, user: SessionUser, caseId: string, all: PersonView[], contextKey: string | null = null): Promise<PersonView[]> {
  return (await householdVisibleTo(db, user, caseId, all, contextKey)).persons;
}
