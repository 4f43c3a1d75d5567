import type { Db } from '../store/db.ts';
import type { CompartmentsTable } from '../store/schema.ts';
import type { ConsentState, ConsentScopeEntry } from '../../shared/domain/consent.ts';
import type { Label } from '../../shared/policy/types.ts';
import type { MeetingKindFlags, MeetingState } from '../../shared/domain/meeting-kinds.ts';
import { BUILT_IN_MEETING_KINDS } from '../../shared/domain/meeting-kinds.ts';

/** Current consent of every person of a case: the newest record of each person's history. */
export async function loadConsents(db: Db, caseId: string): Promise<Record<string, ConsentState>> {
  const rows = await db.selectFrom('consent_records').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
  const current: Record<string, ConsentState> = {};
  for (const r of rows) {
    current[r.person_id] = {
      personId: r.person_id,
      status: r.status as ConsentState['status'],
      validFrom: r.valid_from,
      validUntil: r.valid_until,
      scope: JSON.parse(r.scope_json) as ConsentScopeEntry[],
    };
  }
  return current;
}

export function labelFromRow(row: CompartmentsTable): Label {
  return {
    caseId: row.case_id,
    personId: row.person_id,
    category: row.category as Label['category'],
    supplierOrgId: row.supplier_org_id,
    allowOrgIds: row.allow_org_ids === null ? null : (JSON.parse(row.allow_org_ids) as string[]),
    notToPerson: row.not_to_person === 1,
  };
}

export interface MeetingRow {
  id: string;
  caseId: string;
  state: MeetingState;
  kindId: string;
  flags: MeetingKindFlags;
  coordinatorUserId: string;
}

export async function loadMeeting(db: Db, meetingId: string): Promise<MeetingRow | null> {
  const row = await db
    .selectFrom('meetings')
    .innerJoin('cases', 'cases.id', 'meetings.case_id')
    .leftJoin('meeting_kinds', 'meeting_kinds.id', 'meetings.kind_id')
    .select([
      'meetings.id',
      'meetings.case_id',
      'meetings.state',
      'meetings.kind_id',
      'cases.coordinator_user_id',
      'meeting_kinds.consent_required',
      'meeting_kinds.confidentiality_required',
    ])
    .where('meetings.id', '=', meetingId)
    .executeTakeFirst();
  if (!row) return null;
  // An unknown kind is treated as the strictest: consent and confidentiality both required.
  const builtIn = BUILT_IN_MEETING_KINDS.find((k) => k.id === row.kind_id);
  const flags: MeetingKindFlags =
    row.consent_required !== null && row.consent_required !== undefined
      ? { consentRequired: row.consent_required === 1, confidentialityRequired: row.confidentiality_required === 1 }
      : builtIn ?? { consentRequired: true, confidentialityRequired: true };
  return {
    id: row.id,
    caseId: row.case_id,
    state: row.state as MeetingState,
    kindId: row.kind_id,
    flags,
    coordinatorUserId: row.coordinator_user_id,
  };
}
