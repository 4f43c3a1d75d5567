/**
 * The demo municipality: はなみずき市 (fictional). Every name here is invented. The household is a
 * typical "8050" case: an 82-year-old mother with early dementia, her 52-year-old son withdrawn at
 * home for years, and a daughter who lives far away.
 */
export const DEMO_PASSWORD = 'kasane-demo';

export const DEMO_ORGANISATIONS = [
  { id: 'org-shakyo', name: 'はなみずき市社会福祉協議会', field: 'coordination', is_coordinator: 1 },
  { id: 'org-city', name: 'はなみずき市 福祉政策課', field: 'administration', is_coordinator: 0 },
  { id: 'org-houkatsu', name: '中央地域包括支援センター', field: 'elderly', is_coordinator: 0 },
  { id: 'org-shogai', name: '障害者相談支援センターあおば', field: 'disability', is_coordinator: 0 },
  { id: 'org-konkyu', name: '自立相談支援機関 まいさぽはなみずき', field: 'poverty', is_coordinator: 0 },
  { id: 'org-kodomo', name: 'はなみずき市こども家庭センター', field: 'children', is_coordinator: 0 },
  { id: 'org-clinic', name: 'ひだまりクリニック', field: 'medical', is_coordinator: 0 },
  // Accounts of persons and family members who attend are not agencies; they belong here.
  { id: 'org-residents', name: '本人・家族', field: 'resident', is_coordinator: 0 },
] as const;

export const DEMO_USERS = [
  { id: 'u-admin', username: 'admin', display_name: '管理者 一郎', org_id: 'org-city', role: 'administrator', note: '管理者 (administrator)' },
  { id: 'u-tanaka', username: 'tanaka', display_name: '田中 美咲', org_id: 'org-shakyo', role: 'facilitator', note: '総合相談マネージャー・進行役 (facilitator)' },
  { id: 'u-sato', username: 'sato', display_name: '佐藤 健一', org_id: 'org-houkatsu', role: 'member', note: '地域包括支援センター (member)' },
  { id: 'u-suzuki', username: 'suzuki', display_name: '鈴木 由美', org_id: 'org-shogai', role: 'member', note: '障害者相談支援センター (member)' },
  { id: 'u-takahashi', username: 'takahashi', display_name: '高橋 誠', org_id: 'org-konkyu', role: 'member', note: '自立相談支援機関 (member)' },
  { id: 'u-watanabe', username: 'watanabe', display_name: '渡辺 さやか', org_id: 'org-kodomo', role: 'member', note: 'こども家庭センター (member)' },
  { id: 'u-ito', username: 'ito', display_name: '伊藤 恵子', org_id: 'org-clinic', role: 'member', note: 'クリニック 医師 (member)' },
  { id: 'u-yuki', username: 'yuki', display_name: '山田 由紀', org_id: 'org-residents', role: 'member', note: '山田さんの長女 (family)' },
  { id: 'u-miwa', username: 'miwa', display_name: '佐々木 美和', org_id: 'org-residents', role: 'member', note: '佐々木さん本人 (person)' },
] as const;

export const DEMO_CASE = {
  id: 'case-yamada',
  title: '山田さん世帯 (8050)',
  coordinator_user_id: 'u-tanaka',
  legal_basis: 'consent',
} as const;

export const DEMO_PERSONS = [
  { id: 'p-haru', name: '山田 ハル', relation: '本人', sex: 'female', age: 82, is_subject: 1, deceased: 0 },
  { id: 'p-kenji', name: '山田 健二', relation: '長男', sex: 'male', age: 52, is_subject: 0, deceased: 0 },
  { id: 'p-yuki', name: '山田 由紀', relation: '長女 (県外在住)', sex: 'female', age: 48, is_subject: 0, deceased: 0 },
  { id: 'p-shigeru', name: '山田 茂', relation: '夫 (故人)', sex: 'male', age: 84, is_subject: 0, deceased: 1 },
] as const;

export const DEMO_MEETING = {
  id: 'meeting-yamada-1',
  case_id: 'case-yamada',
  kind_id: 'jusoteki',
  moment: 'plan_creation',
  title: '第1回 重層的支援会議 (プラン策定)',
  created_by: 'u-tanaka',
  video_url: null,
} as const;

export const DEMO_PARTICIPANTS = [
  { user_id: 'u-tanaka', role: 'facilitator' },
  { user_id: 'u-sato', role: 'member' },
  { user_id: 'u-suzuki', role: 'member' },
  { user_id: 'u-takahashi', role: 'member' },
  { user_id: 'u-ito', role: 'member' },
] as const;
