import { useId, useRef, useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import type { Decision } from '../../../shared/board/schema.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Organisation } from '../board-context.tsx';
import { YTextArea } from '../text/YTextField.tsx';

export interface DecisionDraft {
  text: string;
  ownerOrgId: string | null;
  dueDate: string | null;
  planItemId: string | null;
}

export interface PlanItemChoice {
  id: string;
  label: string;
}

interface Props {
  /** Editing an existing decision; absent for a new one. */
  initial?: Decision;
  /**
   * The decision's shared text while editing it: the wording is typed straight into it, so what
   * two screens type at once merges (a new decision's wording is the facilitator's own until
   * recorded).
   */
  shared?: Y.Text;
  organisations: readonly Organisation[];
  planItems: readonly PlanItemChoice[];
  onSubmit(draft: DecisionDraft): void;
  onCancel?(): void;
}

/**
 * The facilitator's capture form: the wording first (typed while people talk), then who carries
 * it out, by when, and which plan item it serves. Every field is labelled; Enter in the text
 * field does not submit (decisions are often two lines), the button does.
 */
export function DecisionForm({ initial, shared, organisations, planItems, onSubmit, onCancel }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState(initial?.text ?? '');
  const [ownerOrgId, setOwnerOrgId] = useState(initial?.ownerOrgId ?? '');
  const [dueDate, setDueDate] = useState(initial?.dueDate ?? '');
  const [planItemId, setPlanItemId] = useState(initial?.planItemId ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);

  const focusText = () => (shared ? document.getElementById(`${id}-text`) : textRef.current)?.focus();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wording = (shared ? shared.toString() : text).trim();
    if (wording === '') {
      setProblem(t('decisionTextRequired'));
      focusText();
      return;
    }
    setProblem(null);
    onSubmit({ text: wording, ownerOrgId: ownerOrgId || null, dueDate: dueDate || null, planItemId: planItemId || null });
    if (!initial) {
      setText('');
      setOwnerOrgId('');
      setDueDate('');
      setPlanItemId('');
      focusText();
    }
  };

  // A linked plan item this viewer cannot see (another compartment) stays linked, unnamed.
  const hiddenPlanItem = planItemId !== '' && !planItems.some((p) => p.id === planItemId);
  return (
    <form
      className="decision-form"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onCancel) onCancel();
      }} data-testid={initial ? 'decision-edit-form' : 'decision-form'} aria-label={initial ? t('decisionEdit') : t('decisionNew')}>
      {!initial && <h3>{t('decisionNew')}</h3>}
      <label htmlFor={`${id}-text`}>{t('decisionText')}</label>
      {shared ? (
        <YTextArea
          text={shared}
          id={`${id}-text`}
          rows={2}
          maxLength={2000}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          autoFocus
        />
      ) : (
        <textarea
          id={`${id}-text`}
          ref={textRef}
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={2000}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          autoFocus={!!initial}
        />
      )}
      <label htmlFor={`${id}-owner`}>{t('decisionOwner')}</label>
      <select id={`${id}-owner`} value={ownerOrgId} onChange={(e) => setOwnerOrgId(e.target.value)}>
        <option value="">{t('decisionNone')}</option>
        {organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-due`}>{t('decisionDue')}</label>
      <input id={`${id}-due`} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
      <label htmlFor={`${id}-plan`}>{t('decisionPlanItem')}</label>
      <select id={`${id}-plan`} value={planItemId} onChange={(e) => setPlanItemId(e.target.value)}>
        <option value="">{t('decisionNoPlanItem')}</option>
        {hiddenPlanItem && <option value={planItemId}>—</option>}
        {planItems.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
      {problem && (
        <p id={`${id}-problem`} className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="decision-form-actions">
        <button type="submit">{initial ? t('decisionSave') : t('decisionAdd')}</button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('decisionCancel')}
          </button>
        )}
      </div>
    </form>
  );
}
