import { z } from 'zod';
import { CATEGORIES } from '../domain/categories.ts';
import { CONSENT_METHODS } from '../domain/consent.ts';
import { REFERRAL_STATUSES, RELATION_KEYS, TROUBLE_KEYS } from '../domain/referral.ts';

/** つなぐシート and the coordinators' inbox (issue 10). */

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'invalid id');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日付は YYYY-MM-DD の形式で入力してください (date as YYYY-MM-DD)');
const name = z.string().trim().min(1, '氏名を入力してください (name is required)').max(100);
const kana = z
  .string()
  .trim()
  .max(100)
  .regex(/^[\p{Script=Hiragana}\p{Script=Katakana}ー・\s　]*$/u, 'ふりがなはひらがな・カタカナで入力してください (kana only)');
const text = (max: number) => z.string().max(max, `${max}文字以内で入力してください`);
const sex = z.enum(['male', 'female', 'other'], { error: '性別を選んでください (sex)' });
const age = z.number().int().min(0).max(130).nullable();

export const SheetPerson = z.object({
  name,
  kana: kana.default(''),
  sex,
  birthDate: isoDate.nullable(),
  age,
});

export const SheetMember = SheetPerson.extend({
  relation: z.enum(RELATION_KEYS, { error: '続柄を選んでください (relation)' }),
  /** The sheet's own words for the relation (長男, 母 …). */
  relationLabel: text(40).default(''),
  deceased: z.boolean().default(false),
  notes: text(1000).default(''),
});
export type SheetMember = z.infer<typeof SheetMember>;

export const ReferralSheet = z
  .object({
    toOrgId: id,
    consentVariant: z.enum(['given', 'not_given']),
    /** Given: how and when the person consented, and to which categories (shared with every meeting member). */
    consent: z
      .object({
        method: z.enum(CONSENT_METHODS),
        date: isoDate,
        categories: z.array(z.enum(CATEGORIES)).min(1, '同意を得た情報の種類を選んでください').max(CATEGORIES.length),
      })
      .nullable(),
    /** Not given: why ('not_asked' = could not yet be asked; 'refused'). */
    notGivenReason: z.enum(['not_asked', 'refused']).nullable(),
    subject: SheetPerson.extend({
      address: text(300).default(''),
      phone: text(40).default(''),
      contactNote: text(500).default(''),
    }),
    household: z.array(SheetMember).max(20, '世帯員は20人までです'),
    troubles: z
      .array(z.object({ key: z.enum(TROUBLE_KEYS), detail: text(2000).default('') }))
      .max(TROUBLE_KEYS.length),
    wishes: text(2000).default(''),
    considerations: text(2000).default(''),
    reason: z.string().trim().min(1, '紹介の理由を入力してください (reason is required)').max(2000),
  })
  .refine((s) => s.consentVariant !== 'given' || s.consent !== null, { message: '同意の方法と日付を入力してください', path: ['consent'] })
  .refine((s) => s.consentVariant !== 'not_given' || (s.consent === null && s.notGivenReason !== null), {
    message: '同意なしのシートでは、同意を得ていない理由を選んでください',
    path: ['notGivenReason'],
  })
  .refine((s) => new Set(s.troubles.map((t) => t.key)).size === s.troubles.length, { message: '同じ項目が重複しています', path: ['troubles'] });
export type ReferralSheet = z.infer<typeof ReferralSheet>;

/** What the referring agency sees of its own referral: the status, nothing of the case. */
export const OwnReferralView = z.object({
  id: z.string(),
  subjectName: z.string(),
  toOrgName: z.string(),
  referredByName: z.string(),
  createdAt: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  decidedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
});
export type OwnReferralView = z.infer<typeof OwnReferralView>;

/** Basic information (氏名・世帯構成) the coordinators need to accept and to check for duplicates. */
export const InboxPerson = z.object({
  name: z.string(),
  kana: z.string(),
  sex: z.enum(['male', 'female', 'other']),
  birthDate: z.string().nullable(),
  age: z.number().nullable(),
  relation: z.string(),
  relationLabel: z.string(),
  deceased: z.boolean(),
  isSubject: z.boolean(),
});
export type InboxPerson = z.infer<typeof InboxPerson>;

export const InboxReferral = z.object({
  id: z.string(),
  referringOrgName: z.string(),
  referredByName: z.string(),
  createdAt: z.string(),
  consentVariant: z.enum(['given', 'not_given']),
  status: z.enum(REFERRAL_STATUSES),
  household: z.array(InboxPerson),
  /** Set once accepted: the case it went into (those who manage it open it). */
  caseId: z.string().nullable(),
  declineReason: z.string().nullable(),
});
export type InboxReferral = z.infer<typeof InboxReferral>;

export const DuplicateCandidate = z.object({
  /** Null when the viewer does not manage that case: only the coordinators' names are shown. */
  caseId: z.string().nullable(),
  caseTitle: z.string().nullable(),
  coordinatorNames: z.array(z.string()),
  matchedPersonName: z.string().nullable(),
  reasons: z.array(z.enum(['name_birth', 'address'])),
});
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;

export const AcceptReferralRequest = z.object({
  title: z.string().trim().min(1, 'ケース名を入力してください').max(200),
  /** Further coordinators besides the one accepting. */
  coordinatorUserIds: z.array(id).max(10).default([]),
});
export type AcceptReferralRequest = z.infer<typeof AcceptReferralRequest>;

export const AttachReferralRequest = z.object({
  caseId: id,
  /** The person of the existing case the sheet is about. */
  subjectPersonId: id,
});
export type AttachReferralRequest = z.infer<typeof AttachReferralRequest>;

/** What adding a sheet to a case did to its household, by name (the ids stay in the audit). */
export const AttachReferralResult = z.object({ caseId: z.string(), added: z.array(z.string()), matched: z.array(z.string()) });
export type AttachReferralResult = z.infer<typeof AttachReferralResult>;

export const DeclineReferralRequest = z.object({ reason: z.string().trim().min(1, 'お断りの理由を入力してください').max(1000) });
export type DeclineReferralRequest = z.infer<typeof DeclineReferralRequest>;

export const CoordinatingOrgView = z.object({ id: z.string(), name: z.string() });
