import { useCallback, useEffect, useRef, useState } from 'react';
import * as Y from 'yjs';
import { ensureItemText, ITEM_TEXT_FIELDS, type TextCollection } from '../../../shared/board/texts.ts';
import { TYPING_ORIGIN } from './useYTextInput.ts';

export interface ItemTextEditing {
  /** The shared texts of the row's typed fields while it is in edit mode (null otherwise). */
  texts: Record<string, Y.Text> | null;
  /** Cancel: takes back what this viewer typed in this edit (others' words stay). */
  revert(): void;
}

/**
 * Edit mode of a row whose typed fields are shared texts: entering it gives each field its Y.Text
 * (made from the item's plain string for an item from an older document), typing goes straight
 * into them (and merges with others typing in the same row), and 取消 undoes only this viewer's
 * typing of this edit.
 */
export function useItemTextEditing(doc: Y.Doc, collection: TextCollection, item: { id: string } & Record<string, unknown>, editing: boolean): ItemTextEditing {
  const [texts, setTexts] = useState<Record<string, Y.Text> | null>(null);
  const undo = useRef<Y.UndoManager | null>(null);
  useEffect(() => {
    if (!editing || doc.isDestroyed) return;
    const found: Record<string, Y.Text> = {};
    doc.transact(() => {
      for (const field of ITEM_TEXT_FIELDS[collection]) found[field] = ensureItemText(doc, collection, item, field);
    });
    const manager = new Y.UndoManager(Object.values(found), { trackedOrigins: new Set([TYPING_ORIGIN]), captureTimeout: 600_000 });
    undo.current = manager;
    setTexts(found);
    return () => {
      manager.destroy();
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
  return { texts, revert };
}
