import type { Db } from '../store/db.ts';
import type { MeetingSummary, PersonView, ParticipantView } from '../../shared/api/cases.ts';
import type { MeetingsTable } from '../store/schema.ts';

/** Case ids the user may open: they coordinate it (as its first or an assigned coordinator) or take part in one of its meetings. */
export async function caseIdsVisibleTo(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('cases')
    .select('cases.id')
    .where((eb) =>
      eb.or([
        eb('cases.coordinator_user_id', '=', userId),
        // Every coordinator assigned to the case (issue 8: the case managers), not only the first.
        eb.exists(eb.selectFrom('case_coordinators').select('case_coordinators.user_id').whereRef('case_coordinators.case_id', '=', 'cases.id').where('case_coordinators.user_id', '=', userId)),
        eb.exists(
          eb
            .selectFrom('meetings')
            .innerJoin('meeting_participants', 'meeting_participants.meeting_id', 'meetings.id')
            .select('meetings.id')
            .whereRef('meetings.case_id', '=', 'cases.id')
            .where('meeting_participants.user_id', '=', userId),
        ),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

export function toMeetingSummary(m: MeetingsTable): MeetingSummary {
  return {
    id: m.id,
    caseId: m.case_id,
    kindId: m.kind_id,
    moment: m.moment,
    title: m.title,
    scheduledAt: m.scheduled_at,
    state: m.state as MeetingSummary['state'],
    videoUrl: m.video_url,
  };
}

export async function personsOf(db: Db, caseId: string): Promise<PersonView[]> {
  const rows = await db.selectFrom('persons').selectAll().where('case_id', '=', caseId).orderBy('is_subject', 'desc').orderBy('id').execute();
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    relation: p.relation,
    sex: p.sex as PersonView['sex'],
    age: p.age,
    isSubject: p.is_subject === 1,
    deceased: p.deceased === 1,
  }));
}

export async function participantsOf(db: Db, meetingId: string): Promise<ParticipantView[]> {
  const rows = await db
    .selectFrom('meeting_participants')
    .innerJoin('users', 'users.id', 'meeting_participants.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .leftJoin('meeting_attendance', (join) =>
      join.onRef('meeting_attendance.meeting_id', '=', 'meeting_participants.meeting_id').onRef('meeting_attendance.user_id', '=', 'meeting_participants.user_id'),
    )
    .select([
      'meeting_attendance.present',
      'meeting_participants.user_id',
      'meeting_participants.role',
      'meeting_participants.affirmed_at',
      'users.display_name',
      'users.org_id',
      'organisations.name as org_name',
    ])
    .where('meeting_participants.meeting_id', '=', meetingId)
    .orderBy('users.display_name')
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    displayName: r.display_name,
    orgId: r.org_id,
    orgName: r.org_name,
    role: r.role as ParticipantView['role'],
    affirmed: r.affirmed_at !== null,
    present: r.present === 1,
  }));
}
