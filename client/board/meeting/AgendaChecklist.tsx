import { useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import type { AgendaItem } from '../../../shared/board/schema.ts';
import { deleteItemTexts } from '../../../shared/board/texts.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { fill } from '../board-format.ts';
import { AgendaItemEditor } from './AgendaItemEditor.tsx';

interface Props {
  map: Y.Map<AgendaItem>;
  items: readonly AgendaItem[];
  /** May tick (anyone with write access to the meeting document). */
  canTick: boolean;
  /** May reorder, rename and remove (the facilitator). */
  manage: boolean;
}

/** Agenda order: by `order`, then id, so every screen agrees even when two orders collide. */
export function sortAgenda(items: readonly AgendaItem[]): AgendaItem[] {
  return [...items].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

export const isAgendaItem = (v: unknown): v is AgendaItem =>
  typeof v === 'object' && v !== null && typeof (v as AgendaItem).id === 'string' && typeof (v as AgendaItem).text === 'string' && typeof (v as AgendaItem).order === 'number';

/**
 * The checklist, ticked live. Each tick replaces the item whole (the schema's rule); moving
 * renumbers the list in one transaction so others see one move, not a flicker of several. The
 * wording is a shared text (texts.ts): renaming types into it, and `items` read it.
 */
export function AgendaChecklist({ map, items, canTick, manage }: Props) {
  const { t } = useI18n();
  // After a move the row is re-inserted in the DOM and loses focus: put it back on the button.
  const refocus = useRef<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  useEffect(() => {
    if (!refocus.current) return;
    const el = document.getElementById(refocus.current) as HTMLButtonElement | null;
    refocus.current = null;
    el?.focus();
  });

  const tick = (item: AgendaItem, done: boolean) => map.set(item.id, { ...item, done });
  const remove = (item: AgendaItem) =>
    map.doc?.transact(() => {
      map.delete(item.id);
      deleteItemTexts(map.doc!, 'agenda', item.id);
    });
  const stopRenaming = (item: AgendaItem) => {
    setRenaming(null);
    refocus.current = `agenda-edit-${item.id}`;
  };
  const move = (index: number, delta: -1 | 1) => {
    const next = [...items];
    const [moved] = next.splice(index, 1);
    next.splice(index + delta, 0, moved!);
    map.doc?.transact(() => {
      next.forEach((item, i) => {
        const order = (i + 1) * 10;
        if (item.order !== order) map.set(item.id, { ...item, order });
      });
    });
    const target = index + delta;
    const edge = (delta === -1 && target === 0) || (delta === 1 && target === items.length - 1);
    refocus.current = `agenda-${edge ? (delta === -1 ? 'down' : 'up') : delta === -1 ? 'up' : 'down'}-${moved!.id}`;
  };

  return (
    <ol className="agenda-list" data-testid="agenda-list">
      {items.map((item, i) => (
        <li key={item.id} className={item.done ? 'agenda-item done' : 'agenda-item'} data-testid="agenda-item" data-item-id={item.id} data-done={item.done ? 'true' : 'false'}>
          {manage && renaming === item.id ? (
            <>
              <input type="checkbox" className="agenda-edit-check" checked={item.done} disabled={!canTick} onChange={(e) => tick(item, e.target.checked)} aria-label={item.text} />
              <AgendaItemEditor map={map} item={item} onClose={() => stopRenaming(item)} />
            </>
          ) : (
            <label className="agenda-check">
              <input type="checkbox" checked={item.done} disabled={!canTick} onChange={(e) => tick(item, e.target.checked)} />
              <span className="agenda-text">{item.text}</span>
            </label>
          )}
          {manage && renaming !== item.id && (
            <span className="agenda-actions">
              <button id={`agenda-edit-${item.id}`} type="button" className="icon secondary" onClick={() => setRenaming(item.id)} aria-label={fill(t('agendaEdit'), { text: item.text })}>
                ✎
              </button>
              <button id={`agenda-up-${item.id}`} type="button" className="icon secondary" disabled={i === 0} onClick={() => move(i, -1)} aria-label={fill(t('agendaMoveUp'), { text: item.text })}>
                ↑
              </button>
              <button
                id={`agenda-down-${item.id}`}
                type="button"
                className="icon secondary"
                disabled={i === items.length - 1}
                onClick={() => move(i, 1)}
                aria-label={fill(t('agendaMoveDown'), { text: item.text })}
              >
                ↓
              </button>
              <button type="button" className="icon secondary danger" onClick={() => remove(item)} aria-label={fill(t('agendaRemove'), { text: item.text })}>
                ×
              </button>
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
