import * as Y from 'yjs';
import { ensureItemText, ITEM_TEXT_FIELDS, itemText, textKey, textsOf, type TextCollection } from '../../../shared/board/texts.ts';
import { carryOver } from './text-ops.ts';
import { TYPING_ORIGIN } from './useYTextInput.ts';

/** One edit of an item's typed fields (see useItemTextEditing, which holds one while editing). */
export interface ItemTextSession {
  /** The shared text of each typed field, as in use now. */
  readonly texts: Readonly<Record<string, Y.Text>>;
  /** Takes back what this viewer typed in this edit (others' words stay). */
  revert(): void;
  /** The undo of this edit's typing, which stops capturing and is the caller's from now on. */
  handOver(): Y.UndoManager | null;
  close(): void;
}

const undoManager = (texts: Record<string, Y.Text>) => new Y.UndoManager(Object.values(texts), { trackedOrigins: new Set([TYPING_ORIGIN]), captureTimeout: 600_000 });

/**
 * Starts editing an item's typed fields: each gets its Y.Text (made from the item's plain string
 * for an item from an older document), and what this viewer types is tracked for 取消.
 *
 * Two screens starting the first edit of an older item at the same moment each make a Y.Text; one
 * replaces the other when they meet, and the words in the replaced one would be gone (with every
 * keystroke typed into it afterwards). So the session watches its keys: when another screen's text
 * replaces ours, what was typed here is carried into it, and `onReplaced` tells the fields to
 * switch to it.
 */
export function openItemTexts(doc: Y.Doc, collection: TextCollection, item: { id: string } & Record<string, unknown>, onReplaced: (texts: Record<string, Y.Text>) => void): ItemTextSession {
  const found: Record<string, Y.Text> = {};
  doc.transact(() => {
    for (const field of ITEM_TEXT_FIELDS[collection]) found[field] = ensureItemText(doc, collection, item, field);
  });
  // What each text said when editing began, and the last it said (a replaced text reads empty).
  const started: Record<string, string> = {};
  const seen: Record<string, string> = {};
  const watchers: Record<string, () => void> = {};
  const watch = (field: string) => {
    const text = found[field]!;
    started[field] = seen[field] = text.toString();
    watchers[field] = () => {
      seen[field] = text.toString();
    };
    text.observe(watchers[field]);
  };
  for (const field of Object.keys(found)) watch(field);
  let undo: Y.UndoManager | null = undoManager(found);

  const onKeys = (event: Y.YMapEvent<Y.Text>) => {
    const replaced = Object.keys(found).filter((field) => {
      if (!event.keysChanged.has(textKey(collection, item.id, field))) return false;
      const now = itemText(doc, collection, item.id, field);
      return now !== null && now !== found[field];
    });
    if (replaced.length === 0) return;
    const typed = replaced.map((field) => ({ field, from: started[field]!, to: seen[field]! }));
    for (const field of replaced) {
      found[field]!.unobserve(watchers[field]!);
      found[field] = itemText(doc, collection, item.id, field)!;
      watch(field);
    }
    // A fresh undo over the texts now in use, before carrying over: 取消 takes that back too.
    const handedOver = undo === null;
    undo?.destroy();
    undo = handedOver ? null : undoManager(found);
    for (const { field, from, to } of typed) carryOver(found[field]!, from, to, TYPING_ORIGIN);
    onReplaced({ ...found });
  };
  const map = textsOf(doc);
  map.observe(onKeys);

  return {
    get texts() {
      return { ...found };
    },
    revert() {
      while (undo?.canUndo()) undo.undo();
    },
    handOver() {
      const manager = undo;
      undo = null;
      manager?.removeTrackedOrigin(TYPING_ORIGIN);
      return manager;
    },
    close() {
      map.unobserve(onKeys);
      for (const field of Object.keys(found)) found[field]!.unobserve(watchers[field]!);
      undo?.destroy();
      undo = null;
    },
  };
}
