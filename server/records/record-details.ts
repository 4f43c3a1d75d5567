import type { Db } from '../store/db.ts';
import type { RecordDetails } from '../../shared/api/records.ts';

/** 開催方法, 開催場所 and 記録者 of a meeting (migration 011), as the facilitator set them on the board. */

export async function readRecordDetails(db: Db, meetingId: string): Promise<RecordDetails> {
  const row = await db.selectFrom('meeting_record_details').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst();
  return {
    method: (row?.method ?? null) as RecordDetails['method'],
    place: row?.place ?? null,
    recorderUserId: row?.recorder_user_id ?? null,
  };
}

export async function writeRecordDetails(db: Db, meetingId: string, userId: string, details: RecordDetails): Promise<RecordDetails> {
  const values = {
    meeting_id: meetingId,
    method: details.method,
    place: details.place === '' ? null : details.place,
    recorder_user_id: details.recorderUserId,
    updated_at: new Date().toISOString(),
    updated_by: userId,
  };
  await db
    .insertInto('meeting_record_details')
    .values(values)
    .onConflict((oc) => oc.column('meeting_id').doUpdateSet({ method: values.method, place: values.place, recorder_user_id: values.recorder_user_id, updated_at: values.updated_at, updated_by: userId }))
    .execute();
  return readRecordDetails(db, meetingId);
}
