import { useEffect, useRef, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import type { LabelInput } from '../../../shared/api/compartments.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useBoard } from '../board-context.tsx';
import { ECO_FIELDS, RESOURCE_KINDS, defaultField, type ResourceKind } from './fields.ts';
import { Field } from '../label/Field.tsx';
import { fromLabelInput, initialLabel, sameLabel, toLabelInput } from '../label/label-draft.ts';
import { LabelFields } from '../label/LabelFields.tsx';
import type { ResourceItem } from './model.ts';
import { applySplice, spliceBetween } from '../text/text-ops.ts';
import { useItemTextEditing } from '../text/useItemTextEditing.ts';
import { TYPING_ORIGIN } from '../text/useYTextInput.ts';
import { YTextInput } from '../text/YTextField.tsx';

export interface ResourceDraft {
  kind: ResourceKind;
  orgId: string | null;
  label: string;
  field: string;
  tag: LabelInput;
}

interface Props {
  /** Editing this resource; absent when adding a new one. */
  item?: ResourceItem;
  /** `typing`: the undo of the name typed while editing, for the ecomap's history (see history.ts). */
  onSubmit(draft: ResourceDraft, typing?: () => Y.UndoManager | null): Promise<void>;
  onClose(): void;
}

/**
 * Adds or edits a resource: what it is (agency from the directory, service, informal resource),
 * its name and field, and its label. Picking an agency fills in its name and field. Editing, the
 * name is typed into the resource's shared text (texts.ts), so two screens renaming it at once
 * keep both their words; キャンセル takes back this screen's typing.
 */
export function ResourceForm({ item, onSubmit, onClose }: Props) {
  const { t, tx } = useI18n();
  const { persons, organisations, user } = useBoard();
  const agencies = organisations.filter((o) => o.field !== 'resident');
  const initialTag: LabelInput = item
    ? { personId: item.compartment.label.personId, category: item.compartment.label.category, allowOrgIds: item.compartment.label.allowOrgIds, notToPerson: item.compartment.label.notToPerson }
    : toLabelInput(initialLabel(persons));
  const [draft, setDraft] = useState<ResourceDraft>(() =>
    item
      ? { kind: item.node.kind as ResourceKind, orgId: item.node.orgId, label: item.node.label, field: item.node.field ?? 'other', tag: initialTag }
      : { kind: 'agency', orgId: null, label: '', field: 'other', tag: initialTag },
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);
  const prefix = item ? `eco-edit-${item.node.id}` : 'eco-add';
  const set = (patch: Partial<ResourceDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const relabel = item !== undefined && !sameLabel(draft.tag, initialTag);
  const editing = useItemTextEditing(item?.compartment.doc ?? null, 'ecoNodes', (item?.node ?? { id: '' }) as ResourceItem['node'] & Record<string, unknown>, item !== undefined);
  const shared = editing.texts?.label ?? null;
  const name = () => (shared ? shared.toString() : draft.label);
  /** Picking an agency names the resource after it: in the shared text, as if typed here. */
  const rename = (label: string) => {
    if (!shared) return set({ label });
    const splice = spliceBetween(shared.toString(), label);
    if (splice) applySplice(shared, splice, TYPING_ORIGIN);
  };
  const close = () => {
    editing.revert();
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name().trim() === '') {
      setError(t('ecoNameRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit({ ...draft, label: name().trim() }, shared ? editing.handOver : undefined);
    } catch (e) {
      setError(`${t('ecoFailed')}: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="eco-form" aria-labelledby={`${prefix}-title`} onSubmit={(e) => void submit(e)} data-testid={item ? 'eco-edit-node-form' : 'eco-add-node-form'}>
      <h3 id={`${prefix}-title`}>{t(item ? 'ecoEditTitle' : 'ecoAddTitle')}</h3>
      <div className="eco-form-row">
        <Field label={t('ecoKind')} className="eco-field">
          {(id) => (
            <select
              ref={first}
              id={id}
              name="kind"
              value={draft.kind}
              onChange={(e) => {
                const kind = e.target.value as ResourceKind;
                set({ kind, orgId: kind === 'agency' ? draft.orgId : null, field: defaultField(kind, null) });
              }}
            >
              {RESOURCE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {tx(`ecoKind_${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {draft.kind === 'agency' && (
          <Field label={t('ecoOrg')} className="eco-field">
            {(id) => (
              <select
                id={id}
                name="orgId"
                value={draft.orgId ?? ''}
                onChange={(e) => {
                  const org = agencies.find((o) => o.id === e.target.value) ?? null;
                  set({ orgId: org?.id ?? null, field: defaultField('agency', org?.field ?? null) });
                  if (org) rename(org.name);
                }}
              >
                <option value="">{t('ecoOrgOther')}</option>
                {agencies.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
      </div>
      <div className="eco-form-row">
        <Field label={t('ecoName')} className="eco-field">
          {(id) =>
            item ? (
              shared && <YTextInput text={shared} id={id} name="label" maxLength={40} required />
            ) : (
              <input id={id} name="label" value={draft.label} maxLength={40} required onChange={(e) => set({ label: e.target.value })} />
            )
          }
        </Field>
        <Field label={t('ecoField')} className="eco-field">
          {(id) => (
            <select id={id} name="field" value={draft.field} onChange={(e) => set({ field: e.target.value })}>
              {ECO_FIELDS.map((f) => (
                <option key={f} value={f}>
                  {tx(`ecoField_${f}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <LabelFields
        skin="eco"
        // Through the draft and back, so unticking 限定共有 drops the allow-list as before.
        value={fromLabelInput(draft.tag)}
        onChange={(tag) => set({ tag: toLabelInput(tag) })}
        persons={persons}
        organisations={organisations}
        ownOrgId={user.orgId}
      />
      {relabel && item.compartment.label.supplierOrgId !== user.orgId && <p className="notice small">{t('ecoRelabelNote')}</p>}
      <div className="item-actions">
        <button type="submit" disabled={busy}>
          {t(item ? 'ecoSave' : 'ecoSubmitAdd')}
        </button>
        <button type="button" className="secondary" onClick={close}>
          {t(item ? 'ecoCancel' : 'ecoClose')}
        </button>
        <span role="status" className="error">
          {error}
        </span>
      </div>
    </form>
  );
}
