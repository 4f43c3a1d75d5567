import { z } from 'zod';
import { PARTNERSHIP_STATUSES } from '../domain/referral.ts';
import { CASE_REASON_CODES, reasonsFor } from '../domain/case-end-reasons.ts';

/** Cases over time (issue 10): household, partnerships, coordinators, status, 支援決定, 同意書, search. */

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid id');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日付は YYYY-MM-DD の形式で入力してください (date as YYYY-MM-DD)');

export const HouseholdPerson = z.object({
  id: z.string(),
  name: z.string(),
  kana: z.string().nullable(),
  relation: z.string(),
  sex: z.enum(['male', 'female', 'other']),
  age: z.number().int().nullable(),
  birthDate: z.string().nullable(),
  isSubject: z.boolean(),
  deceased: z.boolean(),
});
export type HouseholdPerson = z.infer<typeof HouseholdPerson>;

export const PartnershipView = z.object({
  id: z.string(),
  personA: z.string(),
  personB: z.string(),
  status: z.enum(PARTNERSHIP_STATUSES),
});
export type PartnershipView = z.infer<typeof PartnershipView>;

export const HouseholdView = z.object({ persons: z.array(HouseholdPerson), partnerships: z.array(PartnershipView) });
export type HouseholdView = z.infer<typeof HouseholdView>;

export const PersonInput = z.object({
  name: z.string().trim().min(1, '氏名を入力してください').max(100),
  kana: z.string().trim().max(100).nullable().default(null),
  relation: z.string().trim().min(1, '続柄を入力してください').max(40),
  sex: z.enum(['male', 'female', 'other'], { error: '性別を選んでください' }),
  age: z.number().int().min(0).max(130).nullable().default(null),
  birthDate: isoDate.nullable().default(null),
  deceased: z.boolean().default(false),
});
export type PersonInput = z.infer<typeof PersonInput>;

export const PartnershipInput = z
  .object({ personA: id, personB: id, status: z.enum(PARTNERSHIP_STATUSES, { error: '関係の状態を選んでください' }) })
  .refine((p) => p.personA !== p.personB, { message: '同じ人どうしは選べません', path: ['personB'] });

export const PartnershipStatusInput = z.object({ status: z.enum(PARTNERSHIP_STATUSES) });

export const CoordinatorView = z.object({ userId: z.string(), displayName: z.string(), orgName: z.string(), assignedAt: z.string() });
export const SetCoordinatorsRequest = z.object({ userIds: z.array(id).min(1, '担当者を1人以上選んでください').max(10) });

export const CASE_STATUSES = ['active', 'suspended', 'ended'] as const;
/**
 * 中断 and 終結 take a reason category (what the indicators count) and optional free text; 再開
 * takes free text only.
 */
export const CaseStatusRequest = z
  .object({
    status: z.enum(CASE_STATUSES),
    reasonCode: z.enum(CASE_REASON_CODES, { error: '理由の区分を選んでください (reasonCode)' }).nullable().optional(),
    reason: z.string().trim().max(1000).default(''),
    effectiveDate: isoDate,
  })
  .superRefine((body, ctx) => {
    if (body.status === 'active') {
      if (!body.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '再開の理由を入力してください' });
      return;
    }
    if (!reasonsFor(body.status).some((r) => r.key === body.reasonCode)) {
      ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: body.status === 'ended' ? '終結の理由の区分を選んでください' : '中断の理由の区分を選んでください' });
    }
  });
export const CaseStatusChangeView = z.object({
  status: z.enum(CASE_STATUSES),
  /** The category of a 中断 / 終結 (shared/domain/case-end-reasons.ts); null for 再開. */
  reasonCode: z.string().nullable(),
  reason: z.string(),
  effectiveDate: z.string(),
  changedBy: z.string(),
  changedAt: z.string(),
});
export const SupportDecisionRequest = z.object({
  decidedOn: isoDate,
  approver: z.string().trim().min(1, '決裁者を入力してください').max(200),
});
export const SupportDecisionView = z.object({ decidedOn: z.string(), approver: z.string(), recordedBy: z.string(), recordedAt: z.string() });
export const LifecycleView = z.object({
  status: z.enum(CASE_STATUSES),
  readOnly: z.boolean(),
  legalBasis: z.enum(['support_meeting', 'consent']),
  history: z.array(CaseStatusChangeView),
  supportDecisions: z.array(SupportDecisionView),
});
export type LifecycleView = z.infer<typeof LifecycleView>;

export const ConsentDocumentView = z.object({
  id: z.string(),
  consentRecordId: z.number(),
  filename: z.string(),
  mime: z.string(),
  size: z.number(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});
export type ConsentDocumentView = z.infer<typeof ConsentDocumentView>;

/** The scans a 同意書 may be: PDF or an image, at most this many bytes. */
export const CONSENT_DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const CONSENT_DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;

export const CaseSearchQuery = z.object({
  q: z.string().max(100).optional(),
  stage: z.enum(['support_meeting', 'consent', 'suspended', 'ended']).optional(),
  coordinatorId: id.optional(),
  nextFrom: isoDate.optional(),
  nextTo: isoDate.optional(),
});
export const CaseSearchResult = z.object({
  id: z.string(),
  title: z.string(),
  stage: z.enum(['support_meeting', 'consent', 'suspended', 'ended']),
  coordinatorNames: z.array(z.string()),
  nextMeeting: z.object({ id: z.string(), title: z.string(), scheduledAt: z.string(), kindId: z.string() }).nullable(),
  /** Household members whose name or reading matched (only persons the viewer may know). */
  matchedNames: z.array(z.string()),
});
export type CaseSearchResult = z.infer<typeof CaseSearchResult>;
