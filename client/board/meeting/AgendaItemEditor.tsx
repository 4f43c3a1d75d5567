import { useEffect, useId, useRef, useState } from 'react';
import type * as Y from 'yjs';
import type { AgendaItem } from '../../../shared/board/schema.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { editKeys } from '../roles/RowActions.tsx';
import { useItemTextEditing } from '../text/useItemTextEditing.ts';
import { YTextInput } from '../text/YTextField.tsx';

interface Props {
  map: Y.Map<AgendaItem>;
  /** The item as shown (its wording read through the shared text). */
  item: AgendaItem;
  onClose(): void;
}

/**
 * Renaming an agenda item in place: the wording is typed into the item's shared text (made from
 * the plain string of a template item or an older document when editing begins), so two screens
 * renaming it at once keep both their words. Enter saves, Escape takes back this screen's typing.
 */
export function AgendaItemEditor({ map, item, onClose }: Props) {
  const { t } = useI18n();
  const id = useId();
  const doc = map.doc!;
  const editing = useItemTextEditing(doc, 'agenda', item as AgendaItem & Record<string, unknown>, true);
  const shared = editing.texts?.text;
  const [problem, setProblem] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector('input')?.focus();
  }, [shared]);

  const save = () => {
    const text = shared?.toString().trim() ?? '';
    if (text === '') {
      setProblem(true);
      return;
    }
    // The plain string is kept in step for boards of an older version (texts.ts); re-read the
    // item, somebody may have ticked it meanwhile.
    const current = map.get(item.id);
    if (current) map.set(item.id, { ...current, text });
    onClose();
  };
  const cancel = () => {
    editing.revert();
    onClose();
  };

  return (
    <div className="agenda-edit" ref={box} onKeyDown={editKeys(save, cancel)} data-testid="agenda-edit">
      {shared && (
        <YTextInput
          text={shared}
          aria-label={t('agendaItemText')}
          maxLength={500}
          aria-invalid={problem || undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
        />
      )}
      <button type="button" onClick={save}>
        {t('agendaSave')}
      </button>
      <button type="button" className="secondary" onClick={cancel}>
        {t('agendaCancel')}
      </button>
      {problem && (
        <p id={`${id}-problem`} className="error" role="alert">
          {t('agendaTextRequired')}
        </p>
      )}
    </div>
  );
}
