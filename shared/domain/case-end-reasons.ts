/**
 * Why a case was ended (終結) or suspended (中断), as categories a municipality counts in its
 * PDCA report (DOMAIN.md "Indicators"; the 終結 reasons follow the ones 自立相談支援 statistics
 * use, the 中断 reasons the plan's "支援中断を決定する時", e.g. all contact lost). The coordinator
 * picks one and may add free text; the indicators count by the category, never by the text.
 */
export const END_REASONS = [
  { key: 'goal_attained', ja: '目標達成', en: 'Goals attained' },
  { key: 'handed_over', ja: '他の支援機関へ引継ぎ', en: 'Handed over to another agency' },
  { key: 'moved_away', ja: '転居', en: 'Moved away' },
  { key: 'deceased', ja: '死亡', en: 'Deceased' },
  { key: 'person_wish', ja: '本人の意思による終了', en: 'Ended at the person’s wish' },
  { key: 'other', ja: 'その他', en: 'Other' },
] as const;

export const SUSPENSION_REASONS = [
  { key: 'contact_lost', ja: '連絡が取れない', en: 'All contact lost' },
  { key: 'person_refused', ja: '本人が支援を拒否', en: 'The person refuses support' },
  { key: 'hospitalised', ja: '入院・入所', en: 'In hospital or residential care' },
  { key: 'whereabouts_unknown', ja: '転居先不明', en: 'Moved, whereabouts unknown' },
  { key: 'other', ja: 'その他', en: 'Other' },
] as const;

export type EndReason = (typeof END_REASONS)[number]['key'];
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number]['key'];

/** Every code either list uses (one zod enum for the request). */
export const CASE_REASON_CODES = [...new Set([...END_REASONS, ...SUSPENSION_REASONS].map((r) => r.key))] as [string, ...string[]];

/** The list for a status: 終結 and 中断 each have their own; 再開 takes none. */
export function reasonsFor(status: 'ended' | 'suspended' | 'active'): readonly { key: string; ja: string; en: string }[] {
  if (status === 'ended') return END_REASONS;
  if (status === 'suspended') return SUSPENSION_REASONS;
  return [];
}

/** The Japanese label of a code under a status; unknown codes read as その他. */
export function reasonLabel(status: 'ended' | 'suspended', code: string | null, locale: 'ja' | 'en' = 'ja'): string {
  const found = reasonsFor(status).find((r) => r.key === code) ?? reasonsFor(status).find((r) => r.key === 'other')!;
  return locale === 'ja' ? found.ja : found.en;
}
