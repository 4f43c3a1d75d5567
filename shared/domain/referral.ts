import type { Category } from './categories.ts';

/**
 * The つなぐシート (referral sheet, DOMAIN.md "How a case arrives"). Each field of the sheet
 * becomes a labelled item of the case when it is accepted; the category of each field is fixed
 * here, so the consent rules apply to a referral exactly as to anything entered on the board.
 */

/** The trouble checklist, in the sheet's order, with the category its details are filed under. */
export const TROUBLES = [
  { key: 'medical', ja: '医療', en: 'Medical', category: 'health' },
  { key: 'mental', ja: 'こころ', en: 'Mental health', category: 'health' },
  { key: 'care', ja: '介護', en: 'Care', category: 'living' },
  { key: 'disability', ja: '障害', en: 'Disability', category: 'disability' },
  { key: 'childcare', ja: '子育て', en: 'Child-rearing', category: 'living' },
  { key: 'income_work', ja: '収入・仕事', en: 'Income and work', category: 'finances' },
  { key: 'arrears_debt', ja: '滞納・借金', en: 'Arrears and debt', category: 'finances' },
  { key: 'housing', ja: '住まい', en: 'Housing', category: 'living' },
  { key: 'dv_abuse', ja: 'DV・虐待', en: 'DV and abuse', category: 'child_protection' },
  { key: 'advocacy', ja: '権利擁護', en: 'Advocacy', category: 'living' },
  { key: 'health', ja: '健康', en: 'Health', category: 'health' },
  { key: 'other', ja: 'その他', en: 'Other', category: 'living' },
] as const satisfies readonly { key: string; ja: string; en: string; category: Category }[];

export type TroubleKey = (typeof TROUBLES)[number]['key'];
export const TROUBLE_KEYS = TROUBLES.map((t) => t.key) as unknown as readonly [TroubleKey, ...TroubleKey[]];

/**
 * How a household member relates to the subject. The genogram needs partnerships: a spouse is a
 * partnership 'together', a separated spouse one slash, a divorced one two slashes.
 */
export const RELATIONS = [
  { key: 'spouse', ja: '配偶者', en: 'Spouse', partnership: 'together' },
  { key: 'spouse_separated', ja: '配偶者 (別居)', en: 'Spouse (separated)', partnership: 'separated' },
  { key: 'ex_spouse', ja: '元配偶者 (離婚)', en: 'Former spouse (divorced)', partnership: 'divorced' },
  { key: 'child', ja: '子', en: 'Child', partnership: null },
  { key: 'parent', ja: '親', en: 'Parent', partnership: null },
  { key: 'sibling', ja: '兄弟姉妹', en: 'Sibling', partnership: null },
  { key: 'grandchild', ja: '孫', en: 'Grandchild', partnership: null },
  { key: 'grandparent', ja: '祖父母', en: 'Grandparent', partnership: null },
  { key: 'other', ja: 'その他', en: 'Other', partnership: null },
] as const;
export type RelationKey = (typeof RELATIONS)[number]['key'];
export const RELATION_KEYS = RELATIONS.map((r) => r.key) as unknown as readonly [RelationKey, ...RelationKey[]];

export const PARTNERSHIP_STATUSES = ['together', 'separated', 'divorced'] as const;
export type PartnershipStatus = (typeof PARTNERSHIP_STATUSES)[number];

/** Where each free-text field of the sheet is filed. Contact details of a DV case are 居所. */
export const SHEET_FIELD_CATEGORIES = {
  contact: 'basic',
  contactDv: 'dv_whereabouts',
  wishes: 'living',
  considerations: 'living',
  reason: 'living',
  memberNotes: 'living',
} as const satisfies Record<string, Category>;

export const REFERRAL_STATUSES = ['received', 'accepted', 'declined', 'first_meeting_held'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Age in whole years on `today` (YYYY-MM-DD) of somebody born on `birthDate`; null if unknown. */
export function ageOn(birthDate: string | null | undefined, today: string): number | null {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age >= 0 && age < 150 ? age : null;
}
