import { useState } from 'react';
import type { CompartmentDoc, CompartmentPool, EndedDoc } from '../collab/compartment-pool.ts';
import { haltMessageKey, MEETING_CLOSED, PROTOCOL_MISMATCH } from '../collab/close-policy.ts';
import type { CollabDoc } from '../collab/useCollabDoc.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { fill } from './board-format.ts';

interface Props {
  collab: CollabDoc | null;
  compartments: readonly CompartmentDoc[];
  ended: readonly EndedDoc[];
  pool: CompartmentPool | null;
}

/**
 * What happened to the board, said in a social worker's words: what kind of information went
 * and why (never a word of it), and documents whose syncing stopped (too large, too many edits).
 */
export function BoardNotices({ collab, compartments, ended, pool }: Props) {
  const { t, tx } = useI18n();
  const [dismissed, setDismissed] = useState(0);
  const seatGone = collab?.status === 'ended' && collab.endedCode !== MEETING_CLOSED;
  // A meeting that closed is not a loss: the board moves to its record.
  const shown = ended.slice(dismissed).filter((d) => d.code !== MEETING_CLOSED);
  // One line per kind of information (category): how many items went, and why.
  const byCategory = new Map<string, number>();
  for (const doc of shown) byCategory.set(doc.label.category, (byCategory.get(doc.label.category) ?? 0) + doc.items);
  const kind = (category: string) => fill(t('goneKind'), { category: tx(`category_${category}`) });
  const halted = compartments.filter((c) => c.halted != null);

  return (
    <div className="board-notices" data-testid="board-notices">
      {seatGone && (
        <p className="notice" role="alert" data-testid="gone-meeting-doc">
          {t('goneMeetingDoc')}
        </p>
      )}
      {byCategory.size > 0 && (
        <div className="notice gone-notice" role="alert" data-testid="gone-notice">
          <ul>
            {[...byCategory].map(([category, n]) => (
              <li key={category} data-category={category}>
                {n > 0
                  ? fill(t(seatGone ? 'goneSeat' : 'goneConsent'), { kind: kind(category), n })
                  : fill(t(seatGone ? 'goneSeatNone' : 'goneConsentNone'), { kind: kind(category) })}
              </li>
            ))}
          </ul>
          <button type="button" className="secondary small" onClick={() => setDismissed(ended.length)}>
            {t('goneDismiss')}
          </button>
        </div>
      )}
      {collab?.halted != null && (
        <p className="notice" role="alert" data-testid="halted-notice">
          {fill(t('haltWhich'), { what: t('haltMeetingDoc') })}
          {t(haltMessageKey(collab.halted))}{' '}
          <RetryButton code={collab.halted} retry={() => collab.retry?.()} />
        </p>
      )}
      {halted.map((c) => (
        <p key={c.docName} className="notice" role="alert" data-testid="halted-notice">
          {fill(t('haltWhich'), { what: kind(c.label.category) })}
          {t(haltMessageKey(c.halted!))}{' '}
          <RetryButton code={c.halted!} retry={() => pool?.retry(c.docName)} />
        </p>
      ))}
    </div>
  );
}

/** 再接続, or 再読み込み when the page itself is out of date (reconnecting would be refused again). */
function RetryButton({ code, retry }: { code: number; retry(): void }) {
  const { t } = useI18n();
  const reload = code === PROTOCOL_MISMATCH;
  return (
    <button type="button" className="secondary small" onClick={reload ? () => location.reload() : retry}>
      {t(reload ? 'haltReloadButton' : 'haltRetry')}
    </button>
  );
}
