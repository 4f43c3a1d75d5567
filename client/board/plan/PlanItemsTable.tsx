import { useMemo, useState } from 'react';
import { board } from '../../../shared/board/schema.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useBoard } from '../board-context.tsx';
import { useMapsAcross } from '../useYMap.ts';
import { livingPersons } from '../label/label-draft.ts';
import { AddPlanItemForm } from './AddPlanItemForm.tsx';
import { PlanItemRow, type BoardPlanItem } from './PlanItemRow.tsx';

/**
 * 支援内容: the plan items of every compartment this viewer holds. They live beside the plan,
 * not inside its compartment, because each carries its own label: an item the viewer may not
 * see is in a compartment never opened for them, so it is simply absent.
 */
export function PlanItemsTable() {
  const { t } = useI18n();
  const { user, persons, organisations, compartments, readOnly, canAdd } = useBoard();
  const located = useMapsAcross(compartments.docs, board.planItems, 'planItems');
  const [adding, setAdding] = useState(false);
  const orgNames = useMemo(() => new Map(organisations.map((o) => [o.id, o.name])), [organisations]);
  const orgName = (orgId: string) => orgNames.get(orgId) ?? orgId;
  // Due date first (undated last), then creation: the order a meeting walks through them.
  const rows = located
    .map(({ value, from }) => ({ item: value as BoardPlanItem, from }))
    .sort(
      (a, b) =>
        (a.item.byWhen ?? '\uffff').localeCompare(b.item.byWhen ?? '\uffff') ||
        (a.item.createdAt ?? '').localeCompare(b.item.createdAt ?? '') ||
        a.item.id.localeCompare(b.item.id),
    );
  // An item needs a household member to be about: none is known before the household may be seen.
  const mayAdd = canAdd && !readOnly && compartments.pool !== null && livingPersons(persons).length > 0;

  return (
    <section className="plan-items" aria-labelledby="plan-items-title" data-testid="plan-items">
      <div className="panel-title">
        <h3 id="plan-items-title" tabIndex={-1}>
          {t('planItemsTitle')}
        </h3>
        {mayAdd && (
          <button type="button" className="secondary push-right" aria-expanded={adding} aria-controls="add-plan-item-form" onClick={() => setAdding(!adding)}>
            ＋ {t('planItemsAdd')}
          </button>
        )}
      </div>
      {mayAdd && adding && <AddPlanItemForm onClose={() => setAdding(false)} />}
      {rows.length === 0 ? (
        <p className="empty">{t('planItemsEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table rp-table" data-testid="plan-items-table">
            <caption className="visually-hidden">{t('planItemsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colWhat')}</th>
                <th scope="col">{t('colWho')}</th>
                <th scope="col">{t('colByWhen')}</th>
                <th scope="col">{t('colField')}</th>
                <th scope="col">{t('colDone')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('colActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ item, from }) => (
                <PlanItemRow
                  key={`${from.docName}#${item.id}`}
                  item={item}
                  from={from}
                  persons={persons}
                  organisations={organisations}
                  orgName={orgName}
                  editable={!readOnly && from.access === 'write'}
                  own={item.authorId === user.id}
                  onDeleted={() => document.getElementById('plan-items-title')?.focus()}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
