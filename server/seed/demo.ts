import type { Db } from '../store/db.ts';
import { KyselyDocStore } from '../store/doc-store.ts';
import { ensureMeetingKinds } from './meeting-kinds.ts';
import { seedFacts } from './seed-facts.ts';
import {
  SASAKI_CASE,
  SASAKI_MEETING,
  SASAKI_PARTICIPANTS,
  SASAKI_PERSONS,
  SCENARIO_CONSENTS,
  SCENARIO_FACTS,
  YAMADA_FAMILY_PARTICIPANT,
} from './demo-scenarios.ts';
import { hashPassword } from '../auth/password.ts';
import {
  DEMO_CASE,
  DEMO_MEETING,
  DEMO_ORGANISATIONS,
  DEMO_PARTICIPANTS,
  DEMO_PASSWORD,
  DEMO_PERSONS,
  DEMO_USERS,
} from './demo-data.ts';

export interface DemoLogin {
  username: string;
  password: string;
  description: string;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Seeds the demo municipality into an empty database (one transaction: all or nothing) and
 * returns the demo logins whenever the demo users exist, so a restart prints them again.
 */
export async function seedDemoIfEmpty(db: Db, now = new Date()): Promise<DemoLogin[]> {
  await ensureMeetingKinds(db);
  const existing = await db.selectFrom('organisations').select('id').limit(1).execute();
  if (existing.length === 0) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const createdAt = now.toISOString();
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('organisations').values([...DEMO_ORGANISATIONS]).execute();
      await trx
        .insertInto('users')
        .values(DEMO_USERS.map(({ note: _note, ...u }) => ({ ...u, password_hash: passwordHash, created_at: createdAt })))
        .execute();
      await trx.insertInto('cases').values({ ...DEMO_CASE, created_at: createdAt }).execute();
      // tanaka (社協) is assigned as the case's coordinator: she manages it, and sees it under consent.
      await trx.insertInto('case_coordinators').values({ case_id: DEMO_CASE.id, user_id: DEMO_CASE.coordinator_user_id, assigned_at: createdAt, assigned_by: null }).execute();
      await trx.insertInto('persons').values(DEMO_PERSONS.map((p) => ({ ...p, case_id: DEMO_CASE.id }))).execute();
      // The conference is a week ahead, at 14:00 Japan time.
      const scheduled = new Date(Math.ceil((now.getTime() + 7 * DAY_MS) / DAY_MS) * DAY_MS + 5 * 3600 * 1000);
      await trx
        .insertInto('meetings')
        .values({ ...DEMO_MEETING, scheduled_at: scheduled.toISOString(), state: 'scheduled' })
        .execute();
      await trx
        .insertInto('meeting_participants')
        .values([
          ...DEMO_PARTICIPANTS.map((p) => ({ ...p, meeting_id: DEMO_MEETING.id, person_id: null, affirmed_at: null, added_at: createdAt })),
          { ...YAMADA_FAMILY_PARTICIPANT, meeting_id: DEMO_MEETING.id, affirmed_at: null, added_at: createdAt },
        ])
        .execute();
      await seedSasaki(trx, createdAt, new Date(scheduled.getTime() - 2 * DAY_MS).toISOString());
      // How the Yamada case came to a 重層的支援会議: first without consent, then with it.
      const month = 30 * DAY_MS;
      await trx
        .insertInto('legal_basis_changes')
        .values([
          { case_id: DEMO_CASE.id, from_basis: null, to_basis: 'support_meeting', reason: 'つなぐシートで地域包括支援センターから受付 (本人への確認前)', changed_by: 'u-tanaka', changed_at: new Date(now.getTime() - 3 * month).toISOString() },
          { case_id: DEMO_CASE.id, from_basis: 'support_meeting', to_basis: 'consent', reason: '本人が関係機関での情報共有に書面で同意', changed_by: 'u-tanaka', changed_at: new Date(now.getTime() - month).toISOString() },
          { case_id: SASAKI_CASE.id, from_basis: null, to_basis: 'support_meeting', reason: 'こども家庭センターから受付 (DV避難中のため本人確認前)', changed_by: 'u-tanaka', changed_at: createdAt },
        ])
        .execute();
      for (const consent of SCENARIO_CONSENTS) {
        await trx
          .insertInto('consent_records')
          .values({
            case_id: consent.caseId,
            person_id: consent.personId,
            status: consent.status,
            method: consent.method,
            valid_from: createdAt.slice(0, 10),
            valid_until: new Date(now.getTime() + 365 * DAY_MS).toISOString().slice(0, 10),
            scope_json: JSON.stringify(consent.scope),
            note: '同意書を受領 (デモ)',
            document_ref: null,
            recorded_by: 'u-tanaka',
            recorded_at: createdAt,
          })
          .execute();
      }
      await seedFacts(trx, new KyselyDocStore(trx), SCENARIO_FACTS, createdAt);
    });
  }
  const demoUser = await db.selectFrom('users').select('id').where('id', '=', DEMO_USERS[0].id).executeTakeFirst();
  if (!demoUser) return [];
  return DEMO_USERS.map((u) => ({ username: u.username, password: DEMO_PASSWORD, description: `${u.display_name} ${u.note}` }));
}

/** The second household: a 支援会議 without consent, a DV-restricted whereabouts item. */
async function seedSasaki(db: Db, createdAt: string, scheduledAt: string): Promise<void> {
  await db.insertInto('cases').values({ ...SASAKI_CASE, created_at: createdAt }).execute();
  await db.insertInto('case_coordinators').values({ case_id: SASAKI_CASE.id, user_id: SASAKI_CASE.coordinator_user_id, assigned_at: createdAt, assigned_by: null }).execute();
  await db.insertInto('persons').values(SASAKI_PERSONS.map((p) => ({ ...p, case_id: SASAKI_CASE.id }))).execute();
  await db.insertInto('meetings').values({ ...SASAKI_MEETING, scheduled_at: scheduledAt, state: 'scheduled' }).execute();
  await db
    .insertInto('meeting_participants')
    .values(
      SASAKI_PARTICIPANTS.map((p) => ({
        meeting_id: SASAKI_MEETING.id,
        user_id: p.user_id,
        role: p.role,
        person_id: p.person_id,
        affirmed_at: p.affirmed ? createdAt : null,
        added_at: createdAt,
      })),
    )
    .execute();
}
