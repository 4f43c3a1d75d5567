/**
 * Japanese wording of every code a record contains (roles, states, categories, kinds of
 * relation): what a municipal 会議録 prints instead of the internal value. An unknown code never
 * reaches the page as itself: it reads as a neutral word.
 */

const pick = (table: Record<string, string>, fallback: string) => (code: string | null | undefined) => (code && table[code]) || fallback;

export const roleLabel = pick({ facilitator: '進行役', member: '構成員', person: '本人', family: '家族', guest: 'ゲスト' }, '参加者');

export const momentLabel = pick({ plan_creation: 'プラン策定時', plan_change: 'プラン変更時', ending: '支援終了判断時', suspension: '支援中断決定時' }, '');

export const stageLabel = pick({ creation: '策定', change: '変更', ending: '終結', suspension: '中断' }, '（記載なし）');

export const itemStatusLabel = pick({ open: '実施中', done: '完了' }, '—');

export const roleStatusLabel = pick({ planned: '予定', active: '実施中', done: '終了', paused: '休止' }, '—');

export const categoryLabel = pick(
  {
    basic: '基本情報',
    living: '生活状況',
    health: '医療・健康※',
    disability: '障害※',
    finances: '収入・債務',
    tax: '税情報',
    child_protection: '子ども・虐待※',
    dv_whereabouts: 'DV・居所',
    justice: '司法※',
  },
  'その他の情報',
);

export const consentStatusLabel = pick({ not_asked: '未確認', granted: '同意あり', refused: '同意なし（拒否）', withdrawn: '撤回', expired: '期限切れ' }, '未確認');

export const ecoKindLabel = pick({ person: '世帯員', agency: '支援機関', service: 'サービス', informal: 'インフォーマル資源' }, '資源');

export const strengthLabel = pick({ strong: '強い関係（実線）', tenuous: '弱い関係（破線）', stressful: 'ストレス・葛藤のある関係（斜線）' }, '関係');

export const directionLabel = pick({ forward: '→', backward: '←', both: '⇄', none: '—' }, '—');
