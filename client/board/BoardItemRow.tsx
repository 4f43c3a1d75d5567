import { useEffect, useId, useRef, useState } from 'react';
import { notesOf } from '../../shared/board/items.ts';
import type { BoardNote, CompartmentDoc } from '../collab/compartment-pool.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { fill } from './board-format.ts';
import { RestrictionBadges } from './label/LabelBadges.tsx';
import { deleteItemTexts, ensureItemText } from '../../shared/board/texts.ts';
import { applySplice, spliceBetween } from './text/text-ops.ts';
import { TYPING_ORIGIN } from './text/useYTextInput.ts';

interface Props {
  note: BoardNote;
  compartment: CompartmentDoc;
  orgName(orgId: string): string;
  /** Own note in a compartment this viewer may write. */
  editable: boolean;
}

/** One labelled fact: category, text, supplying agency, restriction badges; inline edit/delete. */
export function BoardItemRow({ note, compartment, orgName, editable }: Props) {
  const { t, tx, dateTime } = useI18n();
  const { label, docName } = compartment;
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete'>('view');
  const [draft, setDraft] = useState(note.text);
  const textId = useId();
  const editorRef = useRef<HTMLTextAreaElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (mode === 'edit') editorRef.current?.focus();
  }, [mode]);

  const backToView = () => {
    setMode('view');
    // Keep the keyboard where it was: on the row's first action.
    requestAnimationFrame(() => editButton.current?.focus());
  };
  const save = () => {
    const text = draft.trim();
    if (text === '') return;
    if (text !== note.text) {
      // Only the author edits a note, so the edit is applied as one change of its shared text
      // (texts.ts); the plain string is kept in step for readers of older documents.
      const doc = compartment.doc;
      doc.transact(() => {
        const shared = ensureItemText(doc, 'notes', note as BoardNote & Record<string, unknown>, 'text');
        const splice = spliceBetween(shared.toString(), text);
        if (splice) applySplice(shared, splice, TYPING_ORIGIN);
        notesOf(doc).set(note.id, { ...note, text, updatedAt: new Date().toISOString() });
      }, TYPING_ORIGIN);
    }
    backToView();
  };
  const remove = () => {
    compartment.doc.transact(() => {
      notesOf(compartment.doc).delete(note.id);
      deleteItemTexts(compartment.doc, 'notes', note.id);
    });
    // The row is gone: hand the keyboard to the list's heading rather than to the page's top.
    document.getElementById('items-title')?.focus();
  };

  return (
    <li className="board-item" data-testid="board-item" data-doc={docName} data-category={label.category} data-access={compartment.access}>
      <div className="item-head">
        <span className={`cat-chip cat-${label.category}`}>{tx(`cat_${label.category}`)}</span>
        <RestrictionBadges label={label} orgName={orgName} />
        {compartment.access === 'read' && <span className="badge badge-muted">{t('badgeReadOnly')}</span>}
      </div>
      {mode === 'edit' ? (
        <form
          className="item-edit"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') backToView();
          }}
        >
          <label htmlFor={textId} className="visually-hidden">
            {t('editItemLabel')}
          </label>
          <textarea id={textId} ref={editorRef} value={draft} rows={3} required onChange={(e) => setDraft(e.target.value)} />
          <div className="item-actions">
            <button type="submit" disabled={draft.trim() === ''}>
              {t('saveItem')}
            </button>
            <button type="button" className="secondary" onClick={backToView}>
              {t('cancel')}
            </button>
          </div>
        </form>
      ) : (
        <p className="item-text" id={textId}>
          {note.text}
        </p>
      )}
      <p className="item-meta">
        {fill(t('suppliedBy'), { org: orgName(label.supplierOrgId) })} · {fill(t('enteredBy'), { name: note.authorName })} ·{' '}
        <time dateTime={note.updatedAt ?? note.createdAt}>{dateTime(note.updatedAt ?? note.createdAt)}</time>
        {note.updatedAt && ` ${t('edited')}`}
      </p>
      {editable && mode === 'view' && (
        <div className="item-actions" role="group" aria-label={fill(t('itemActionsFor'), { text: note.text.slice(0, 20) })}>
          <button
            type="button"
            ref={editButton}
            className="secondary"
            onClick={() => {
              setDraft(note.text);
              setMode('edit');
            }}
          >
            {t('editItem')}
          </button>
          <button type="button" className="secondary danger" onClick={() => setMode('confirm-delete')}>
            {t('deleteItem')}
          </button>
        </div>
      )}
      {editable && mode === 'confirm-delete' && (
        <div className="item-actions" role="group" aria-label={t('confirmDeleteItem')} aria-describedby={textId}>
          <span>{t('confirmDeleteItem')}</span>
          <button type="button" className="danger" onClick={remove} autoFocus>
            {t('confirmDelete')}
          </button>
          <button type="button" className="secondary" onClick={backToView}>
            {t('cancel')}
          </button>
        </div>
      )}
    </li>
  );
}
