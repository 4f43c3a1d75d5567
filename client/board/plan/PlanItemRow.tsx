import { useEffect, useRef, useState } from 'react';
import type { PersonView } from '../../../shared/api/cases.ts';
import { board, type PlanItem } from '../../../shared/board/schema.ts';
import type { CompartmentDoc } from '../../collab/compartment-pool.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Organisation } from '../board-context.tsx';
import { fill } from '../board-format.ts';
import { LabelBadges } from '../label/LabelBadges.tsx';
import { editKeys, RowActions } from '../roles/RowActions.tsx';
import { AgencySelect } from '../label/AgencySelect.tsx';
import { deleteItemTexts } from '../../../shared/board/texts.ts';
import { useItemTextEditing } from '../text/useItemTextEditing.ts';
import { YTextInput } from '../text/YTextField.tsx';

/** A plan item as the board writes it: the author lets the board offer "delete your own". */
export type BoardPlanItem = PlanItem & { authorId?: string; createdAt?: string; updatedAt?: string };

interface Props {
  item: BoardPlanItem;
  from: CompartmentDoc;
  persons: readonly PersonView[];
  organisations: readonly Organisation[];
  orgName(orgId: string): string;
  editable: boolean;
  own: boolean;
  onDeleted(): void;
}

/** What is picked in edit mode; 内容 (what) is a shared text, edited live. */
type Draft = Pick<PlanItem, 'who' | 'byWhen'>;

/** One 支援内容 row: what, who, by when, field (its label), done; edited in place. */
export function PlanItemRow({ item, from, persons, organisations, orgName, editable, own, onDeleted }: Props) {
  const { t, date } = useI18n();
  const [draft, setDraft] = useState<Draft | null>(null);
  const editing = useItemTextEditing(from.doc, 'planItems', item as BoardPlanItem & Record<string, unknown>, draft !== null);
  const first = useRef<HTMLDivElement>(null);
  const person = persons.find((p) => p.id === from.label.personId);

  useEffect(() => {
    if (draft) first.current?.querySelector('input')?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft !== null, editing.texts]);

  // Re-read before writing: someone else may have ticked or edited the item meanwhile.
  const write = (patch: Partial<BoardPlanItem>) => {
    const map = board.planItems(from.doc);
    const current = map.get(item.id);
    if (current) map.set(item.id, { ...current, ...patch, updatedAt: new Date().toISOString() } as BoardPlanItem);
  };
  const save = () => {
    const what = editing.texts?.what?.toString().trim() ?? '';
    if (!draft || what === '') return;
    // The plain string is kept in step for readers of older documents (texts.ts).
    write({ ...draft, what });
    setDraft(null);
  };
  const cancel = () => {
    editing.revert();
    setDraft(null);
  };
  const set = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));

  return (
    <tr data-testid="plan-item-row" data-doc={from.docName} data-category={from.label.category} data-status={item.status} onKeyDown={draft ? editKeys(save, cancel) : undefined}>
      {draft ? (
        <>
          <td>
            <div ref={first}>{editing.texts && <YTextInput text={editing.texts.what!} aria-label={t('colWhat')} required />}</div>
          </td>
          <td>
            <AgencySelect aria-label={t('colWho')} organisations={organisations} value={draft.who} onChange={(who) => set({ who })} />
          </td>
          <td>
            <input type="date" aria-label={t('colByWhen')} value={draft.byWhen ?? ''} onChange={(e) => set({ byWhen: e.target.value || null })} />
          </td>
        </>
      ) : (
        <>
          <td className={item.status === 'done' ? 'plan-item-done' : undefined}>{item.what}</td>
          <td className="rp-agency">{orgName(item.who)}</td>
          <td className="rp-date">{item.byWhen ? <time dateTime={item.byWhen}>{date(item.byWhen)}</time> : <span className="muted">{t('notSet')}</span>}</td>
        </>
      )}
      <td>
        <LabelBadges label={from.label} orgName={orgName} readOnly={from.access === 'read'} />
        <span className="rp-person small">{person?.name ?? t('personOther')}</span>
      </td>
      <td className="plan-item-check">
        <input
          type="checkbox"
          aria-label={fill(t('planItemDoneFor'), { what: item.what })}
          checked={item.status === 'done'}
          disabled={!editable}
          onChange={(e) => write({ status: e.target.checked ? 'done' : 'open' })}
        />
      </td>
      <td className="rp-actions-cell">
        <RowActions
          what={item.what}
          canEdit={editable}
          canDelete={editable && own}
          editing={draft !== null}
          onEdit={() => setDraft({ who: item.who, byWhen: item.byWhen })}
          onSave={save}
          onCancel={cancel}
          onDelete={() => {
            from.doc.transact(() => {
              board.planItems(from.doc).delete(item.id);
              deleteItemTexts(from.doc, 'planItems', item.id);
            });
            onDeleted();
          }}
        />
      </td>
    </tr>
  );
}
