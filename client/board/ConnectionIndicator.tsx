import { useRef } from 'react';
import type { CompartmentDoc } from '../collab/compartment-pool.ts';
import type { CollabDoc } from '../collab/useCollabDoc.ts';
import { useReachable } from '../collab/useReachable.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { fill } from './board-format.ts';

export type IndicatorState = 'awaiting-affirmation' | 'ended' | 'halted' | 'offline' | 'connecting' | 'connected';

/**
 * The header's connection line, which must tell the truth: 同期済み only while the meeting
 * document is connected, synced and the server answers the heartbeat; オフライン within seconds
 * of losing the server; and how many of this viewer's edits (meeting document and compartments)
 * wait to be sent.
 */
export function ConnectionIndicator({ collab, compartments, awaiting, readOnly }: { collab: CollabDoc | null; compartments: readonly CompartmentDoc[]; awaiting: boolean; readOnly: boolean }) {
  const { t } = useI18n();
  const reachable = useReachable();
  const everConnected = useRef(false);
  const status = collab?.status ?? 'connecting';
  if (status === 'connected') everConnected.current = true;
  const pending = (collab?.pending ?? 0) + compartments.reduce((sum, c) => sum + (c.pending ?? 0), 0);
  const halted = collab?.halted != null || compartments.some((c) => c.halted != null);

  let state: IndicatorState;
  if (awaiting) state = 'awaiting-affirmation';
  else if (status === 'ended') state = 'ended';
  else if (halted) state = 'halted';
  else if (!reachable || (everConnected.current && status !== 'connected')) state = 'offline';
  else if (status !== 'connected' || !collab?.synced) state = 'connecting';
  else state = 'connected';

  const text = {
    'awaiting-affirmation': t('awaitingAffirmation'),
    ended: t('accessEnded'),
    halted: t('syncHalted'),
    offline: t('syncOffline'),
    connecting: t('connecting'),
    connected: t('connected'),
  }[state];

  return (
    <p className={`sync-status sync-${state}`} role="status" data-testid="sync-status" data-status={state} data-pending={pending}>
      <span className="sync-dot" aria-hidden="true" />
      {text}
      {pending > 0 && (
        <span className="sync-pending" data-testid="sync-pending" title={t('syncPendingHint')}>
          {' · '}
          {fill(t('syncPending'), { n: pending })}
        </span>
      )}
      {readOnly && ` · ${t('readOnly')}`}
    </p>
  );
}
