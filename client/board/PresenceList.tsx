import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { ParticipantView } from '../../shared/api/cases.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { colorFor } from '../ui/colors.ts';

/** What every client announces about itself in the meeting document's awareness. */
export interface PresenceState {
  userId: string;
  orgName: string;
}

/** Ids of users with at least one live connection to the meeting. */
function useOnlineUserIds(awareness: Awareness): Set<string> {
  const read = () =>
    new Set(
      [...awareness.getStates().values()]
        .map((s) => (s as { presence?: PresenceState }).presence?.userId)
        .filter((id): id is string => typeof id === 'string'),
    );
  const [online, setOnline] = useState(read);
  useEffect(() => {
    const onChange = () => setOnline(read());
    awareness.on('change', onChange);
    onChange();
    return () => awareness.off('change', onChange);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [awareness]);
  return online;
}

export function PresenceList({ participants, awareness, selfId }: { participants: ParticipantView[]; awareness: Awareness; selfId: string }) {
  const { t, tx } = useI18n();
  const online = useOnlineUserIds(awareness);
  return (
    <section aria-labelledby="presence-title" className="panel presence">
      <h2 id="presence-title">{t('participants')}</h2>
      <ul>
        {participants.map((p) => {
          const isOnline = online.has(p.userId);
          return (
            <li key={p.userId} data-testid={`presence-${p.userId}`} data-online={isOnline ? 'true' : 'false'}>
              <span className={`dot ${isOnline ? 'on' : 'off'}`} style={isOnline ? { background: colorFor(p.userId) } : undefined} aria-hidden="true" />
              <span className="name">
                {p.displayName}
                {p.userId === selfId && ` (${t('you')})`}
              </span>
              <small>
                {p.orgName} · {tx(`role_${p.role}`)} · {isOnline ? t('online') : t('offline')}
              </small>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
