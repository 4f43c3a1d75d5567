import * as Y from 'yjs';
import type { LabelView } from '../../shared/api/compartments.ts';
import type { RecordView } from '../../shared/api/records.ts';
import { board, type AgendaItem, type Decision, type PlanItem, type RoleAssignment } from '../../shared/board/schema.ts';
import { isNoteItem, type NoteItem } from '../../shared/board/items.ts';
import { withItemTexts, type TextCollection } from '../../shared/board/texts.ts';

/**
 * A record decoded for the screen: one fresh Y.Doc per frozen document, never connected to a
 * provider, so nothing read here can be edited or sent anywhere. Readers tolerate absent or
 * foreign shapes: a record is read years after it was written, possibly by an older client.
 */
export interface LabelledDoc {
  docName: string;
  label: LabelView;
  doc: Y.Doc;
}

export interface RecordSnapshot {
  /** Minutes, agenda, decisions; null when the viewer is not admitted to the meeting document. */
  meetingDoc: Y.Doc | null;
  compartments: LabelledDoc[];
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function docFrom(state: string): Y.Doc {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, base64ToBytes(state));
  } catch (error) {
    // One unreadable snapshot must not hide the rest of the record.
    console.error('[records] unreadable snapshot', error);
  }
  return doc;
}

export function decodeRecord(view: RecordView): RecordSnapshot {
  let meetingDoc: Y.Doc | null = null;
  const compartments: LabelledDoc[] = [];
  for (const d of view.docs) {
    if (d.label === null) meetingDoc = docFrom(d.state);
    else compartments.push({ docName: d.docName, label: d.label, doc: docFrom(d.state) });
  }
  return { meetingDoc, compartments };
}

export function destroySnapshot(snapshot: RecordSnapshot): void {
  snapshot.meetingDoc?.destroy();
  for (const c of snapshot.compartments) c.doc.destroy();
}

function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/** A stored value as plain data: free text may be a string or a Y.Text, an item a Y.Map (issue 11). */
function plain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? (value as Y.AbstractType<unknown>).toJSON() : value;
}

function objects<T>(map: Y.Map<T>): T[] {
  return [...map.values()].map((v) => plain(v) as T).filter((v): v is T => typeof v === 'object' && v !== null);
}

/** Items of the meeting document with their typed fields read through its `texts` map (texts.ts). */
const meetingItems = <T extends { id: string }>(doc: Y.Doc, map: Y.Map<T>, collection: TextCollection): T[] =>
  objects(map).map((item) => (typeof item.id === 'string' ? safely(() => withItemTexts(doc, collection, item), item) : item));

export const readDecisions = (doc: Y.Doc | null): Decision[] =>
  doc
    ? safely(() => meetingItems(doc, board.decisions(doc), 'decisions').filter((d) => typeof d.text === 'string').sort((a, b) => String(a.createdAt ?? '').localeCompare(String(b.createdAt ?? ''))), [])
    : [];

export const readAgenda = (doc: Y.Doc | null): AgendaItem[] =>
  doc ? safely(() => meetingItems(doc, board.agenda(doc), 'agenda').filter((a) => typeof a.text === 'string').sort((a, b) => (a.order ?? 0) - (b.order ?? 0)), []) : [];

/** Items of every visible compartment, each with the label it was shared under. */
function collect<T>(compartments: LabelledDoc[], read: (doc: Y.Doc) => Y.Map<T>, valid: (v: T) => boolean): { item: T; label: LabelView }[] {
  return compartments.flatMap((c) => safely(() => objects(read(c.doc)).filter(valid), [] as T[]).map((item) => ({ item, label: c.label })));
}

/** Typed fields read through their Y.Text when there is one (shared/board/texts.ts). */
const typed = <T extends { id: string }>(compartments: LabelledDoc[], collection: TextCollection, rows: { item: T; label: LabelView }[]) =>
  rows.map((row) => {
    const doc = compartments.find((c) => c.label === row.label)?.doc;
    return doc ? { ...row, item: safely(() => withItemTexts(doc, collection, row.item), row.item) } : row;
  });

export const readPlanItems = (compartments: LabelledDoc[]) => typed(compartments, 'planItems', collect<PlanItem>(compartments, board.planItems, (p) => typeof p.id === 'string'));
export const readRoles = (compartments: LabelledDoc[]) => typed(compartments, 'roles', collect<RoleAssignment>(compartments, board.roles, (r) => typeof r.id === 'string'));
export const readNotes = (compartments: LabelledDoc[]) =>
  typed(compartments, 'notes', collect<NoteItem>(compartments, (doc) => board.notes(doc), isNoteItem)).sort((a, b) => String(a.item.createdAt).localeCompare(String(b.item.createdAt)));

/**
 * The plan's fields (本人の目標, 支援方針, stage, monitoringDate): from the subject's basic
 * compartment, unrestricted ones first (the same choice the server makes for compare and DOCX).
 */
export function readPlan(compartments: LabelledDoc[], subjectId: string | null): Record<string, string> {
  const candidates = compartments
    .filter((c) => c.label.category === 'basic' && c.label.personId === subjectId)
    .sort((a, b) => restrictiveness(a.label) - restrictiveness(b.label) || a.docName.localeCompare(b.docName));
  for (const c of candidates) {
    const fields = safely(() => {
      const out: Record<string, string> = {};
      for (const [key, value] of (board.plan(c.doc) as Y.Map<unknown>).entries()) {
        const text = plain(value);
        if (typeof text === 'string') out[key] = text;
      }
      return out;
    }, {});
    if (Object.keys(fields).length > 0) return fields;
  }
  return {};
}

function restrictiveness(label: LabelView): number {
  return (label.allowOrgIds === null ? 0 : 2) + (label.notToPerson ? 1 : 0);
}

export function planTextDoc(compartments: LabelledDoc[], subjectId: string | null): Y.Doc | null {
  const c = compartments.find((d) => d.label.category === 'basic' && d.label.personId === subjectId && safely(() => board.planText(d.doc).length > 0, false));
  return c?.doc ?? null;
}
