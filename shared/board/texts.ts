import * as Y from 'yjs';
import { markSchemaVersion } from './schema.ts';

/**
 * Free text on the board as Y.Text, so two people typing in the same field at once both keep
 * their words (a plain string in a Y.Map keeps only the last writer's).
 *
 * Where the text lives (schema version 2; version 3 adds the meeting document and the ecomap):
 * - The plan's 本人の目標 and 支援方針: the value of `plan.goal` / `plan.policy` is a Y.Text.
 *   Documents written before hold a plain string there; readers accept both (`planFieldText`), and
 *   the first writer replaces the string by a Y.Text with the same words (`ensurePlanText`).
 * - Item fields (role text, 担当者, plan item 内容, note text): Y.Map `texts` of the compartment,
 *   key `<collection>/<itemId>/<field>` (e.g. `roles/r-1/role`), value Y.Text. The item's JSON keeps
 *   the plain string as written at creation (and at each save of its row), which is what older
 *   documents and older readers have; `itemFieldText` prefers the Y.Text when there is one.
 * - Since version 3 the same for 決定事項 and 議題 (the meeting document's own `texts` map, keys
 *   `decisions/<id>/text`, `agenda/<id>/text`) and for the ecomap's names and relationship notes
 *   (the compartment's `texts`, `ecoNodes/<id>/label`, `ecoEdges/<id>/label`).
 *
 * Items are created with their Y.Text in the same transaction, so a new item never races. An item
 * from an older document gets its Y.Text on its first edit: if two people make that very first edit
 * within the same network round trip, the later Y.Text replaces the earlier one (one of those two
 * first keystrokes is lost); every edit after that merges.
 */
export const TEXTS_KEY = 'texts';

/** Which fields of which item collections are Y.Text (in the `texts` map). */
export const ITEM_TEXT_FIELDS = {
  roles: ['role', 'personInCharge'],
  planItems: ['what'],
  notes: ['text'],
  decisions: ['text'],
  agenda: ['text'],
  ecoNodes: ['label'],
  ecoEdges: ['label'],
} as const;

/** Collections of the meeting document: writing their texts marks it version 3 (see schema.ts). */
const MEETING_COLLECTIONS: readonly TextCollection[] = ['decisions', 'agenda'];

export type TextCollection = keyof typeof ITEM_TEXT_FIELDS;
export type TextField<C extends TextCollection> = (typeof ITEM_TEXT_FIELDS)[C][number];

/** The plan fields that are Y.Text (the others, stage and dates, are picked, not typed). */
export const PLAN_TEXT_FIELDS = ['goal', 'policy'] as const;
export type PlanTextField = (typeof PLAN_TEXT_FIELDS)[number];

export function textsOf(doc: Y.Doc): Y.Map<Y.Text> {
  return doc.getMap<Y.Text>(TEXTS_KEY);
}

export function textKey(collection: TextCollection, itemId: string, field: string): string {
  return `${collection}/${itemId}/${field}`;
}

/** The Y.Text of one item field, or null when the item predates Y.Text (or never had the field). */
export function itemText(doc: Y.Doc, collection: TextCollection, itemId: string, field: string): Y.Text | null {
  const value: unknown = textsOf(doc).get(textKey(collection, itemId, field));
  return value instanceof Y.Text ? value : null;
}

/** What one item field says now: the Y.Text if there is one, else the string in the item. */
export function itemFieldText(doc: Y.Doc, collection: TextCollection, item: { id: string } & Record<string, unknown>, field: string): string {
  const text = itemText(doc, collection, item.id, field);
  if (text) return text.toString();
  const plain = item[field];
  return typeof plain === 'string' ? plain : '';
}

/** The item with every text field read through its Y.Text: what screens and records show. */
export function withItemTexts<T extends { id: string }>(doc: Y.Doc, collection: TextCollection, item: T): T {
  if (typeof item !== 'object' || item === null || typeof item.id !== 'string') return item;
  const out: Record<string, unknown> = { ...item };
  for (const field of ITEM_TEXT_FIELDS[collection]) {
    const text = itemText(doc, collection, item.id, field);
    if (text) out[field] = text.toString();
  }
  return out as T;
}

/** Creates the Y.Texts of a new item; call inside the transaction that adds the item. */
export function createItemTexts(doc: Y.Doc, collection: TextCollection, item: { id: string } & Record<string, unknown>): void {
  const texts = textsOf(doc);
  if (MEETING_COLLECTIONS.includes(collection)) markSchemaVersion(doc);
  for (const field of ITEM_TEXT_FIELDS[collection]) {
    const initial = item[field];
    texts.set(textKey(collection, item.id, field), new Y.Text(typeof initial === 'string' ? initial : ''));
  }
}

/** The Y.Text of an item field, created from the item's plain string on first edit (migration). */
export function ensureItemText(doc: Y.Doc, collection: TextCollection, item: { id: string } & Record<string, unknown>, field: string): Y.Text {
  const existing = itemText(doc, collection, item.id, field);
  if (existing) return existing;
  const plain = item[field];
  const text = new Y.Text(typeof plain === 'string' ? plain : '');
  textsOf(doc).set(textKey(collection, item.id, field), text);
  if (MEETING_COLLECTIONS.includes(collection)) markSchemaVersion(doc);
  return text;
}

/** Removes an item's texts with the item (nothing of a deleted item stays readable). */
export function deleteItemTexts(doc: Y.Doc, collection: TextCollection, itemId: string): void {
  const texts = textsOf(doc);
  for (const field of ITEM_TEXT_FIELDS[collection]) texts.delete(textKey(collection, itemId, field));
}

/** 本人の目標 / 支援方針 as text, whether the document holds a Y.Text or an older plain string. */
export function planFieldText(plan: Y.Map<unknown>, field: string): string {
  const value = plan.get(field);
  if (value instanceof Y.Text) return value.toString();
  return typeof value === 'string' ? value : '';
}

/** The Y.Text of a plan field; an older plain string becomes a Y.Text with the same words. */
export function ensurePlanText(plan: Y.Map<unknown>, field: PlanTextField): Y.Text {
  const value = plan.get(field);
  if (value instanceof Y.Text) return value;
  const text = new Y.Text(typeof value === 'string' ? value : '');
  plan.set(field, text);
  return text;
}
