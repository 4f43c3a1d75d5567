import { createItemTexts } from '../../../shared/board/texts.ts';
import { useId, useState, type FormEvent } from 'react';
import { board } from '../../../shared/board/schema.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useBoard } from '../board-context.tsx';
import { newItemId } from '../board-format.ts';
import { Field } from '../label/Field.tsx';
import { AddActions, useLabelledAdd } from '../label/labelled-add.tsx';
import type { BoardPlanItem } from './PlanItemRow.tsx';
import { AgencySelect } from '../label/AgencySelect.tsx';

/**
 * Adds a 支援内容 row. Its label (person + category + restriction) picks the compartment, so an
 * item about debts reaches only the agencies the person's consent names for finances.
 */
export function AddPlanItemForm({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const { user, organisations } = useBoard();
  const id = useId();
  const { labelFields, submit, busy, message } = useLabelledAdd();
  const [what, setWhat] = useState('');
  const [who, setWho] = useState(user.orgId);
  const [byWhen, setByWhen] = useState('');

  const add = (event: FormEvent) =>
    submit(event, {
      required: what,
      requiredMessage: 'whatRequired',
      addedMessage: 'planItemAdded',
      write(compartment) {
        const item: BoardPlanItem = {
          id: newItemId(),
          what: what.trim(),
          who,
          byWhen: byWhen || null,
          // Kept in the item for readers of the map alone (records, decisions); the label decides.
          category: compartment.label.category,
          status: 'open',
          authorId: user.id,
          createdAt: new Date().toISOString(),
        };
        compartment.doc.transact(() => {
          board.planItems(compartment.doc).set(item.id, item);
          createItemTexts(compartment.doc, 'planItems', item as unknown as BoardPlanItem & Record<string, unknown>);
        });
        setWhat('');
      },
    });

  return (
    <form id="add-plan-item-form" className="rp-add" aria-labelledby={`${id}-title`} onSubmit={(e) => void add(e)} data-testid="add-plan-item-form">
      <h4 id={`${id}-title`}>{t('planItemsAddTitle')}</h4>
      {labelFields}
      <div className="rp-fields">
        <Field label={t('colWhat')} className="rp-field rp-wide">
          {(id) => <input id={id} name="what" value={what} required onChange={(e) => setWhat(e.target.value)} />}
        </Field>
        <Field label={t('colWho')}>
          {(id) => (
            <AgencySelect id={id} name="who" organisations={organisations} value={who} onChange={setWho} />
          )}
        </Field>
        <Field label={t('colByWhen')}>
          {(id) => <input id={id} type="date" name="byWhen" value={byWhen} onChange={(e) => setByWhen(e.target.value)} />}
        </Field>
      </div>
      <AddActions busy={busy} message={message} statusTestId="add-plan-item-status" onClose={onClose} />
    </form>
  );
}
