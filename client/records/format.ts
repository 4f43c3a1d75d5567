import type { LabelView } from '../../shared/api/compartments.ts';
import type { TimelineEntry } from '../../shared/api/records.ts';

/** Small wording helpers shared by the records screens. */

type Tx = (key: string) => string;

/**
 * A label for a code read from a record (a state, a field, a category): the message when there
 * is one, else a neutral word. The raw code (rec_plan_createdAt, an English enum value) never
 * reaches the screen, whatever an older or newer client stored.
 */
export function known(tx: Tx, key: string, fallback = '—'): string {
  const text = tx(key);
  return text === key ? fallback : text;
}

/** Whether a field of a record has a label of its own (internal fields such as createdAt have none). */
export const hasLabel = (tx: Tx, key: string): boolean => tx(key) !== key;

/** 重層的支援会議 · プラン策定時 */
export function kindAndMoment(tx: Tx, meeting: { kindName: string; moment: string | null }): string {
  const moment = meeting.moment ? known(tx, `moment_${meeting.moment}`, '') : '';
  return moment ? `${meeting.kindName} · ${moment}` : meeting.kindName;
}

/** Plan stage as municipalities count it: 策定 / 変更 / 終結 / 中断. */
export const stageLabel = (tx: Tx, stage: string | null | undefined): string => (stage ? known(tx, `rec_stage_${stage}`) : '—');

/** 山田 ハル · 生活状況 (the label an item was shared under, in words). */
export function labelText(tx: Tx, label: LabelView, personName: (id: string) => string): string {
  return `${personName(label.personId)} · ${known(tx, `cat_${label.category}`, known(tx, 'rec_unknownField'))}`;
}

/** A plain date (2026-05-31) or an ISO instant, in 和暦 through the i18n date(); '—' when absent. */
export function optionalDate(date: (iso: string) => string, value: unknown): string {
  return typeof value === 'string' && value !== '' ? date(value) : '—';
}

/** Fills `{name}` placeholders of a message. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}

/** Earlier meeting first, so a comparison always reads from before to after. */
export function chronological(a: TimelineEntry, b: TimelineEntry): [TimelineEntry, TimelineEntry] {
  return a.scheduledAt <= b.scheduledAt ? [a, b] : [b, a];
}

export const compareHref = (caseId: string, a: string, b: string) =>
  `/cases/${encodeURIComponent(caseId)}/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;
export const recordHref = (meetingId: string) => `/meetings/${encodeURIComponent(meetingId)}/record`;
