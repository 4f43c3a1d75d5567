import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CompartmentDoc } from '../../collab/compartment-pool.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useBoard } from '../board-context.tsx';
import { initialLabel, livingPersons, toLabelInput } from './label-draft.ts';
import { LabelFields } from './LabelFields.tsx';

type Message = { kind: 'ok' | 'error'; text: string };

interface AddStep {
  /** The one free-text field the row cannot do without. */
  required: string;
  requiredMessage: MessageKey;
  addedMessage: MessageKey;
  /** Writes the row into the compartment its label picked, and clears what the next row will not share. */
  write(compartment: CompartmentDoc): void;
}

/**
 * The part shared by the 役割分担 and 支援内容 add forms: the label picker (focused first), and a
 * submit that opens the label's compartment (created on first use by the author's agency) before
 * the row is written into it.
 */
export function useLabelledAdd() {
  const { t } = useI18n();
  const { user, persons, organisations, ensureCompartment } = useBoard();
  const [label, setLabel] = useState(() => initialLabel(persons));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (event: FormEvent, step: AddStep) => {
    event.preventDefault();
    if (step.required.trim() === '') {
      setMessage({ kind: 'error', text: t(step.requiredMessage) });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      step.write(await ensureCompartment(toLabelInput(label)));
      setMessage({ kind: 'ok', text: t(step.addedMessage) });
    } catch (error) {
      setMessage({ kind: 'error', text: `${t('addFailedRp')}: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  const labelFields = (
    <LabelFields skin="rp" value={label} onChange={setLabel} persons={livingPersons(persons)} organisations={organisations} ownOrgId={user.orgId} firstRef={first} />
  );
  return { label, labelFields, submit, busy, message };
}

/** Submit, close and the status line of an add form. */
export function AddActions({ busy, message, statusTestId, onClose }: { busy: boolean; message: Message | null; statusTestId: string; onClose(): void }) {
  const { t } = useI18n();
  return (
    <div className="rp-actions">
      <button type="submit" disabled={busy}>
        {busy ? t('addBusy') : t('addSubmit')}
      </button>
      <button type="button" className="secondary" onClick={onClose}>
        {t('formClose')}
      </button>
      <span role="status" className={message?.kind === 'error' ? 'error' : 'ok'} data-testid={statusTestId}>
        {message?.text}
      </span>
    </div>
  );
}
