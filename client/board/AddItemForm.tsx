import { createItemTexts } from '../../shared/board/texts.ts';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { UserView } from '../../shared/api/auth.ts';
import type { PersonView } from '../../shared/api/cases.ts';
import type { Manifest } from '../../shared/api/compartments.ts';
import type { DirectoryView } from '../../shared/api/participants.ts';
import { notesOf } from '../../shared/board/items.ts';
import { api, unwrap } from '../api/client.ts';
import type { BoardNote, CompartmentPool } from '../collab/compartment-pool.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { newItemId } from './board-format.ts';
import { initialLabel, toLabelInput } from './label/label-draft.ts';
import { PersonCategoryFields, RestrictionFields } from './label/LabelFields.tsx';

type Organisation = DirectoryView['organisations'][number];

interface Props {
  caseId: string;
  ctx: string;
  user: UserView;
  persons: readonly PersonView[];
  organisations: readonly Organisation[];
  pool: CompartmentPool;
  refresh(): Promise<Manifest | null>;
  onClose(): void;
}

/**
 * Adds a labelled fact: the label (person, category, restriction) picks the compartment, which
 * the server registers (or finds) for the author's agency; the note is then written into that
 * compartment's document, opened through a fresh manifest like any other.
 */
export function AddItemForm({ caseId, ctx, user, persons, organisations, pool, refresh, onClose }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [label, setLabel] = useState(() => initialLabel(persons));
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const first = useRef<HTMLSelectElement>(null);

  useEffect(() => first.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = text.trim();
    if (body === '') {
      setMessage({ kind: 'error', text: t('textRequired') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const { docName } = await unwrap<{ docName: string }>(
        api.cases[':caseId'].compartments.$post({ param: { caseId }, json: { ctx, label: toLabelInput(label) } }),
      );
      // A new compartment reaches us through the manifest, like every other one.
      if (!pool.get(docName)) await refresh();
      const compartment = await pool.whenSynced(docName);
      if (compartment.access !== 'write') throw new Error(t('addFailed'));
      const note: BoardNote = {
        id: newItemId(),
        text: body,
        authorId: user.id,
        authorName: user.displayName,
        authorOrgName: user.orgName,
        createdAt: new Date().toISOString(),
      };
      compartment.doc.transact(() => {
        notesOf(compartment.doc).set(note.id, note);
        createItemTexts(compartment.doc, 'notes', note as unknown as BoardNote & Record<string, unknown>);
      });
      setText('');
      setMessage({ kind: 'ok', text: t('itemAdded') });
    } catch (error) {
      setMessage({ kind: 'error', text: `${t('addFailed')}: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id="add-item-form" className="add-item" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} data-testid="add-item-form">
      <h3 id={`${id}-title`}>{t('addItemTitle')}</h3>
      {/* The note sits between who/what and the restriction, as the form has always read. */}
      <PersonCategoryFields skin="item" value={label} onChange={setLabel} persons={persons} firstRef={first} />
      <label>
        {t('fieldText')}
        <textarea name="text" rows={3} value={text} onChange={(e) => setText(e.target.value)} required />
      </label>
      <RestrictionFields skin="item" value={label} onChange={setLabel} organisations={organisations} ownOrgId={user.orgId} />
      <div className="item-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('adding') : t('submitAdd')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('closeForm')}
        </button>
        <span role="status" className={message?.kind === 'error' ? 'error' : 'ok'} data-testid="add-item-status">
          {message?.text}
        </span>
      </div>
    </form>
  );
}
