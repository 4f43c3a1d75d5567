import type * as Y from 'yjs';

/**
 * Inside every compartment document, labelled items live in Y.Maps keyed by item id. The label
 * is the compartment's: an item carries no label of its own, so it can never claim to be less
 * sensitive than the document that holds it.
 */
export const NOTES_MAP = 'notes'; // = KEYS.notes in schema.ts

/** A labelled fact shared at the conference (生活状況, 医療, 収入 …). */
export interface NoteItem {
  id: string;
  text: string;
  /** Who wrote it: only they edit or delete it (others may add beside it). */
  authorId?: string;
  authorName: string;
  authorOrgName: string;
  createdAt: string;
}

export function notesOf(doc: Y.Doc): Y.Map<NoteItem> {
  return doc.getMap<NoteItem>(NOTES_MAP);
}

export function isNoteItem(value: unknown): value is NoteItem {
  const v = value as NoteItem;
  return typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.text === 'string';
}
