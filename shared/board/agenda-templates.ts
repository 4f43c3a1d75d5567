import type { AgendaItem } from './schema.ts';

/**
 * Agenda templates: the checklist a meeting starts from, per meeting kind and, for the
 * 重層的支援会議, per moment. The items follow 長野市重層的支援体制整備事業実施計画 (令和6年),
 * 「重層的支援会議の主な検討事項」 and the purposes of the 支援会議 (seeds/003). The text is written
 * into the meeting document as its content (the municipality's record), so it is Japanese only.
 */
export interface AgendaTemplate {
  /** Stable: item ids derive from it, so two people filling the agenda at once write the same keys. */
  id: string;
  kindId: string | null;
  moment: string | null;
  items: readonly string[];
  /** A reminder shown above the checklist (not an item to tick). */
  caution?: string;
}

const JUSOTEKI: readonly AgendaTemplate[] = [
  {
    id: 'jusoteki.plan_creation',
    kindId: 'jusoteki',
    moment: 'plan_creation',
    items: [
      '本人の目標（アセスメント結果）の確認',
      '支援方針の検討',
      'プラン内容の検討',
      '各支援機関の役割分担の確認',
      'モニタリング時期の設定',
      '不足している社会資源（地域の課題）の確認',
    ],
  },
  {
    id: 'jusoteki.plan_change',
    kindId: 'jusoteki',
    moment: 'plan_change',
    items: [
      '本人の状況変化の確認・評価',
      '現行プランの評価',
      'プラン変更内容の確認（本人の目標・支援方針・プラン内容）',
      '各支援機関の役割分担の確認',
      '次回モニタリング時期の設定',
    ],
  },
  {
    id: 'jusoteki.ending',
    kindId: 'jusoteki',
    moment: 'ending',
    items: [
      '本人の目標達成状況の確認',
      '本人に関わる支援者の状況の確認',
      '支援の経過と成果の評価（支援終了の評価）',
      'フォローアップの必要性と方法の確認',
      '支援終結の判断',
    ],
  },
  {
    id: 'jusoteki.suspension',
    kindId: 'jusoteki',
    moment: 'suspension',
    items: [
      '本人との連絡状況の確認（連絡が取れなくなった経緯）',
      '各支援機関が把握している状況の共有',
      '支援中断の決定',
      '再開に備えた見守り・連絡体制の確認',
    ],
  },
];

const SHIEN: AgendaTemplate = {
  id: 'shien',
  kindId: 'shien',
  moment: null,
  items: [
    '気になる事例の情報共有',
    '見守り・支援方針の検討と共有',
    '緊急性の確認と緊急時の対応',
    '各支援機関の役割分担の確認',
    '本人への関わり方・同意に向けた働きかけの検討',
    '次回の開催時期の確認',
  ],
  // 地方税法第22条: tax staff's information is not shared without consent, even in a 支援会議.
  caution: '税務情報（地方税法第22条）は、支援会議であっても本人の同意なく共有できません。',
};

const GENERIC: AgendaTemplate = {
  id: 'generic',
  kindId: null,
  moment: null,
  items: ['前回からの経過の確認', '本人・世帯の状況の共有', '支援方針の検討', '各支援機関の役割分担の確認', '次回の予定の確認'],
};

export const AGENDA_TEMPLATES: readonly AgendaTemplate[] = [...JUSOTEKI, SHIEN, GENERIC];

/**
 * The template for a meeting: its kind and moment, else its kind, else the generic one. A
 * 重層的支援会議 without a moment starts from plan creation, the first of its four moments.
 */
export function agendaTemplateFor(kindId: string, moment: string | null): AgendaTemplate {
  const byKind = AGENDA_TEMPLATES.filter((t) => t.kindId === kindId);
  return byKind.find((t) => t.moment === moment) ?? byKind.find((t) => t.moment === null) ?? byKind[0] ?? GENERIC;
}

/**
 * The template for a meeting: the municipality's own agenda for this kind and moment when it
 * configured one (administration, issue 10), for any moment next, else the built-in one. The id
 * names the configured texts' source, so concurrent fills still write the same keys.
 */
export function configuredTemplateFor(kindId: string, moment: string | null, configured: Readonly<Record<string, readonly string[]>> | undefined): AgendaTemplate {
  const own = (moment !== null ? configured?.[moment] : undefined) ?? configured?.[''];
  if (own && own.length > 0) {
    const key = moment !== null && configured?.[moment]?.length ? moment : 'any';
    return { id: `local.${kindId}.${key}`, kindId, moment, items: own };
  }
  return agendaTemplateFor(kindId, moment);
}

/** The id of a template's item: deterministic, so concurrent fills converge on one copy. */
export function templateItemId(template: AgendaTemplate, index: number): string {
  return `${template.id}-${index}`;
}

/** The agenda items a template fills in (orders leave gaps so custom items can go between). */
export function agendaItemsFrom(template: AgendaTemplate): AgendaItem[] {
  return template.items.map((text, index) => ({ id: templateItemId(template, index), text, order: (index + 1) * 10, done: false }));
}
