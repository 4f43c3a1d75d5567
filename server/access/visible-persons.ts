import type { Db } from '../store/db.ts';
import type { SessionUser } from '../auth/lucia.ts';
import type { PersonView } from '../../shared/api/cases.ts';
import { explainRecordAccess } from '../../shared/policy/access.ts';
import { AccessSnapshot, viewerOf, type ResolvedContext } from './access-snapshot.ts';
import { canManageCase } from './case-roles.ts';

/**
 * The household as this viewer may know it. Names and the household's composition are 'basic'
 * information (氏名・世帯構成): a member sees a person when, in one of the case's meetings they take
 * part in, the policy would show them that person's basic information, or the subject's (the
 * composition of the household belongs to the subject's basic information). Those who manage the
 * case see everyone. The label is synthetic, with a supplier no viewer belongs to, so the
 * supplier rule cannot widen it.
 */
export async function personsVisibleTo(db: Db, user: SessionUser, caseId: string, all: PersonView[]): Promise<PersonView[]> {
  if (await canManageCase(db, user, caseId)) return all;
  const snapshot = new AccessSnapshot(db);
  const meetings = await db.selectFrom('meetings').select('id').where('case_id', '=', caseId).execute();
  const contexts = (await Promise.all(meetings.map((m) => snapshot.context(user, `meeting:${m.id}`)))).filter(
    (ctx): ctx is ResolvedContext => ctx !== null && ctx.context.kind === 'meeting' && ctx.context.participation !== null,
  );
  if (contexts.length === 0) return [];
  const consents = await snapshot.consentsOf(caseId);
  const seesBasicOf = (personId: string) =>
    contexts.some(
      (ctx) =>
        // A closed meeting still shows its record under the basis it had (explainRecordAccess).
        explainRecordAccess({
          viewer: viewerOf(user),
          context: ctx.context,
          label: { caseId, personId, category: 'basic', supplierOrgId: '-', allowOrgIds: null, notToPerson: false },
          consents,
          now: snapshot.now,
        }).access !== 'none',
    );
  const subject = all.find((p) => p.isSubject);
  if (subject && seesBasicOf(subject.id)) return all;
  return all.filter((p) => seesBasicOf(p.id));
}
