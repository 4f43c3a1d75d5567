import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { fill } from '../board-format.ts';

/**
 * Enter saves, Escape cancels an in-place edit. Enter that commits an IME conversion (Japanese
 * input) must not save: it only ends the composition, so composing keystrokes are ignored.
 */
export function editKeys(save: () => void, cancel: () => void) {
  return (event: KeyboardEvent) => {
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    } else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement) && !(event.target instanceof HTMLTextAreaElement)) {
      event.preventDefault();
      save();
    }
  };
}

interface Props {
  /** Short text naming the row for screen readers ("見守り訪問 (山田 ハル)"). */
  what: string;
  canEdit: boolean;
  canDelete: boolean;
  editing: boolean;
  onEdit(): void;
  onSave(): void;
  onCancel(): void;
  onDelete(): void;
}

/** The actions cell of an editable table row: 編集/削除, or 保存/キャンセル, or the delete check. */
export function RowActions({ what, canEdit, canDelete, editing, onEdit, onSave, onCancel, onDelete }: Props) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(editing);

  useEffect(() => {
    // Leaving the edit (saved or cancelled) hands the keyboard back to the row's 編集 button.
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  if (!canEdit && !canDelete) return null;
  const group = fill(t('rowActionsFor'), { what });
  if (editing) {
    return (
      <div className="rp-actions" role="group" aria-label={group}>
        <button type="button" onClick={onSave}>
          {t('rowSave')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('rowCancel')}
        </button>
      </div>
    );
  }
  if (confirming) {
    return (
      <div className="rp-actions" role="group" aria-label={`${t('rowDeleteAsk')} ${what}`}>
        <button type="button" className="danger" onClick={onDelete} autoFocus>
          {t('rowDeleteConfirm')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setConfirming(false);
            requestAnimationFrame(() => editButton.current?.focus());
          }}
        >
          {t('rowCancel')}
        </button>
      </div>
    );
  }
  return (
    <div className="rp-actions" role="group" aria-label={group}>
      {canEdit && (
        <button type="button" ref={editButton} className="secondary" onClick={onEdit}>
          {t('rowEdit')}
        </button>
      )}
      {canDelete && (
        <button type="button" className="secondary danger" onClick={() => setConfirming(true)}>
          {t('rowDelete')}
        </button>
      )}
    </div>
  );
}
