import { useEffect, useRef, useState } from 'react';
import type { Decision } from '../../../shared/board/schema.ts';
import type { confirmationOf } from '../../../shared/api/decisions.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { fill } from '../board-format.ts';

export type ConfirmationState = ReturnType<typeof confirmationOf>;

interface Props {
  decision: Decision;
  confirmation: ConfirmationState;
  ownerName: string | null;
  planItemLabel: string | null;
  /** The facilitator of an open meeting: may edit, delete and confirm. */
  manage: boolean;
  onEdit(): void;
  onDelete(): void;
  onConfirm(): Promise<void>;
}

/**
 * One decision as everyone sees it. "確定済み" only when the server holds a confirmation of
 * exactly this content (never the document's own `confirmed` field, which any member can write).
 */
export function DecisionRow({ decision, confirmation, ownerName, planItemLabel, manage, onEdit, onDelete, onConfirm }: Props) {
  const { t, date, dateTime } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const deleteRef = useRef<HTMLButtonElement>(null);
  // Keyboard users land on the second step of deleting, not back at the top of the page.
  useEffect(() => {
    if (deleting) deleteRef.current?.focus();
  }, [deleting]);
  const short = decision.text.length > 24 ? `${decision.text.slice(0, 24)}…` : decision.text;

  const confirm = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await onConfirm();
    } catch (error) {
      setProblem(fill(t('decisionConfirmFailed'), { message: (error as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`decision decision-${confirmation.state}`} data-testid="decision" data-decision-id={decision.id} data-confirmation={confirmation.state}>
      <p className="decision-text">{decision.text}</p>
      <p className="decision-meta">
        {ownerName && <span>{fill(t('decisionOwnerLine'), { org: ownerName })}</span>}
        {decision.dueDate && <span>{fill(t('decisionDueLine'), { date: date(decision.dueDate) })}</span>}
        {planItemLabel && <span>{fill(t('decisionPlanLine'), { what: planItemLabel })}</span>}
      </p>
      <p className="decision-status">
        {confirmation.state === 'confirmed' && (
          <>
            <span className="badge badge-confirmed" data-testid="decision-confirmed">
              ✓ {t('decisionConfirmed')}
            </span>
            <small>{fill(t('decisionConfirmedBy'), { name: confirmation.by.confirmedByName ?? '—', date: dateTime(confirmation.by.confirmedAt) })}</small>
          </>
        )}
        {confirmation.state === 'changed' && (
          <>
            <span className="badge badge-changed" data-testid="decision-changed">
              {t('decisionChanged')}
            </span>
            <small>{fill(t('decisionChangedHint'), { date: dateTime(confirmation.by.confirmedAt) })}</small>
          </>
        )}
        {confirmation.state === 'none' && <span className="badge badge-muted">{t('decisionUnconfirmed')}</span>}
      </p>
      {manage && (
        <div className="decision-actions">
          {confirmation.state !== 'confirmed' && (
            <button type="button" onClick={() => void confirm()} disabled={busy} aria-busy={busy || undefined} data-testid="decision-confirm">
              {busy ? t('decisionConfirming') : confirmation.state === 'changed' ? t('decisionReconfirm') : t('decisionConfirm')}
              <Hidden text={short} />
            </button>
          )}
          {deleting ? (
            <>
              <button type="button" className="danger" onClick={onDelete} ref={deleteRef}>
                {t('decisionDeleteConfirm')}
                <Hidden text={short} />
              </button>
              <button type="button" className="secondary" onClick={() => setDeleting(false)}>
                {t('decisionCancel')}
              </button>
            </>
          ) : (
            <>
              <button type="button" className="secondary" onClick={onEdit}>
                {t('decisionEdit')}
                <Hidden text={short} />
              </button>
              <button type="button" className="secondary danger" onClick={() => setDeleting(true)}>
                {t('decisionDelete')}
                <Hidden text={short} />
              </button>
            </>
          )}
        </div>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}

/** The decision named for screen readers: the visible verb stays first in the button's name. */
function Hidden({ text }: { text: string }) {
  return <span className="visually-hidden">: {text}</span>;
}
