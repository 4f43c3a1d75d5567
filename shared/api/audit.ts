import { z } from 'zod';

/**
 * The audit log's API shapes. The action list lives here (not in server/) so the client can offer
 * it as a filter; server/audit/audit-log.ts re-exports it for the server side.
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  // Too many failed sign-ins for an account or an address: further attempts wait (no password check).
  'auth.login_throttled',
  'doc.opened',
  'doc.denied',
  'doc.write_dropped',
  'doc.revoked',
  'doc.downgraded',
  // The server closed a socket (malformed frame, a limit, revocation, session ended): detail.why says which.
  'doc.closed',
  'compartment.created',
  'consent.changed',
  'legal_basis.changed',
  'participant.added',
  'participant.removed',
  'affirmation.recorded',
  'meeting.state_changed',
  // The facilitator confirmed a decision (issue 4); detail holds ids and the content hash only.
  'decision.confirmed',
  // Records (issue 5): scheduling, and every view, export, search and change of a record.
  'meeting.scheduled',
  'meeting.updated',
  'record.viewed',
  'record.compared',
  'record.exported',
  'record.searched',
  'record.approved',
  'record.annotated',
  'indicators.viewed',
  'preview.as_seen_by',
  // Reading the audit log is itself a view of who saw what, so it is logged too.
  'audit.queried',
  'audit.verified',
  // A refused API request (403, 409, or 404 on a case or meeting): decisions not to share count too.
  'request.denied',
  'meeting_kind.added',
  // Going live and administration (issue 10): second factor, passwords, and every admin change.
  'auth.second_factor_failed',
  'auth.second_factor_enrolled',
  'auth.recovery_code_used',
  'auth.step_up',
  'auth.password_changed',
  'auth.invitation_accepted',
  'admin.first_administrator_created',
  'admin.settings_changed',
  'admin.organisation_added',
  'admin.organisation_changed',
  'admin.organisation_deactivated',
  'admin.user_added',
  'admin.user_changed',
  'admin.user_deactivated',
  'admin.password_reset',
  'admin.second_factor_reset',
  'admin.user_unlocked',
  'admin.meeting_kind_changed',
  'audit.exported',
  // Intake, cases over time, invitations (issue 10).
  'referral.submitted',
  'referral.viewed',
  'referral.accepted',
  'referral.attached',
  'referral.declined',
  'household.changed',
  'case.coordinators_changed',
  'case.status_changed',
  'support_decision.recorded',
  'consent_document.attached',
  'consent_document.viewed',
  'invitation.created',
  'invitation.accepted',
  'invitation.revoked',
  'invitation.ended',
  // The municipality's heading and 様式 number on its records (issue 11).
  'records.settings_changed',
  // Retention (issue 10): records and audit entries past the municipality's periods are removed;
  // the removal itself is an entry (for the audit log, the anchor the chain now starts from).
  'records.purged',
  'audit.purged',
  // A one-time setup link for the first administrator was printed at start (issue 10).
  'admin.setup_link_issued',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_QUERY_MAX_LIMIT = 500;
export const AUDIT_QUERY_DEFAULT_LIMIT = 100;

const ID = (field: string) =>
  z
    .string({ error: `${field} は文字列で指定してください (${field} must be a string)` })
    .min(1, { error: `${field} が空です (${field} must not be empty)` })
    .max(64, { error: `${field} は64文字以内です (${field} is at most 64 characters)` });

/** YYYY-MM-DD (a day in Japan time) or an ISO date-time with Z or an offset. */
const Instant = (field: string) =>
  z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: `${field} は日付 (2026-04-01) または日時 (2026-04-01T09:00:00+09:00) で指定してください (${field} must be an ISO date or date-time with offset)`,
  });

const PositiveInt = (field: string, max?: number) => {
  const message = max
    ? `${field} は 1〜${max} の整数で指定してください (${field} must be an integer from 1 to ${max})`
    : `${field} は 1 以上の整数で指定してください (${field} must be a positive integer)`;
  // Query strings arrive as text; coerce, then insist on a whole number in range.
  const base = z.coerce.number({ error: message }).int({ error: message }).min(1, { error: message });
  return max ? base.max(max, { error: message }) : base;
};

/** GET /api/audit query parameters. All filters combine with AND. */
export const AuditQuery = z
  .object({
    caseId: ID('caseId').optional(),
    /** The actor: whose operations to list. */
    userId: ID('userId').optional(),
    /** Inclusive. A date means 00:00 of that day in Japan time. */
    from: Instant('from').optional(),
    /** Inclusive. A date means through the end of that day in Japan time. */
    to: Instant('to').optional(),
    action: z
      .enum(AUDIT_ACTIONS, { error: `action が不明です (unknown action; one of ${AUDIT_ACTIONS.join(', ')})` })
      .optional(),
    limit: PositiveInt('limit', AUDIT_QUERY_MAX_LIMIT).optional().default(AUDIT_QUERY_DEFAULT_LIMIT),
    /** Paging: entries older than this seq (use the previous page's nextBeforeSeq). */
    beforeSeq: PositiveInt('beforeSeq').optional(),
  })
  .refine((q) => !q.from || !q.to || toUtcBound(q.from, 'from') <= toUtcBound(q.to, 'to'), {
    error: 'from は to より前にしてください (from must not be after to)',
    path: ['from'],
  });
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntryView = z.object({
  seq: z.number().int(),
  /** ISO-8601 UTC. */
  at: z.string(),
  actorUserId: z.string().nullable(),
  /** Display name of the actor; null for system events or users since deleted. */
  actorName: z.string().nullable(),
  /** A string, not the enum: entries outlive renamed actions. */
  action: z.string(),
  caseId: z.string().nullable(),
  docName: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

/**
 * What the ids of a page's entries name, resolved by the server for that page only (one query per
 * kind): every id the entries mention is a key, its value what a reviewer reads (a name, a title,
 * 「（削除済み）」 for what no longer exists, 「（担当外）」 for what this reviewer may not be told).
 * The raw ids stay in the entries as the log's evidence; no screen or export shows them.
 */
const NameMap = z.record(z.string(), z.string());
export const AuditNames = z.object({
  cases: NameMap,
  /** 氏名（続柄） */
  persons: NameMap,
  /** 題名（会議の種類・和暦の開催日） */
  meetings: NameMap,
  users: z.record(z.string(), z.object({ name: z.string(), org: z.string() })),
  orgs: NameMap,
  /** 招待（招待した相手） */
  invitations: NameMap,
  kinds: NameMap,
  /** つなぐシート（本人の氏名） */
  referrals: NameMap,
  /** 同意の記録（本人の氏名） */
  consentRecords: NameMap,
});
export type AuditNames = z.infer<typeof AuditNames>;

export const AuditPage = z.object({
  /** Newest first. */
  entries: z.array(AuditEntryView),
  names: AuditNames,
  /** Pass as beforeSeq for the next (older) page; null when this page is the last. */
  nextBeforeSeq: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;

/** What the review screen offers as filters: cases by title, users by name (ids only as values). */
export const AuditFilterOptions = z.object({
  cases: z.array(z.object({ id: z.string(), title: z.string() })),
  users: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type AuditFilterOptions = z.infer<typeof AuditFilterOptions>;

export const AuditVerifyResult = z.union([
  z.object({
    ok: z.literal(true),
    count: z.number().int(),
    /** Record this outside the database: a chain cannot reveal that its own tail was cut off. */
    head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  }),
  z.object({ ok: z.literal(false), brokenAtSeq: z.number().int(), reason: z.string() }),
]);
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;

const JST_OFFSET = '+09:00'; // Japan has no daylight saving time, so the offset is fixed.
const DAY_MS = 24 * 3600 * 1000;

/**
 * A query bound as UTC ISO text comparable with stored `at` values. The result is an inclusive
 * lower bound for 'from' and an EXCLUSIVE upper bound for 'to' (end of the day, or 1 ms after the
 * given instant), so store filters are always `at >= from AND at < to`.
 */
export function toUtcBound(value: string, side: 'from' | 'to'): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const ms = Date.parse(dateOnly ? `${value}T00:00:00${JST_OFFSET}` : value);
  const bound = side === 'from' ? ms : ms + (dateOnly ? DAY_MS : 1);
  return new Date(bound).toISOString();
}
