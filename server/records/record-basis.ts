import type { Db } from '../store/db.ts';
import type { ConsentState } from '../../shared/domain/consent.ts';
import { loadConsents } from '../access/load.ts';
import { participantsOf } from '../routes/case-queries.ts';

/**
 * What the record keeps beside the frozen documents at the close (migration 011): the case's
 * legal basis, every person's consent state, and who was designated (the 欠席者 are the designated
 * who did not attend). Written in the freeze transaction, immutable after approval.
 */
export interface RecordBasis {
  caseLegalBasis: string;
  consents: ConsentState[];
  designated: { userId: string; displayName: string; orgName: string; role: string }[];
}

export async function captureBasis(db: Db, meeting: { id: string; caseId: string }): Promise<RecordBasis> {
  const kase = await db.selectFrom('cases').select('legal_basis').where('id', '=', meeting.caseId).executeTakeFirst();
  const consents = Object.values(await loadConsents(db, meeting.caseId));
  const designated = (await participantsOf(db, meeting.id)).map((p) => ({ userId: p.userId, displayName: p.displayName, orgName: p.orgName, role: p.role }));
  return { caseLegalBasis: kase?.legal_basis ?? 'consent', consents, designated };
}

export async function readBasis(db: Db, meetingId: string): Promise<RecordBasis | null> {
  const row = await db.selectFrom('meeting_record_basis').select('basis_json').where('meeting_id', '=', meetingId).executeTakeFirst();
  return row ? (JSON.parse(row.basis_json) as RecordBasis) : null;
}
