import { useEffect, useState } from 'react';
import type { CaseDetail, PersonView } from '../../shared/api/cases.ts';
import type { DirectoryView } from '../../shared/api/participants.ts';
import type { AnnotationView, RecordView } from '../../shared/api/records.ts';
import { loadDirectory, loadRecord } from './records-api.ts';
import { decodeRecord, destroySnapshot, type RecordSnapshot } from './snapshot.ts';
import { loadCaseIn } from '../cases/case-api.ts';

const UNKNOWN_ORG = '（登録のない機関）';
const UNKNOWN_PERSON = '（世帯員）';

export interface LoadedRecord {
  view: RecordView;
  snapshot: RecordSnapshot;
  persons: readonly PersonView[];
  subjectId: string | null;
  canManage: boolean;
  organisations: DirectoryView['organisations'];
  orgName(orgId: string | null | undefined): string;
  personName(personId: string): string;
}

/**
 * One record with the names it refers to (household, agencies). The decoded documents live as
 * long as the screen: destroyed on leaving or when another record is loaded.
 */
export function useRecord(meetingId: string): {
  record: LoadedRecord | null;
  error: Error | null;
  setAnnotations(list: AnnotationView[]): void;
  setApprovedAt(at: string, by: string | null): void;
} {
  const [record, setRecord] = useState<LoadedRecord | null>(null);
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    let live = true;
    let snapshot: RecordSnapshot | null = null;
    setRecord(null);
    setError(null);
    (async () => {
      const view = await loadRecord(meetingId);
      // Names only: a record still shows (with ids) if either lookup fails.
      const [kase, directory] = await Promise.all([loadCaseIn(view.meeting.caseId, `meeting:${meetingId}`).catch(() => null as CaseDetail | null), loadDirectory().catch(() => null)]);
      if (!live) return;
      snapshot = decodeRecord(view);
      const persons = kase?.persons ?? [];
      const organisations = directory?.organisations ?? [];
      setRecord({
        view,
        snapshot,
        persons,
        subjectId: persons.find((p) => p.isSubject)?.id ?? null,
        canManage: kase?.canManage ?? false,
        organisations,
        // An unknown id reads as a neutral word, never as the id itself.
        orgName: (orgId) => (orgId ? (organisations.find((o) => o.id === orgId)?.name ?? UNKNOWN_ORG) : '—'),
        personName: (personId) => persons.find((p) => p.id === personId)?.name ?? UNKNOWN_PERSON,
      });
    })().catch((e: Error) => live && setError(e));
    return () => {
      live = false;
      if (snapshot) destroySnapshot(snapshot);
    };
  }, [meetingId]);

  return {
    record,
    error,
    setAnnotations: (annotations) => setRecord((r) => (r ? { ...r, view: { ...r.view, annotations } } : r)),
    setApprovedAt: (approvedAt, approvedBy) =>
      setRecord((r) => (r ? { ...r, view: { ...r.view, meeting: { ...r.view.meeting, approvedAt, approvedBy } } } : r)),
  };
}
