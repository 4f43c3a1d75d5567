import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import type { TextCollection } from '../../../shared/board/texts.ts';
import { openItemTexts, type ItemTextSession } from './item-text-session.ts';

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

/**
 * Edit mode of a row whose typed fields are shared texts: entering it gives each field its Y.Text
 * (made from the item's plain string for an item from an older document), typing goes straight
 * into them (and merges with others typing in the same row), and 取消 undoes only this viewer's
 * typing of this edit. When another screen's text replaces one of ours in the first edit of an
 * older item, the words typed here are carried over and the fields switch (item-text-session.ts).
 */
export function useItemTextEditing(doc: Y.Doc | null, collection: TextCollection, item: { id: string } & Record<string, unknown>, editing: boolean): ItemTextEditing {
  const [texts, setTexts] = useState<Record<string, Y.Text> | null>(null);
  const session = useRef<ItemTextSession | null>(null);
  useEffect(() => {
    if (!editing || !doc || doc.isDestroyed) return;
    const opened = openItemTexts(doc, collection, item, setTexts);
    session.current = opened;
    setTexts(opened.texts);
    return () => {
      opened.close();
      session.current = null;
      setTexts(null);
    };
    // The item's other fields change while editing; its texts do not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing, doc, collection, item.id]);
  const revert = useCallback(() => session.current?.revert(), []);
  const handOver = useCallback(() => session.current?.handOver() ?? null, []);
  return { texts, revert, handOver };
}
