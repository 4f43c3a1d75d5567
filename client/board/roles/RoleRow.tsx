import { useEffect, useRef, useState } from 'react';
import type { PersonView } from '../../../shared/api/cases.ts';
import { board, type RoleStatus } from '../../../shared/board/schema.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Organisation } from '../board-context.tsx';
import { fill } from '../board-format.ts';
import { LabelBadges } from '../label/LabelBadges.tsx';
import { editKeys, RowActions } from './RowActions.tsx';
import { ROLE_STATUSES, type BoardRole, type RoleRowData } from './roles-sort.ts';
import { AgencySelect } from '../label/AgencySelect.tsx';
import { deleteItemTexts } from '../../../shared/board/texts.ts';
import { useItemTextEditing } from '../text/useItemTextEditing.ts';
import { YTextInput } from '../text/YTextField.tsx';

interface Props {
  row: RoleRowData;
  persons: readonly PersonView[];
  organisations: readonly Organisation[];
  orgName(orgId: string): string;
  /** The viewer may write this row's compartment (and the meeting is not closed). */
  editable: boolean;
  /** The viewer entered this row. */
  own: boolean;
  onDeleted(): void;
}

/** What is picked in edit mode; the typed fields (role, 担当者) are shared texts, edited live. */
type Draft = Pick<BoardRole, 'orgId' | 'from' | 'until' | 'status'>;

/** One 役割分担 row; in edit mode its cells become inputs (Enter saves, Escape cancels). */
export function RoleRow({ row, persons, organisations, orgName, editable, own, onDeleted }: Props) {
  const { t, tx, date } = useI18n();
  const { role, from } = row;
  const [draft, setDraft] = useState<Draft | null>(null);
  const first = useRef<HTMLSelectElement>(null);
  const person = persons.find((p) => p.id === role.personId);
  const what = fill(t('rowFor'), { what: role.role, person: person?.name ?? '' });
  const editing = useItemTextEditing(from.doc, 'roles', role as BoardRole & Record<string, unknown>, draft !== null);

  useEffect(() => {
    if (draft) first.current?.focus();
    // Only on entering edit mode, not on each keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft !== null]);

  const edit = () => setDraft({ orgId: role.orgId, from: role.from, until: role.until, status: role.status });
  const cancel = () => {
    editing.revert();
    setDraft(null);
  };
  const save = () => {
    const texts = editing.texts;
    if (!draft || !texts || texts.role!.toString().trim() === '') return;
    const map = board.roles(from.doc);
    // Re-read the row: another participant may have changed it while this edit was open. The
    // plain strings are kept in step for readers of older documents (texts.ts).
    const current = map.get(role.id);
    if (current) map.set(role.id, { ...current, ...draft, role: texts.role!.toString().trim(), personInCharge: texts.personInCharge!.toString().trim(), updatedAt: new Date().toISOString() } as BoardRole);
    setDraft(null);
  };
  const remove = () => {
    from.doc.transact(() => {
      board.roles(from.doc).delete(role.id);
      deleteItemTexts(from.doc, 'roles', role.id);
    });
    onDeleted();
  };
  const set = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const when = (iso: string | null) => (iso ? <time dateTime={iso}>{date(iso)}</time> : <span className="muted">{t('notSet')}</span>);

  return (
    <tr
      data-testid="role-row"
      data-doc={from.docName}
      data-category={from.label.category}
      data-role-id={role.id}
      className={draft ? 'rp-editing' : undefined}
      onKeyDown={draft ? editKeys(save, cancel) : undefined}
    >
      {draft ? (
        <>
          <td>
            <AgencySelect selectRef={first} aria-label={t('colAgency')} organisations={organisations} value={draft.orgId} onChange={(orgId) => set({ orgId })} />
          </td>
          <td>{editing.texts && <YTextInput text={editing.texts.personInCharge!} aria-label={t('colPersonInCharge')} />}</td>
          <td>{editing.texts && <YTextInput text={editing.texts.role!} aria-label={t('colRole')} required />}</td>
        </>
      ) : (
        <>
          <td className="rp-agency">{orgName(role.orgId)}</td>
          <td>{role.personInCharge || <span className="muted">{t('notSet')}</span>}</td>
          <td className="rp-role">{role.role}</td>
        </>
      )}
      <td>
        {/* The household member and the category are the row's label: changing them moves the row to another compartment, so they are fixed here. */}
        <span className="rp-person">{person?.name ?? t('personOther')}</span>
        <LabelBadges label={from.label} orgName={orgName} readOnly={from.access === 'read'} />
      </td>
      {draft ? (
        <>
          <td>
            <input type="date" aria-label={t('colFrom')} value={draft.from ?? ''} onChange={(e) => set({ from: e.target.value || null })} />
          </td>
          <td>
            <input type="date" aria-label={t('colUntil')} value={draft.until ?? ''} onChange={(e) => set({ until: e.target.value || null })} />
          </td>
          <td>
            <select aria-label={t('colStatus')} value={draft.status} onChange={(e) => set({ status: e.target.value as RoleStatus })}>
              {ROLE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {tx(`roleStatus_${s}`)}
                </option>
              ))}
            </select>
          </td>
        </>
      ) : (
        <>
          <td className="rp-date">{when(role.from)}</td>
          <td className="rp-date">{when(role.until)}</td>
          <td>
            <span className={`rp-status rp-status-${role.status}`}>{tx(`roleStatus_${role.status}`)}</span>
          </td>
        </>
      )}
      <td className="rp-actions-cell">
        <RowActions what={what} canEdit={editable} canDelete={editable && own} editing={draft !== null} onEdit={edit} onSave={save} onCancel={cancel} onDelete={remove} />
      </td>
    </tr>
  );
}
