import { useCallback, useEffect, useRef, useState } from 'react';
import * as Y from 'yjs';
import { ensureItemText, ITEM_TEXT_FIELDS, itemText, textKey, textsOf, type TextCollection } from '../../../shared/board/texts.ts';
import { carryOver } from './text-ops.ts';
import { TYPING_ORIGIN } from './useYTextInput.ts';

export interface ItemTextEditing {
  /** The shared texts of the row's typed fields while it is in edit mode (null otherwise). */
  texts: Record<string, Y.Text> | null;
  /** Cancel: takes back what this viewer typed in this edit (others' words stay). */
  revert(): void;
  /**
   * Save, for a panel with its own undo (the ecomap): the undo of this edit's typing, which stops
   * capturing and is the caller's from now on (the edit mode no longer destroys it).
   */
  handOver(): Y.UndoManager | null;
}

const undoManager = (texts: Record<string, Y.Text>) => new Y.UndoManager(Object.values(texts), { trackedOrigins: new Set([TYPING_ORIGIN]), captureTimeout: 600_000 });

/**
 * Edit mode of a row whose typed fields are shared texts: entering it gives each field its Y.Text
 * (made from the item's plain string for an item from an older document), typing goes straight
 * into them (and merges with others typing in the same row), and 取消 undoes only this viewer's
 * typing of this edit.
 *
 * Two screens entering the first edit of an older item at the same moment each make a Y.Text; one
 * replaces the other when they meet, and the words in the replaced one would be gone (with every
 * keystroke typed into it afterwards). So the row watches its keys: when another screen's text
 * replaces ours, what was typed here is carried into it and the fields switch to it.
 */
export function useItemTextEditing(doc: Y.Doc | null, collection: TextCollection, item: { id: string } & Record<string, unknown>, editing: boolean): ItemTextEditing {
  const [texts, setTexts] = useState<Record<string, Y.Text> | null>(null);
  const undo = useRef<Y.UndoManager | null>(null);
  useEffect(() => {
    if (!editing || !doc || doc.isDestroyed) return;
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
    undo.current = undoManager(found);

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
      undo.current?.destroy();
      undo.current = undoManager(found);
      for (const { field, from, to } of typed) carryOver(found[field]!, from, to, TYPING_ORIGIN);
      setTexts({ ...found });
    };
    const map = textsOf(doc);
    map.observe(onKeys);
    setTexts({ ...found });
    return () => {
      map.unobserve(onKeys);
      for (const field of Object.keys(found)) found[field]!.unobserve(watchers[field]!);
      undo.current?.destroy();
      undo.current = null;
      setTexts(null);
    };
    // The item's other fields change while editing; its texts do not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing, doc, collection, item.id]);
  const revert = useCallback(() => {
    const manager = undo.current;
    while (manager?.canUndo()) manager.undo();
  }, []);
  const handOver = useCallback(() => {
    const manager = undo.current;
    undo.current = null;
    manager?.removeTrackedOrigin(TYPING_ORIGIN);
    return manager;
  }, []);
  return { texts, revert, handOver };
}
