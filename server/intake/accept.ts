import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps.ts';
import type { SessionUser } from '../auth/lucia.ts';
import type { ReferralsTable } from '../store/schema.ts';
import type { AcceptReferralRequest, ReferralSheet } from '../../shared/api/intake.ts';
import { ALL_MEMBERS } from '../../shared/domain/consent.ts';
import { RELATIONS, ageOn } from '../../shared/domain/referral.ts';
import { sheetItems } from './sheet-items.ts';
import { registerCompartments, writeNotes, type Author } from './write-items.ts';
import { setCoordinators } from './coordinators.ts';
import { matchHousehold } from './household-merge.ts';
import { accessChanged } from '../access/access-changed.ts';

async function authorOf(deps: Deps, userId: string): Promise<Author> {
  const row = await deps.db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select(['users.display_name', 'organisations.name'])
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
  return { userId, displayName: row.display_name, orgName: row.name };
}

/**
 * Accepting a sheet as a new case, in one transaction: the case, its household (with what the
 * genogram needs), partnerships, the accepting and further coordinators, the initial legal basis
 * (支援会議: a 重層的支援会議 needs consent and the municipal 支援決定 first), the consent as
 * recorded on the sheet, and the compartments of the sheet's items. The items themselves are then
 * written through the room registry (after commit: a room must not see a case that may roll back).
 */
export async function acceptAsNewCase(deps: Deps, user: SessionUser, referral: ReferralsTable, request: AcceptReferralRequest): Promise<string> {
  const sheet = JSON.parse(referral.content_json) as ReferralSheet;
  const now = new Date();
  const at = now.toISOString();
  const today = at.slice(0, 10);
  const caseId = `case-${randomUUID()}`;
  const subjectId = `p-${randomUUID()}`;
  const memberIds = sheet.household.map(() => `p-${randomUUID()}`);
  const items = sheetItems(sheet, {
    caseId,
    subjectPersonId: subjectId,
    memberPersonIds: memberIds,
    referringOrgId: referral.referring_org_id,
    coordinatingOrgId: referral.to_org_id,
  });
  const referringOrg = await deps.db.selectFrom('organisations').select('name').where('id', '=', referral.referring_org_id).executeTakeFirstOrThrow();

  await deps.db.transaction().execute(async (trx) => {
    await trx.insertInto('cases').values({ id: caseId, title: request.title, coordinator_user_id: user.id, legal_basis: 'support_meeting', created_at: at }).execute();
    await trx
      .insertInto('persons')
      .values([
        {
          id: subjectId,
          case_id: caseId,
          name: sheet.subject.name,
          kana: sheet.subject.kana || null,
          birth_date: sheet.subject.birthDate,
          relation: '本人',
          sex: sheet.subject.sex,
          age: sheet.subject.age ?? ageOn(sheet.subject.birthDate, today),
          is_subject: 1,
          deceased: 0,
        },
        ...sheet.household.map((m, i) => ({
          id: memberIds[i]!,
          case_id: caseId,
          name: m.name,
          kana: m.kana || null,
          birth_date: m.birthDate,
          relation: relationText(m),
          sex: m.sex,
          age: m.age ?? ageOn(m.birthDate, today),
          is_subject: 0,
          deceased: m.deceased ? 1 : 0,
        })),
      ])
      .execute();
    const partnerships = sheet.household.flatMap((m, i) => {
      const status = RELATIONS.find((r) => r.key === m.relation)!.partnership;
      return status ? [{ id: `pp-${randomUUID()}`, case_id: caseId, person_a: subjectId, person_b: memberIds[i]!, status, created_at: at }] : [];
    });
    if (partnerships.length) await trx.insertInto('partnerships').values(partnerships).execute();
    await trx.insertInto('case_keys').values({ case_id: caseId, address_key: referral.address_key }).execute();
    await setCoordinators(trx, caseId, [user.id, ...request.coordinatorUserIds.filter((id) => id !== user.id)], user.id, at);
    await trx
      .insertInto('legal_basis_changes')
      .values({
        case_id: caseId,
        from_basis: null,
        to_basis: 'support_meeting',
        reason: `つなぐシートで${referringOrg.name}から受付${sheet.consentVariant === 'given' ? ' (本人同意あり・支援決定前)' : ' (本人同意なし)'}`,
        changed_by: user.id,
        changed_at: at,
      })
      .execute();
    if (sheet.consentVariant === 'given' && sheet.consent) {
      await trx
        .insertInto('consent_records')
        .values({
          case_id: caseId,
          person_id: subjectId,
          status: 'granted',
          method: sheet.consent.method,
          valid_from: sheet.consent.date,
          valid_until: null,
          scope_json: JSON.stringify(sheet.consent.categories.map((category) => ({ category, orgId: ALL_MEMBERS }))),
          note: `つなぐシート (${referringOrg.name}) による同意`,
          document_ref: null,
          recorded_by: user.id,
          recorded_at: at,
        })
        .execute();
    } else if (sheet.notGivenReason === 'refused') {
      await trx
        .insertInto('consent_records')
        .values({
          case_id: caseId,
          person_id: subjectId,
          status: 'refused',
          method: null,
          valid_from: null,
          valid_until: null,
          scope_json: '[]',
          note: `つなぐシート (${referringOrg.name}): 本人は情報共有を拒否`,
          document_ref: null,
          recorded_by: user.id,
          recorded_at: at,
        })
        .execute();
    }
    await registerCompartments(trx, items, referral.referred_by, at);
    await trx
      .updateTable('referrals')
      .set({ status: 'accepted', case_id: caseId, decided_by: user.id, decided_at: at })
      .where('id', '=', referral.id)
      .where('status', '=', 'received')
      .executeTakeFirst()
      .then(requireOneRow);
  });
  await writeNotes(deps, items, await authorOf(deps, referral.referred_by), at);
  return caseId;
}

/** What adding a sheet to a case did to the household: persons added, and persons recognised. */
export interface AttachResult {
  added: string[];
  matched: string[];
}

/**
 * Adding a sheet to a case that already exists: its items go to the chosen person of that case,
 * and the sheet's other household members join the case's household, each recognised as a person
 * the case already has where names and birth dates say so (household-merge.ts) rather than added
 * twice. A recognised person keeps what the case knows; only a reading or birth date the case
 * lacks is filled in from the sheet. New members are related to the chosen person (as the sheet
 * relates them to its subject), with the partnerships the genogram draws.
 */
export async function attachToCase(deps: Deps, user: SessionUser, referral: ReferralsTable, caseId: string, subjectPersonId: string): Promise<AttachResult> {
  const sheet = JSON.parse(referral.content_json) as ReferralSheet;
  const at = new Date().toISOString();
  const today = at.slice(0, 10);
  const known = await deps.db.selectFrom('persons').select(['id', 'name', 'kana', 'sex', 'age', 'birth_date', 'is_subject']).where('case_id', '=', caseId).execute();
  const target = known.find((p) => p.id === subjectPersonId)!;
  const matches = matchHousehold(sheet.household, known, today);
  const memberIds = matches.map((id) => id ?? `p-${randomUUID()}`);
  const items = sheetItems(sheet, {
    caseId,
    subjectPersonId,
    memberPersonIds: memberIds,
    referringOrgId: referral.referring_org_id,
    coordinatingOrgId: referral.to_org_id,
  });
  const result: AttachResult = { added: [], matched: [] };
  await deps.db.transaction().execute(async (trx) => {
    for (const [i, m] of sheet.household.entries()) {
      const id = memberIds[i]!;
      const existing = matches[i] ? known.find((p) => p.id === matches[i]) : undefined;
      if (existing) {
        result.matched.push(id);
        const fill = { ...(existing.kana ? {} : m.kana ? { kana: m.kana } : {}), ...(existing.birth_date || !m.birthDate ? {} : { birth_date: m.birthDate }) };
        if (Object.keys(fill).length) await trx.updateTable('persons').set(fill).where('id', '=', id).execute();
      } else {
        result.added.push(id);
        // The sheet relates its members to its subject; said of the case's own subject as is, of anyone else by name.
        const relation = target.is_subject === 1 ? relationText(m) : `${target.name}の${relationText(m)}`;
        await trx
          .insertInto('persons')
          .values({ id, case_id: caseId, name: m.name, kana: m.kana || null, birth_date: m.birthDate, relation, sex: m.sex, age: m.age ?? ageOn(m.birthDate, today), is_subject: 0, deceased: m.deceased ? 1 : 0 })
          .execute();
      }
      const status = RELATIONS.find((r) => r.key === m.relation)!.partnership;
      if (!status || id === subjectPersonId) continue;
      const already = await trx
        .selectFrom('partnerships')
        .select('id')
        .where('case_id', '=', caseId)
        .where((eb) => eb.or([eb.and([eb('person_a', '=', subjectPersonId), eb('person_b', '=', id)]), eb.and([eb('person_a', '=', id), eb('person_b', '=', subjectPersonId)])]))
        .executeTakeFirst();
      if (!already) await trx.insertInto('partnerships').values({ id: `pp-${randomUUID()}`, case_id: caseId, person_a: subjectPersonId, person_b: id, status, created_at: at }).execute();
    }
    await registerCompartments(trx, items, referral.referred_by, at);
    await trx
      .updateTable('referrals')
      .set({ status: 'accepted', case_id: caseId, decided_by: user.id, decided_at: at })
      .where('id', '=', referral.id)
      .where('status', '=', 'received')
      .executeTakeFirst()
      .then(requireOneRow);
  });
  await writeNotes(deps, items, await authorOf(deps, referral.referred_by), at);
  await accessChanged(deps, caseId, 'referral_attached');
  return result;
}

/** Two coordinators pressing accept at once: the second one's transaction rolls back. */
export class AlreadyDecided extends Error {}

function requireOneRow(result: { numUpdatedRows: bigint }): void {
  if (Number(result.numUpdatedRows) === 0) throw new AlreadyDecided('referral already decided');
}

/** The relation as the case shows it; a separated or divorced spouse says so (the genogram reads it). */
function relationText(m: ReferralSheet['household'][number]): string {
  const base = m.relationLabel || RELATIONS.find((r) => r.key === m.relation)!.ja;
  if (m.relation === 'spouse_separated' && !/別居/.test(base)) return `${base} (別居)`;
  if (m.relation === 'ex_spouse' && !/離婚|元/.test(base)) return `${base} (離婚)`;
  return base;
}
