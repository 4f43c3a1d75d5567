/**
 * The consent scenarios of the demo (and of the access tests): who consented to what, which
 * labelled facts each agency brought, and a second household under a 支援会議 with a
 * DV-restricted whereabouts item and a not-to-disclose-to-the-person item. All fictional.
 */
import type { Category } from '../../shared/domain/categories.ts';
import type { ConsentScopeEntry } from '../../shared/domain/consent.ts';

export interface SeedConsent {
  personId: string;
  caseId: string;
  status: 'granted' | 'refused';
  method: 'written' | 'oral';
  scope: ConsentScopeEntry[];
}

export interface SeedFact {
  caseId: string;
  personId: string;
  category: Category;
  supplierOrgId: string;
  allowOrgIds: string[] | null;
  notToPerson: boolean;
  authorId: string;
  text: string;
}

const scope = (category: Category, ...orgIds: string[]) => orgIds.map((orgId) => ({ category, orgId }));

export const SCENARIO_CONSENTS: SeedConsent[] = [
  {
    // ハルさん: shares her basics with everyone, health with the clinic, 包括 and 社協 only,
    // finances with 自立相談支援 and 社協. Nothing on tax or disability.
    personId: 'p-haru',
    caseId: 'case-yamada',
    status: 'granted',
    method: 'written',
    scope: [
      ...scope('basic', '*'),
      ...scope('living', '*'),
      ...scope('health', 'org-clinic', 'org-houkatsu', 'org-shakyo'),
      ...scope('finances', 'org-konkyu', 'org-shakyo'),
    ],
  },
  // 健二さん and 由紀さん have not been asked yet: no record at all.
];

export const SCENARIO_FACTS: SeedFact[] = [
  { caseId: 'case-yamada', personId: 'p-haru', category: 'basic', supplierOrgId: 'org-shakyo', allowOrgIds: null, notToPerson: false, authorId: 'u-tanaka', text: 'ハルさん (82) は長男と二人暮らし。長女は県外在住。' },
  { caseId: 'case-yamada', personId: 'p-haru', category: 'living', supplierOrgId: 'org-houkatsu', allowOrgIds: null, notToPerson: false, authorId: 'u-sato', text: '日中はほぼ自宅で過ごす。買い物は長男が週1回。' },
  { caseId: 'case-yamada', personId: 'p-haru', category: 'health', supplierOrgId: 'org-clinic', allowOrgIds: null, notToPerson: false, authorId: 'u-ito', text: 'アルツハイマー型認知症 (初期) と診断。服薬管理に支援が必要。' },
  { caseId: 'case-yamada', personId: 'p-haru', category: 'health', supplierOrgId: 'org-houkatsu', allowOrgIds: null, notToPerson: false, authorId: 'u-sato', text: '要介護認定を申請中 (要介護1の見込み)。' },
  { caseId: 'case-yamada', personId: 'p-haru', category: 'finances', supplierOrgId: 'org-konkyu', allowOrgIds: null, notToPerson: false, authorId: 'u-takahashi', text: '年金は月8万円。電気・ガス料金を2か月滞納。' },
  { caseId: 'case-yamada', personId: 'p-haru', category: 'tax', supplierOrgId: 'org-city', allowOrgIds: null, notToPerson: false, authorId: 'u-admin', text: '住民税は非課税。' },
  { caseId: 'case-yamada', personId: 'p-kenji', category: 'living', supplierOrgId: 'org-shogai', allowOrgIds: null, notToPerson: false, authorId: 'u-suzuki', text: '健二さんは20年以上ひきこもりの状態。夜間にコンビニへ外出することはある。' },
  { caseId: 'case-yamada', personId: 'p-kenji', category: 'health', supplierOrgId: 'org-clinic', allowOrgIds: null, notToPerson: false, authorId: 'u-ito', text: '健二さんは未受診。睡眠の乱れの訴えあり。' },
  { caseId: 'case-sasaki', personId: 'p-miwa', category: 'basic', supplierOrgId: 'org-shakyo', allowOrgIds: null, notToPerson: false, authorId: 'u-tanaka', text: '母子世帯。元夫からのDVにより別居中。' },
  { caseId: 'case-sasaki', personId: 'p-miwa', category: 'dv_whereabouts', supplierOrgId: 'org-kodomo', allowOrgIds: ['org-kodomo', 'org-shakyo'], notToPerson: false, authorId: 'u-watanabe', text: '避難先: 県外の母子生活支援施設 (所在は非公開)。' },
  { caseId: 'case-sasaki', personId: 'p-miwa', category: 'finances', supplierOrgId: 'org-konkyu', allowOrgIds: null, notToPerson: false, authorId: 'u-takahashi', text: '家賃を2か月滞納。' },
  { caseId: 'case-sasaki', personId: 'p-miwa', category: 'tax', supplierOrgId: 'org-city', allowOrgIds: null, notToPerson: false, authorId: 'u-admin', text: '前年度所得: 住民税均等割のみ。' },
  { caseId: 'case-sasaki', personId: 'p-yota', category: 'child_protection', supplierOrgId: 'org-kodomo', allowOrgIds: null, notToPerson: true, authorId: 'u-watanabe', text: '通告者: 小学校の担任 (本人・家族には開示しない)。' },
  { caseId: 'case-sasaki', personId: 'p-yota', category: 'living', supplierOrgId: 'org-kodomo', allowOrgIds: null, notToPerson: false, authorId: 'u-watanabe', text: '陽太さん (8) は転校後、登校できている。' },
];

export const SASAKI_CASE = { id: 'case-sasaki', title: '佐々木さん世帯 (DV避難)', coordinator_user_id: 'u-tanaka', legal_basis: 'support_meeting' } as const;

export const SASAKI_PERSONS = [
  { id: 'p-miwa', name: '佐々木 美和', relation: '本人', sex: 'female', age: 34, is_subject: 1, deceased: 0 },
  { id: 'p-yota', name: '佐々木 陽太', relation: '長男', sex: 'male', age: 8, is_subject: 0, deceased: 0 },
] as const;

export const SASAKI_MEETING = {
  id: 'meeting-sasaki-1',
  case_id: 'case-sasaki',
  kind_id: 'shien',
  moment: null,
  title: '第1回 支援会議 (情報共有)',
  created_by: 'u-tanaka',
  video_url: null,
} as const;

/** suzuki is designated but has not affirmed the confidentiality duty yet. */
export const SASAKI_PARTICIPANTS = [
  { user_id: 'u-tanaka', role: 'facilitator', person_id: null, affirmed: true },
  { user_id: 'u-watanabe', role: 'member', person_id: null, affirmed: true },
  { user_id: 'u-takahashi', role: 'member', person_id: null, affirmed: true },
  { user_id: 'u-suzuki', role: 'member', person_id: null, affirmed: false },
  { user_id: 'u-miwa', role: 'person', person_id: 'p-miwa', affirmed: false },
] as const;

/** The daughter joins the 重層的支援会議 as family. */
export const YAMADA_FAMILY_PARTICIPANT = { user_id: 'u-yuki', role: 'family', person_id: 'p-yuki' } as const;
