import type { Db } from '../store/db.ts';
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
      await trx.insertInto('persons').values(DEMO_PERSONS.map((p) => ({ ...p, case_id: DEMO_CASE.id }))).execute();
      // The conference is a week ahead, at 14:00 Japan time.
      const scheduled = new Date(Math.ceil((now.getTime() + 7 * DAY_MS) / DAY_MS) * DAY_MS + 5 * 3600 * 1000);
      await trx
        .insertInto('meetings')
        .values({ ...DEMO_MEETING, scheduled_at: scheduled.toISOString(), state: 'scheduled' })
        .execute();
      await trx
        .insertInto('meeting_participants')
        .values(DEMO_PARTICIPANTS.map((p) => ({ ...p, meeting_id: DEMO_MEETING.id, person_id: null, affirmed_at: null })))
        .execute();
    });
  }
  const demoUser = await db.selectFrom('users').select('id').where('id', '=', DEMO_USERS[0].id).executeTakeFirst();
  if (!demoUser) return [];
  return DEMO_USERS.map((u) => ({ username: u.username, password: DEMO_PASSWORD, description: `${u.display_name} ${u.note}` }));
}
