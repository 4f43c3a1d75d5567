import { randomUUID } from 'node:crypto';
import type { Db } from '../store/db.ts';
import type { SessionUser } from '../auth/lucia.ts';
import type { InboxPerson, InboxReferral, OwnReferralView, ReferralSheet } from '../../shared/api/intake.ts';
import { RELATIONS, ageOn, type ReferralStatus } from '../../shared/domain/referral.ts';
import type { ReferralsTable } from '../store/schema.ts';
import { addressKey } from './normalize.ts';

/** The basic information (氏名・世帯構成) of a sheet: what the inbox shows and duplicates are checked on. */
export function householdOf(sheet: ReferralSheet, today: string): InboxPerson[] {
  const subject: InboxPerson = {
    name: sheet.subject.name,
    kana: sheet.subject.kana,
    sex: sheet.subject.sex,
    birthDate: sheet.subject.birthDate,
    age: sheet.subject.age ?? ageOn(sheet.subject.birthDate, today),
    relation: 'subject',
    relationLabel: '本人',
    deceased: false,
    isSubject: true,
  };
  return [
    subject,
    ...sheet.household.map((m) => ({
      name: m.name,
      kana: m.kana,
      sex: m.sex,
      birthDate: m.birthDate,
      age: m.age ?? ageOn(m.birthDate, today),
      relation: m.relation,
      relationLabel: m.relationLabel || RELATIONS.find((r) => r.key === m.relation)!.ja,
      deceased: m.deceased,
      isSubject: false,
    })),
  ];
}

export async function insertReferral(db: Db, user: SessionUser, sheet: ReferralSheet, now: Date): Promise<string> {
  const id = `ref-${randomUUID()}`;
  await db
    .insertInto('referrals')
    .values({
      id,
      referring_org_id: user.orgId,
      referred_by: user.id,
      to_org_id: sheet.toOrgId,
      consent_variant: sheet.consentVariant,
      status: 'received',
      decline_reason: null,
      case_id: null,
      decided_by: null,
      decided_at: null,
      household_json: JSON.stringify(householdOf(sheet, now.toISOString().slice(0, 10))),
      address_key: addressKey(sheet.subject.address),
      content_json: JSON.stringify(sheet),
      created_at: now.toISOString(),
    })
    .execute();
  return id;
}

/** received -> accepted / declined -> first meeting held (a meeting of the case has been held since). */
export async function statusOf(db: Db, row: ReferralsTable): Promise<ReferralStatus> {
  if (row.status !== 'accepted' || !row.case_id) return row.status as ReferralStatus;
  const held = await db
    .selectFrom('meetings')
    .select('id')
    .where('case_id', '=', row.case_id)
    .where('state', 'in', ['open', 'closed'])
    .where('scheduled_at', '>=', row.created_at.slice(0, 10))
    .executeTakeFirst();
  return held ? 'first_meeting_held' : 'accepted';
}

export async function ownReferrals(db: Db, orgId: string): Promise<OwnReferralView[]> {
  const rows = await db
    .selectFrom('referrals')
    .innerJoin('organisations', 'organisations.id', 'referrals.to_org_id')
    .innerJoin('users', 'users.id', 'referrals.referred_by')
    .selectAll('referrals')
    .select(['organisations.name as to_org_name', 'users.display_name'])
    .where('referrals.referring_org_id', '=', orgId)
    .orderBy('referrals.created_at', 'desc')
    .execute();
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      subjectName: (JSON.parse(r.household_json) as InboxPerson[])[0]?.name ?? '',
      toOrgName: r.to_org_name,
      referredByName: r.display_name,
      createdAt: r.created_at,
      status: await statusOf(db, r),
      decidedAt: r.decided_at,
      declineReason: r.decline_reason,
    })),
  );
}

export async function inboxReferrals(db: Db, toOrgId: string, referralId?: string): Promise<InboxReferral[]> {
  let query = db
    .selectFrom('referrals')
    .innerJoin('organisations', 'organisations.id', 'referrals.referring_org_id')
    .innerJoin('users', 'users.id', 'referrals.referred_by')
    .selectAll('referrals')
    .select(['organisations.name as org_name', 'users.display_name'])
    .where('referrals.to_org_id', '=', toOrgId);
  if (referralId) query = query.where('referrals.id', '=', referralId);
  const rows = await query.orderBy('referrals.created_at', 'desc').execute();
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      referringOrgName: r.org_name,
      referredByName: r.display_name,
      createdAt: r.created_at,
      consentVariant: r.consent_variant as 'given' | 'not_given',
      status: await statusOf(db, r),
      household: JSON.parse(r.household_json) as InboxPerson[],
      caseId: r.case_id,
      declineReason: r.decline_reason,
    })),
  );
}
