import { z } from 'zod';
import { LabelView } from './compartments.ts';
import { FISCAL_YEAR_MAX, FISCAL_YEAR_MIN } from '../domain/fiscal-year.ts';

/** Meeting scheduling, records (freeze, review, compare, search) and exports (issue 5). */

const id = (field: string) =>
  z
    .string({ error: `${field} を指定してください (${field} is required)` })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: `${field} の形式が正しくありません (invalid ${field})` });

/** The four moments of a plan meeting (DOMAIN.md); null for meetings that are not about the plan. */
export const MEETING_MOMENTS = ['plan_creation', 'plan_change', 'ending', 'suspension'] as const;
export type MeetingMoment = (typeof MEETING_MOMENTS)[number];

const scheduledAt = z.iso.datetime({
  offset: true,
  error: '日時は 2026-04-10T14:00:00+09:00 の形式で入力してください (scheduledAt must be an ISO date-time with offset)',
});
const videoUrl = z
  .url({ protocol: /^https$/, error: 'ビデオ会議のリンクは https:// で始まるURLにしてください (videoUrl must be an https URL)' })
  .max(2000, { error: 'URLが長すぎます (videoUrl is at most 2000 characters)' });
const title = z
  .string()
  .trim()
  .min(1, { error: '会議名を入力してください (title must not be empty)' })
  .max(200, { error: '会議名は200文字以内です (title is at most 200 characters)' });

export const ScheduleParticipant = z.object({
  userId: id('userId'),
  role: z.enum(['facilitator', 'member', 'person', 'family', 'guest'], { error: '参加者の役割が不明です (unknown role)' }),
  personId: id('personId').nullable().optional(),
});

export const ScheduleMeetingRequest = z.object({
  kindId: id('kindId'),
  moment: z.enum(MEETING_MOMENTS, { error: `開催時期が不明です (moment: one of ${MEETING_MOMENTS.join(', ')} or null)` }).nullable(),
  title,
  scheduledAt,
  videoUrl: videoUrl.nullable().optional(),
  participants: z.array(ScheduleParticipant).max(100, { error: '参加者は100人までです (at most 100 participants)' }),
});
export type ScheduleMeetingRequest = z.infer<typeof ScheduleMeetingRequest>;

export const UpdateMeetingRequest = z
  .object({ title: title.optional(), scheduledAt: scheduledAt.optional(), videoUrl: videoUrl.nullable().optional() })
  .refine((r) => r.title !== undefined || r.scheduledAt !== undefined || r.videoUrl !== undefined, {
    error: '変更する項目を指定してください (nothing to change)',
  });
export type UpdateMeetingRequest = z.infer<typeof UpdateMeetingRequest>;

export const AnnotationRequest = z.object({
  text: z
    .string({ error: '注記を入力してください (text is required)' })
    .trim()
    .min(1, { error: '注記を入力してください (text must not be empty)' })
    .max(2000, { error: '注記は2000文字以内です (text is at most 2000 characters)' }),
});

export const SEARCH_MIN_CHARS = 2;
export const SEARCH_MAX_CHARS = 100;
export const SearchQuery = z.object({
  q: z
    .string({ error: '検索語を入力してください (q is required)' })
    .trim()
    .min(SEARCH_MIN_CHARS, { error: `検索語は${SEARCH_MIN_CHARS}文字以上にしてください (q needs at least ${SEARCH_MIN_CHARS} characters)` })
    .max(SEARCH_MAX_CHARS, { error: `検索語は${SEARCH_MAX_CHARS}文字以内にしてください (q is at most ${SEARCH_MAX_CHARS} characters)` }),
  caseId: id('caseId').optional(),
  limit: z.coerce
    .number({ error: 'limit は 1〜50 の整数です (limit must be an integer from 1 to 50)' })
    .int({ error: 'limit は 1〜50 の整数です (limit must be an integer from 1 to 50)' })
    .min(1, { error: 'limit は 1〜50 の整数です (limit must be an integer from 1 to 50)' })
    .max(50, { error: 'limit は 1〜50 の整数です (limit must be an integer from 1 to 50)' })
    .optional()
    .default(20),
});

const fyMessage = `年度は ${FISCAL_YEAR_MIN}〜${FISCAL_YEAR_MAX} の西暦で指定してください (fy must be a year from ${FISCAL_YEAR_MIN} to ${FISCAL_YEAR_MAX}, e.g. 2026 for 2026-04..2027-03)`;
export const IndicatorsQuery = z.object({
  fy: z
    .string({ error: fyMessage })
    .regex(/^\d{4}$/, { error: fyMessage })
    .transform(Number)
    .refine((n) => n >= FISCAL_YEAR_MIN && n <= FISCAL_YEAR_MAX, { error: fyMessage }),
  format: z.enum(['json', 'csv'], { error: 'format は json または csv です (format: json or csv)' }).optional().default('json'),
});

export const Attendee = z.object({
  userId: z.string(),
  displayName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  role: z.string(),
});
export type Attendee = z.infer<typeof Attendee>;

export const RecordMeeting = z.object({
  id: z.string(),
  caseId: z.string(),
  caseTitle: z.string(),
  kindId: z.string(),
  kindName: z.string(),
  moment: z.string().nullable(),
  title: z.string(),
  scheduledAt: z.string(),
  /** When the meeting was opened; null if it never was (or was opened before this was kept). */
  openedAt: z.string().nullable(),
  videoUrl: z.string().nullable(),
  state: z.enum(['scheduled', 'open', 'closed']),
  closedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
});
export type RecordMeeting = z.infer<typeof RecordMeeting>;

export const AnnotationView = z.object({ id: z.number(), authorName: z.string(), text: z.string(), createdAt: z.string() });
export type AnnotationView = z.infer<typeof AnnotationView>;

export const RecordDoc = z.object({
  docName: z.string(),
  /** null for the meeting document. */
  label: LabelView.nullable(),
  /** Y.encodeStateAsUpdate at close, base64: apply to an empty Y.Doc to show it read-only. */
  state: z.string(),
});

export const RecordView = z.object({
  meeting: RecordMeeting,
  /** Empty when the viewer is not admitted to the meeting document itself. */
  attendees: z.array(Attendee),
  docs: z.array(RecordDoc),
  annotations: z.array(AnnotationView),
  /** Decisions the facilitator confirmed through the server, for their content at close. The
   * `confirmed` flag inside the meeting document is not evidence: any member can write it. */
  confirmedDecisionIds: z.array(z.string()),
  /** What this viewer may do with the record (the server enforces it; the screen offers only this). */
  can: z.object({ approve: z.boolean(), annotate: z.boolean() }),
  /** Whose reading this is (issue 11): the keeper's copy as approved, or filtered by access today. */
  view: z.object({ kind: z.enum(['keeper', 'filtered']), note: z.string() }),
});
export type RecordView = z.infer<typeof RecordView>;

export const TimelineEntry = RecordMeeting.extend({
  /** The plan's stage in the record (creation/change/ending/suspension); null if absent or hidden. */
  planStage: z.string().nullable(),
  /** null when the meeting is not closed or its document is not visible to the viewer. */
  decisionsCount: z.number().int().nullable(),
  attendees: z.array(Attendee).nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const CHANGES = ['added', 'removed', 'changed', 'same'] as const;
const change = z.enum(CHANGES);
const side = z.record(z.string(), z.unknown()).nullable();
export const CompareView = z.object({
  a: RecordMeeting,
  b: RecordMeeting,
  /** Changes read from a to b. */
  plan: z.array(z.object({ field: z.string(), a: z.string().nullable(), b: z.string().nullable(), change })),
  planItems: z.array(z.object({ id: z.string(), a: side, b: side, change })),
  roles: z.array(z.object({ id: z.string(), a: side, b: side, change })),
});
export type CompareView = z.infer<typeof CompareView>;

export const SearchHit = z.object({
  meetingId: z.string(),
  meetingTitle: z.string(),
  scheduledAt: z.string(),
  caseId: z.string(),
  caseTitle: z.string(),
  docName: z.string(),
  /** 議事録 (the meeting document) or the compartment's person and category. */
  source: z.object({ kind: z.enum(['meeting', 'compartment']), personName: z.string().nullable(), category: z.string().nullable() }),
  snippet: z.string(),
});
export const SearchResult = z.object({ q: z.string(), hits: z.array(SearchHit) });
export type SearchResult = z.infer<typeof SearchResult>;

const reasonCount = z.object({ reason: z.string(), label: z.string(), count: z.number().int() });
export const Indicators = z.object({
  fy: z.number().int(),
  label: z.string(),
  from: z.string(),
  to: z.string(),
  /** Cases whose first consent-based (重層的支援会議) meeting was held in this fiscal year. */
  newJusotekiCases: z.number().int(),
  meetingsByKind: z.array(z.object({ kindId: z.string(), kindName: z.string(), count: z.number().int() })),
  /** Plan meetings held, by moment: 策定 / 変更 / 終結 / 中断. */
  plansByStage: z.array(z.object({ stage: z.enum(MEETING_MOMENTS), label: z.string(), count: z.number().int() })),
  consents: z.object({ granted: z.number().int(), withdrawn: z.number().int(), refused: z.number().int() }),
  /**
   * Cases ended (終結) and suspended (中断) in this fiscal year by the date the coordinator gave,
   * each case once per state, under the reason category of its last such change in the year;
   * and cases resumed (再開) from a suspension.
   */
  caseEnds: z.object({
    ended: z.object({ total: z.number().int(), byReason: z.array(reasonCount) }),
    suspended: z.object({ total: z.number().int(), byReason: z.array(reasonCount) }),
    resumed: z.number().int(),
  }),
});
export type Indicators = z.infer<typeof Indicators>;

/**
 * The municipality's record of one meeting (会議録), issue 11: built once on the server
 * (server/records/minutes-model.ts), rendered into the DOCX and served to the print layout, so
 * the two always agree. Every value is already worded for a person: names, Japanese labels, 和暦.
 */
const row = z.object({ label: z.string(), value: z.string() });
const personRow = z.object({ name: z.string(), organisation: z.string(), role: z.string() });
export const MinutesModel = z.object({
  /** The municipality's own heading (records settings) and 様式 number. */
  heading: z.string(),
  formNumber: z.string(),
  title: z.string(),
  meetingTitle: z.string(),
  /** 会議の種類, 根拠, 開催日時, 開催方法, 開催場所, ケース, 記録者, 記録の状態. */
  facts: z.array(row),
  /** For a 支援会議: the Art. 106-6 confidentiality note; null otherwise. */
  confidentiality: z.string().nullable(),
  attendees: z.array(personRow),
  absentees: z.array(personRow),
  recorder: z.string(),
  agenda: z.array(z.object({ text: z.string(), state: z.string() })),
  minutes: z.array(z.string()),
  plan: z.object({
    goal: z.string(),
    policy: z.string(),
    stage: z.string(),
    nextMonitoring: z.string(),
    text: z.array(z.string()),
    items: z.array(z.object({ what: z.string(), who: z.string(), byWhen: z.string(), status: z.string() })),
  }),
  roles: z.array(z.object({ organisation: z.string(), personInCharge: z.string(), role: z.string(), concerning: z.string(), period: z.string(), status: z.string() })),
  decisions: z.array(z.object({ text: z.string(), owner: z.string(), due: z.string(), confirmation: z.string() })),
  /** The ecomap as frozen: an SVG (print) and a PNG (DOCX) with numbered circles, and their legend. */
  ecomap: z
    .object({
      svg: z.string(),
      png: z.string(),
      width: z.number(),
      height: z.number(),
      legend: z.array(z.object({ no: z.number(), name: z.string(), kind: z.string() })),
      relations: z.array(z.object({ from: z.string(), to: z.string(), kind: z.string(), label: z.string() })),
    })
    .nullable(),
  /** Items shared at the meeting, by person and category, as this reader may see them. */
  shared: z.array(z.object({ heading: z.string(), items: z.array(z.object({ text: z.string(), source: z.string() })) })),
  /** Consent and legal basis at the close: shown to the record's keepers only. */
  basisAtClose: z.array(row),
  annotations: z.array(z.object({ at: z.string(), author: z.string(), text: z.string() })),
  /** Whose view this is: the keeper's copy as approved, or filtered by the reader's access today. */
  view: z.object({ kind: z.enum(['keeper', 'filtered']), note: z.string() }),
  /** 出力者 / 出力日時, printed on every page. */
  output: z.object({ by: z.string(), at: z.string() }),
});
export type MinutesModel = z.infer<typeof MinutesModel>;

export const METHODS = ['in_person', 'online', 'hybrid'] as const;
export const METHOD_LABELS: Record<(typeof METHODS)[number], string> = { in_person: '対面', online: 'オンライン', hybrid: '併用（対面・オンライン）' };

/** 開催方法, 開催場所, 記録者: set by the facilitator on the board until the meeting closes. */
export const RecordDetails = z.object({
  method: z.enum(METHODS, { error: '開催方法は 対面・オンライン・併用 のいずれかです (method: in_person, online or hybrid)' }).nullable(),
  place: z.string().trim().max(200, { error: '開催場所は200文字以内です (place is at most 200 characters)' }).nullable(),
  recorderUserId: id('recorderUserId').nullable(),
});
export type RecordDetails = z.infer<typeof RecordDetails>;

/** The municipality's heading and 様式 number for every 会議録. */
export const RecordsSettings = z.object({
  heading: z.string().trim().max(100, { error: '見出しは100文字以内です (heading is at most 100 characters)' }),
  formNumber: z.string().trim().max(50, { error: '様式番号は50文字以内です (formNumber is at most 50 characters)' }),
});
export type RecordsSettings = z.infer<typeof RecordsSettings>;
