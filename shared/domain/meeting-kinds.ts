/**
 * Meeting kinds are configuration: a municipality may add its own (地域ケア個別会議, 支援調整会議 ...).
 * Only the two flags below matter to the access policy.
 */
export interface MeetingKindFlags {
  /** 重層的支援会議: items are shown only under the person's consent. */
  consentRequired: boolean;
  /** 支援会議 (Art. 106-6): members must affirm the confidentiality duty before seeing anything. */
  confidentialityRequired: boolean;
}

export interface MeetingKind extends MeetingKindFlags {
  id: string;
  nameJa: string;
  nameEn: string;
}

export const BUILT_IN_MEETING_KINDS: readonly MeetingKind[] = [
  { id: 'shien', nameJa: '支援会議', nameEn: 'Support meeting', consentRequired: false, confidentialityRequired: true },
  { id: 'jusoteki', nameJa: '重層的支援会議', nameEn: 'Multi-layered support meeting', consentRequired: true, confidentialityRequired: false },
  { id: 'chiiki_care', nameJa: '地域ケア個別会議', nameEn: 'Community care individual meeting', consentRequired: false, confidentialityRequired: true },
  { id: 'service_tanto', nameJa: 'サービス担当者会議', nameEn: 'Service coordinators meeting', consentRequired: true, confidentialityRequired: false },
  { id: 'yotaikyo', nameJa: '要保護児童対策地域協議会 個別ケース検討会議', nameEn: 'Child protection case review', consentRequired: false, confidentialityRequired: true },
  { id: 'shien_chosei', nameJa: '支援調整会議', nameEn: 'Support coordination meeting', consentRequired: true, confidentialityRequired: false },
];

export const MEETING_STATES = ['scheduled', 'open', 'closed'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];
