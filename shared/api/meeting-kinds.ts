import { z } from 'zod';

export const MeetingKindView = z.object({
  id: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  consentRequired: z.boolean(),
  confidentialityRequired: z.boolean(),
  /** Agenda item texts the municipality configured, per moment ('' = any moment). */
  agenda: z.record(z.string(), z.array(z.string())).optional(),
});
export type MeetingKindView = z.infer<typeof MeetingKindView>;

export const CreateMeetingKindRequest = MeetingKindView.extend({
  id: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'id: 英小文字・数字・_ で2〜40文字 (lowercase letters, digits, _)'),
  nameJa: z.string().min(1).max(60),
  nameEn: z.string().min(1).max(80),
}).refine((k) => k.consentRequired || k.confidentialityRequired, {
  // A kind with neither would show everything but tax to every participant: never intended.
  message: '本人同意か守秘義務のどちらかは必要です (a kind needs consent or confidentiality)',
  path: ['consentRequired'],
});
export type CreateMeetingKindRequest = z.infer<typeof CreateMeetingKindRequest>;

export const LegalBasisChangeView = z.object({
  fromBasis: z.string().nullable(),
  toBasis: z.string(),
  reason: z.string(),
  changedBy: z.string(),
  changedAt: z.string(),
});
export type LegalBasisChangeView = z.infer<typeof LegalBasisChangeView>;
