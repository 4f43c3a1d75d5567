import type { Db } from '../store/db.ts';
import type { SessionUser } from '../auth/lucia.ts';
import type { TimelineEntry } from '../../shared/api/records.ts';
import { AccessSnapshot } from '../access/access-snapshot.ts';
import { meetingsOfCase, publicMeeting } from './record-store.ts';
import { planCandidates, subjectOf, visibleRecord } from './visible.ts';
import { docFromState, read } from './doc-content.ts';

/**
 * The case's meetings in date order. Every meeting is listed (the case page lists them anyway);
 * what comes from a record (plan stage, decisions, attendance) only where this viewer may see
 * that part of that record now.
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
    const lookup = await visibleRecord(db, user, meeting.id, {
      snapshot,
      only: (ref) => ref.label === null || (ref.label.category === 'basic' && ref.label.personId === subjectId),
    });
    if (lookup.status !== 'ok') continue;
    const { docs, meetingDocVisible } = lookup.record;
    if (meetingDocVisible) {
      const doc = docFromState(docs[0]!.state);
      entry.decisionsCount = read.decisions(doc).length;
      doc.destroy();
      entry.attendees = meeting.attendees;
    }
    for (const candidate of planCandidates(docs, subjectId)) {
      const doc = docFromState(candidate.state);
      const stage = read.plan(doc).stage;
      doc.destroy();
      if (stage) {
        entry.planStage = stage;
        break;
      }
    }
  }
  return entries;
}
