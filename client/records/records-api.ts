import type { CaseDetail, MeetingSummary } from '../../shared/api/cases.ts';
import type { DirectoryView } from '../../shared/api/participants.ts';
import type { AnnotationView, CompareView, Indicators, MinutesModel, RecordDetails, RecordsSettings, RecordView, ScheduleMeetingRequest, SearchResult, TimelineEntry } from '../../shared/api/records.ts';
import { api, unwrap } from '../api/client.ts';

/** The records endpoints (issue 5) through the typed client; errors arrive as ApiError with the server's words. */

export const loadCase = (caseId: string) => unwrap<CaseDetail>(api.cases[':caseId'].$get({ param: { caseId } }));
export const loadDirectory = () => unwrap<DirectoryView>(api.directory.$get());
export const loadTimeline = (caseId: string) => unwrap<TimelineEntry[]>(api.cases[':caseId'].timeline.$get({ param: { caseId } }));
export const loadRecord = (meetingId: string) => unwrap<RecordView>(api.meetings[':meetingId'].record.$get({ param: { meetingId } }));
export const loadMinutes = (meetingId: string) => unwrap<MinutesModel>(api.meetings[':meetingId'].minutes.$get({ param: { meetingId } }));
export const loadRecordDetails = (meetingId: string) => unwrap<RecordDetails>(api.meetings[':meetingId']['record-details'].$get({ param: { meetingId } }));
export const saveRecordDetails = (meetingId: string, json: RecordDetails) =>
  unwrap<RecordDetails>(api.meetings[':meetingId']['record-details'].$put({ param: { meetingId }, json }));
export const loadRecordsSettings = () => unwrap<RecordsSettings>(api.records.settings.$get());
export const saveRecordsSettings = (json: RecordsSettings) => unwrap<RecordsSettings>(api.records.settings.$put({ json }));
export const loadCompare = (a: string, b: string) => unwrap<CompareView>(api.meetings[':a'].compare[':b'].$get({ param: { a, b } }));
export const searchRecords = (q: string) => unwrap<SearchResult>(api.search.$get({ query: { q } }));
export const loadIndicators = (fy: number) => unwrap<Indicators>(api.indicators.$get({ query: { fy: String(fy) } }));

export const approveRecord = (meetingId: string) => unwrap<{ approvedAt: string }>(api.meetings[':meetingId'].approve.$post({ param: { meetingId } }));
export const annotateRecord = (meetingId: string, text: string) =>
  unwrap<AnnotationView[]>(api.meetings[':meetingId'].annotations.$post({ param: { meetingId }, json: { text } }));
export const scheduleMeeting = (caseId: string, body: ScheduleMeetingRequest) =>
  unwrap<MeetingSummary>(api.cases[':caseId'].meetings.$post({ param: { caseId }, json: body }));

/** Plain links (downloads): the browser sends the session cookie itself. */
export const minutesDocxUrl = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}/minutes.docx`;
export const indicatorsCsvUrl = (fy: number) => `/api/indicators?fy=${fy}&format=csv`;
