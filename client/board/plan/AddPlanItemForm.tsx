import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { board } from '../../../shared/board/schema.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useBoard } from '../board-context.tsx';
import { newItemId } from '../board-format.ts';
import { agencies, Field, initialLabel, LabelFields, toLabelInput } from '../roles/LabelFields.tsx';
import type { BoardPlanItem } from './PlanItemRow.tsx';

/**
 * Adds a 支援内容 row. Its label (person + category + restriction) picks the compartment, so an
 * item about debts reaches only the agencies the person's consent names for finances.
 */
export function AddPlanItemForm({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const { user, persons, organisations, ensureCompartment } = useBoard();
  const id = useId();
  const [label, setLabel] = useState(() => initialLabel(persons));
  const [what, setWhat] = useState('');
  const [who, setWho] = useState(user.orgId);
  const [byWhen, setByWhen] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const first = useRef<HTMLSelectElement>(null);

  useEffect(() => first.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (what.trim() === '') {
      setMessage({ kind: 'error', text: t('whatRequired') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const compartment = await ensureCompartment(toLabelInput(label));
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
      board.planItems(compartment.doc).set(item.id, item);
      setWhat('');
      setMessage({ kind: 'ok', text: t('planItemAdded') });
    } catch (error) {
      setMessage({ kind: 'error', text: `${t('addFailedRp')}: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form id="add-plan-item-form" className="rp-add" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)} data-testid="add-plan-item-form">
      <h4 id={`${id}-title`}>{t('planItemsAddTitle')}</h4>
      <LabelFields value={label} onChange={setLabel} persons={persons} organisations={organisations} ownOrgId={user.orgId} firstRef={first} />
      <div className="rp-fields">
        <Field label={t('colWhat')} className="rp-wide">
          {(id) => <input id={id} name="what" value={what} required onChange={(e) => setWhat(e.target.value)} />}
        </Field>
        <Field label={t('colWho')}>
          {(id) => (
            <select id={id} name="who" value={who} onChange={(e) => setWho(e.target.value)}>
              {agencies(organisations).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('colByWhen')}>
          {(id) => <input id={id} type="date" name="byWhen" value={byWhen} onChange={(e) => setByWhen(e.target.value)} />}
        </Field>
      </div>
      <div className="rp-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('addBusy') : t('addSubmit')}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {t('formClose')}
        </button>
        <span role="status" className={message?.kind === 'error' ? 'error' : 'ok'} data-testid="add-plan-item-status">
          {message?.text}
        </span>
      </div>
    </form>
  );
}
