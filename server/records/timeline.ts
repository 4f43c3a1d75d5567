import type { Db } from '../store/db.ts';
import type { SessionUser } from '../auth/lucia.ts';
import type { TimelineEntry } from '../../shared/api/records.ts';
import { AccessSnapshot } from '../access/access-snapshot.ts';
import { meetingsOfCase, publicMeeting } from './record-store.ts';
import { planCandidates, subjectOf, visibleRecord } from './visible.ts';

/**
 * The case's meetings in date order. Every meeting is listed (the case page lists them anyway);
 * what comes from a record (plan stage, decisions, attendance) only where this viewer may see
 * that part of that record now. Reads the summaries stored at freeze time: no state is decoded.
 */
export async function caseTimeline(db: Db, user: SessionUser, caseId: string): Promise<TimelineEntry[]> {
  const subjectId = await subjectOf(db, caseId);
  // One snapshot for the whole list: consents and labels are read once, not once per meeting.
  const snapshot = new AccessSnapshot(db);
  const entries: TimelineEntry[] = [];
  for (const meeting of await meetingsOfCase(db, caseId)) {
    const entry: TimelineEntry = { ...publicMeeting(meeting), planStage: null, decisionsCount: null, attendees: null };
    entries.push(entry);
    if (meeting.state !== 'closed') continue;
    const lookup = await visibleRecord(db, user, meeting.id, { snapshot, only: () => false });
    if (lookup.status !== 'ok') continue;
    const { refs, meetingDocVisible } = lookup.record;
    if (meetingDocVisible) {
      entry.decisionsCount = refs.find((r) => r.label === null)?.summary.decisions ?? 0;
      entry.attendees = meeting.attendees;
    }
    entry.planStage = planCandidates(refs, subjectId).find((r) => r.summary.planStage)?.summary.planStage ?? null;
  }
  return entries;
}
