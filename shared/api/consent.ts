import { z } from 'zod';
import { CATEGORIES } from '../domain/categories.ts';
import { CONSENT_METHODS, CONSENT_STATUSES } from '../domain/consent.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD の形式で入力してください (date as YYYY-MM-DD)');
const id = z.string().regex(/^[A-Za-z0-9_*-]{1,64}$/, 'invalid id');

export const ConsentScopeEntry = z.object({ category: z.enum(CATEGORIES), orgId: id });

export const RecordConsentRequest = z
  .object({
    status: z.enum(CONSENT_STATUSES),
    method: z.enum(CONSENT_METHODS).nullable(),
    validFrom: isoDate.nullable(),
    validUntil: isoDate.nullable(),
    scope: z.array(ConsentScopeEntry).max(500),
    note: z.string().max(2000).nullable().optional(),
  })
  .refine((r) => r.status !== 'granted' || r.method !== null, { message: '同意の方法 (書面/口頭) を選んでください', path: ['method'] })
  .refine((r) => !r.validFrom || !r.validUntil || r.validFrom <= r.validUntil, { message: '有効期限が開始日より前です', path: ['validUntil'] })
  .refine((r) => r.status === 'granted' || r.scope.length === 0, { message: '同意以外の状態では共有範囲は空にします', path: ['scope'] });
export type RecordConsentRequest = z.infer<typeof RecordConsentRequest>;

export const ConsentRecordView = z.object({
  id: z.number(),
  personId: z.string(),
  status: z.enum(CONSENT_STATUSES),
  method: z.enum(CONSENT_METHODS).nullable(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  scope: z.array(ConsentScopeEntry),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type ConsentRecordView = z.infer<typeof ConsentRecordView>;

export const PersonConsentView = z.object({
  personId: z.string(),
  personName: z.string(),
  isSubject: z.boolean(),
  /** What the policy applies now: a granted consent past its period counts as expired. */
  effectiveStatus: z.enum(CONSENT_STATUSES),
  current: ConsentRecordView.nullable(),
  /** Newest first; only for those who manage the case. */
  history: z.array(ConsentRecordView),
});
export type PersonConsentView = z.infer<typeof PersonConsentView>;

export const LegalBasisRequest = z.object({
  basis: z.enum(['support_meeting', 'consent']),
  reason: z.string().min(1, '理由を入力してください').max(1000),
});
export type LegalBasisRequest = z.infer<typeof LegalBasisRequest>;
