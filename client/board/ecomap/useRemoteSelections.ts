import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { ParticipantView } from '../../../shared/api/cases.ts';
import { colorFor } from '../../ui/colors.ts';
import type { PresenceState } from '../PresenceList.tsx';

export interface RemoteSelection {
  userId: string;
  name: string;
  color: string;
}

const FIELD = 'ecomapSelection';

/**
 * Selections travel in the meeting document's awareness (everyone admitted to the meeting shares
 * it; node ids alone say nothing about a compartment somebody cannot open, and a node they cannot
 * see is simply never outlined on their screen). Publishes this tab's selection and returns, per
 * node id, who else has it selected.
 */
export function useRemoteSelections(awareness: Awareness | null, selected: readonly string[], participants: readonly ParticipantView[]): Map<string, RemoteSelection[]> {
  const key = selected.join('\n');
  useEffect(() => {
    if (!awareness) return;
    awareness.setLocalStateField(FIELD, key === '' ? [] : key.split('\n'));
  }, [awareness, key]);
  // Leaving the ecomap (another section, another page) clears what others see of us.
  useEffect(() => {
    if (!awareness) return;
    return () => {
      if (awareness.getLocalState() !== null) awareness.setLocalStateField(FIELD, []);
    };
  }, [awareness]);

  const [remote, setRemote] = useState<Map<string, RemoteSelection[]>>(new Map());
  useEffect(() => {
    if (!awareness) {
      setRemote(new Map());
      return;
    }
    const names = new Map(participants.map((p) => [p.userId, p.displayName]));
    const read = () => {
      const next = new Map<string, RemoteSelection[]>();
      for (const [clientId, state] of awareness.getStates()) {
        if (clientId === awareness.clientID) continue;
        const s = state as { presence?: PresenceState; [FIELD]?: unknown };
        const userId = s.presence?.userId;
        const ids = s[FIELD];
        if (typeof userId !== 'string' || !Array.isArray(ids)) continue;
        const who: RemoteSelection = { userId, name: names.get(userId) ?? s.presence?.orgName ?? userId, color: colorFor(userId) };
        for (const id of ids.slice(0, 50)) {
          if (typeof id !== 'string') continue;
          const list = next.get(id) ?? [];
          if (!list.some((r) => r.userId === userId)) list.push(who);
          next.set(id, list);
        }
      }
      setRemote(next);
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [awareness, participants]);
  return remote;
}
