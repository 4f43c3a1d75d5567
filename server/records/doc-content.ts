import * as Y from 'yjs';
import { withItemTexts, type TextCollection } from '../../shared/board/texts.ts';
import { board, type AgendaItem, type Decision, type EcoEdge, type EcoNode, type PlanItem, type RoleAssignment } from '../../shared/board/schema.ts';

/**
 * Reading frozen Yjs states on the server: for search text, the timeline, comparisons and the
 * DOCX export. Never writes. Every accessor tolerates absence and foreign shapes: a record is
 * read years after it was written, possibly by an older client with a different schema.
 */

export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
  } catch (error) {
    console.error('[records] unreadable snapshot:', error);
  }
  return doc;
}

/** A root type read defensively: a key defined with another type yields nothing, not a crash. */
function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

function textOf(node: Y.XmlText): string {
  return node
    .toDelta()
    .map((d: { insert?: unknown }) => (typeof d.insert === 'string' ? d.insert : ''))
    .join('');
}

/** Rich text (Tiptap's Y.XmlFragment) as lines: one per block, list items marked with ・. */
export function fragmentLines(fragment: Y.XmlFragment | Y.XmlElement, inList = false, out: string[] = []): string[] {
  let line = '';
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlText) {
      line += textOf(child);
    } else if (child instanceof Y.XmlElement) {
      if (line) out.push(inList ? `・${line}` : line);
      line = '';
      fragmentLines(child, inList || child.nodeName === 'listItem', out);
    }
  }
  if (line) out.push(inList ? `・${line}` : line);
  return out;
}

/**
 * A stored value as plain data. Free-text fields may be plain strings (older boards) or Y.Text
 * (concurrent typing merges, issue 11); an item may be a plain object or a Y.Map of such fields.
 * toJSON() turns every shared type into its plain reading (a Y.Text becomes its string).
 */
export function plain(value: unknown): unknown {
  return value instanceof Y.AbstractType ? (value as Y.AbstractType<unknown>).toJSON() : value;
}

/** A text field read as a string, whether stored as a string or as a Y.Text; else undefined. */
export function textValue(value: unknown): string | undefined {
  const v = plain(value);
  return typeof v === 'string' ? v : undefined;
}

function values<T>(map: Y.Map<T>): T[] {
  return [...map.values()].map((v) => plain(v) as T).filter((v): v is T => typeof v === 'object' && v !== null);
}

/** Items of one collection that have an id, their typed fields read through the `texts` map (texts.ts). */
function typedItems<T extends { id: string }>(doc: Y.Doc, map: Y.Map<T>, collection: TextCollection): T[] {
  return values(map)
    .filter((item) => typeof item.id === 'string')
    .map((item) => safely(() => withItemTexts(doc, collection, item), item));
}

export const read = {
  minutes: (doc: Y.Doc): string[] => safely(() => fragmentLines(board.minutes(doc)), []),
  planText: (doc: Y.Doc): string[] => safely(() => fragmentLines(board.planText(doc)), []),
  // Typed fields may live as Y.Text in the document's `texts` map (shared/board/texts.ts): the
  // meeting document's for decisions and agenda (version 3), the compartment's for the others.
  notes: (doc: Y.Doc) => safely(() => typedItems(doc, board.notes(doc), 'notes').filter((n) => typeof n.text === 'string'), []),
  decisions: (doc: Y.Doc): Decision[] => safely(() => typedItems(doc, board.decisions(doc), 'decisions').filter((d) => typeof d.text === 'string').sort(byCreated), []),
  agenda: (doc: Y.Doc): AgendaItem[] =>
    safely(() => typedItems(doc, board.agenda(doc), 'agenda').filter((a) => typeof a.text === 'string').sort((a, b) => (a.order ?? 0) - (b.order ?? 0)), []),
  planItems: (doc: Y.Doc): PlanItem[] => safely(() => typedItems(doc, board.planItems(doc), 'planItems'), []),
  roles: (doc: Y.Doc): RoleAssignment[] => safely(() => typedItems(doc, board.roles(doc), 'roles'), []),
  /** The plan's scalar fields (本人の目標, 支援方針, stage, monitoringDate): strings or Y.Text. */
  plan: (doc: Y.Doc): Record<string, string> =>
    safely(() => {
      const out: Record<string, string> = {};
      for (const [key, value] of (board.plan(doc) as Y.Map<unknown>).entries()) {
        const text = textValue(value);
        if (text !== undefined) out[key] = text;
      }
      return out;
    }, {}),
  ecoNodes: (doc: Y.Doc): EcoNode[] => safely(() => typedItems(doc, board.ecoNodes(doc), 'ecoNodes').filter((n) => Number.isFinite(n.x) && Number.isFinite(n.y)), []),
  ecoEdges: (doc: Y.Doc): EcoEdge[] => safely(() => typedItems(doc, board.ecoEdges(doc), 'ecoEdges').filter((e) => typeof e.from === 'string' && typeof e.to === 'string'), []),
  metaVideoUrl: (doc: Y.Doc): string | null =>
    safely(() => {
      const url = board.meta(doc).get('videoUrl');
      return typeof url === 'string' ? url : null;
    }, null),
};

function byCreated(a: Decision, b: Decision): number {
  return String(a.createdAt ?? '').localeCompare(String(b.createdAt ?? ''));
}

/**
 * Everything searchable in one document, as plain text (indexed at freeze time). A plan item's
 * `who` is an organisation id from the board (older items hold a name): `orgName` turns it into
 * the name, so a search finds the agency by name and a snippet never shows an id.
 */
export function searchableText(doc: Y.Doc, orgName: (id: string) => string | undefined = () => undefined): string {
  const parts: string[] = [];
  parts.push(...read.minutes(doc));
  for (const a of read.agenda(doc)) parts.push(a.text);
  for (const d of read.decisions(doc)) parts.push(d.text);
  const plan = read.plan(doc);
  for (const key of ['goal', 'policy']) if (plan[key]) parts.push(plan[key]);
  parts.push(...read.planText(doc));
  for (const p of read.planItems(doc)) parts.push([p.what, typeof p.who === 'string' ? (orgName(p.who) ?? p.who) : null].filter((s) => typeof s === 'string').join(' '));
  for (const r of read.roles(doc)) parts.push([r.role, r.personInCharge].filter((s) => typeof s === 'string').join(' '));
  for (const n of read.notes(doc)) parts.push(n.text);
  // The ecomap's names and relationship notes are typed too (an informal resource is often only there).
  for (const n of read.ecoNodes(doc)) if (typeof n.label === 'string') parts.push(n.label);
  for (const e of read.ecoEdges(doc)) if (typeof e.label === 'string') parts.push(e.label);
  return parts.filter((s) => s.trim() !== '').join('\n');
}
