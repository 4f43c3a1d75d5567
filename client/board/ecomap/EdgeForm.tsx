import { useEffect, useRef, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import type { EcoDirection, EcoEdge, EcoStrength } from '../../../shared/board/schema.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { DIRECTIONS, STRENGTHS } from './fields.ts';
import { Field } from '../label/Field.tsx';
import { endName, isPersonNodeId, personNodeId, type EcoModel, type EdgeItem } from './model.ts';
import { useItemTextEditing } from '../text/useItemTextEditing.ts';
import { YTextInput } from '../text/YTextField.tsx';

export type EdgeDraft = Omit<EcoEdge, 'id'>;

interface Props {
  model: EcoModel;
  /** Editing this relationship (its ends stay); absent when drawing a new one. */
  item?: EdgeItem;
  initialFrom?: string;
  /** `typing`: the undo of the note typed while editing, for the ecomap's history (see history.ts). */
  onSubmit(draft: EdgeDraft, typing?: () => Y.UndoManager | null): void;
  onClose(): void;
}

/**
 * Draws or edits a relationship with the keyboard: two ends, Hartman's kind of line, which way
 * support flows, and a short note. Editing, the note is typed into the relationship's shared text
 * (texts.ts), so two screens typing it at once keep both their words.
 */
export function EdgeForm({ model, item, initialFrom, onSubmit, onClose }: Props) {
  const { t, tx } = useI18n();
  const endIds = [...model.ends.keys()];
  const firstResource = model.resources[0]?.node.id ?? '';
  const subject = model.household.slots.find((s) => s.person.isSubject) ?? model.household.slots[0];
  const subjectId = subject ? personNodeId(subject.person.id) : '';
  const [draft, setDraft] = useState<EdgeDraft>(
    () =>
      item?.edge ?? {
        // Most relationships run between a resource and the person of concern.
        from: initialFrom ?? firstResource,
        to: initialFrom && isPersonNodeId(initialFrom) ? firstResource : subjectId,
        strength: 'strong',
        direction: 'none',
        label: '',
      },
  );
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const prefix = item ? `eco-edge-${item.edge.id}` : 'eco-connect';
  const set = (patch: Partial<EdgeDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const name = (id: string) => endName(model.ends.get(id));
  const editing = useItemTextEditing(item?.compartment.doc ?? null, 'ecoEdges', (item?.edge ?? { id: '' }) as EdgeItem['edge'] & Record<string, unknown>, item !== undefined);
  const shared = editing.texts?.label ?? null;
  const close = () => {
    editing.revert();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const label = (shared ? shared.toString() : draft.label).trim();
      onSubmit({ ...draft, label }, shared ? editing.handOver : undefined);
    } catch (e) {
      const key = (e as { key?: string }).key;
      setError(key ? tx(key) : `${t('ecoFailed')}: ${(e as Error).message}`);
    }
  };

  const endSelect = (which: 'from' | 'to') => (
    <Field label={t(which === 'from' ? 'ecoFrom' : 'ecoTo')} className="eco-field">
      {(fieldId) => (
        <select
          ref={which === 'from' ? first : undefined}
          id={fieldId}
          name={which}
          value={draft[which]}
          disabled={item !== undefined}
          onChange={(e) => set({ [which]: e.target.value })}
        >
          {endIds.map((id) => (
            <option key={id} value={id}>
              {name(id)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <form className="eco-form" aria-labelledby={`${prefix}-title`} onSubmit={submit} data-testid={item ? 'eco-edit-edge-form' : 'eco-connect-form'}>
      <h3 id={`${prefix}-title`}>{t(item ? 'ecoEditEdgeTitle' : 'ecoConnectTitle')}</h3>
      <div className="eco-form-row">
        {endSelect('from')}
        {endSelect('to')}
      </div>
      <div className="eco-form-row">
        <Field label={t('ecoStrength')} className="eco-field">
          {(id) => (
            <select
              ref={item ? first : undefined}
              id={id}
              name="strength"
              value={draft.strength}
              onChange={(e) => set({ strength: e.target.value as EcoStrength })}
            >
              {STRENGTHS.map((s) => (
                <option key={s} value={s}>
                  {tx(`ecoStrength_${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('ecoDirection')} className="eco-field">
          {(id) => (
            <select id={id} name="direction" value={draft.direction} onChange={(e) => set({ direction: e.target.value as EcoDirection })}>
              {DIRECTIONS.map((d) => (
                <option key={d} value={d}>
                  {d === 'forward' ? `${name(draft.from)} → ${name(draft.to)}` : d === 'backward' ? `${name(draft.to)} → ${name(draft.from)}` : tx(`ecoDirection_${d}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={t('ecoEdgeLabel')} className="eco-field">
        {(id) =>
          item ? (
            shared && <YTextInput text={shared} id={id} name="label" maxLength={24} />
          ) : (
            <input id={id} name="label" value={draft.label} maxLength={24} onChange={(e) => set({ label: e.target.value })} />
          )
        }
      </Field>
      <div className="item-actions">
        <button type="submit">{t(item ? 'ecoSave' : 'ecoSubmitConnect')}</button>
        <button type="button" className="secondary" onClick={close}>
          {t(item ? 'ecoCancel' : 'ecoClose')}
        </button>
        <span role="status" className="error" data-testid="eco-edge-form-status">
          {error}
        </span>
      </div>
    </form>
  );
}
