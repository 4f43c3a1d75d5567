import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { ParticipantView } from '../../../shared/api/cases.ts';
import { BOARD_SECTIONS, type BoardSection } from '../board-context.tsx';
import type { PresenceState } from '../PresenceList.tsx';

/**
 * "Follow the facilitator" over the meeting document's awareness (nothing is stored): the
 * facilitator's clients announce `view` (the section they have open, and when they opened it);
 * followers announce `follow` (whom they follow), so the facilitator can see how many follow.
 */
export interface ViewState {
  section: BoardSection;
  at: number;
}
export interface FollowState {
  userId: string;
}
interface AwarenessFields {
  presence?: PresenceState;
  view?: ViewState;
  follow?: FollowState | null;
}

/** Every peer's awareness fields (this client's too), re-read when any of them changes. */
export function useAwarenessFields(awareness: Awareness): AwarenessFields[] {
  const read = () => [...awareness.getStates().values()] as AwarenessFields[];
  const [states, setStates] = useState(read);
  useEffect(() => {
    const onChange = () => setStates(read());
    onChange();
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [awareness]);
  return states;
}

export interface FacilitatorView {
  userId: string;
  name: string;
  section: BoardSection;
}

/**
 * The section a facilitator of this meeting has open: only participants designated as
 * facilitator count (a member announcing a `view` is ignored), and of several facilitator
 * windows the one that changed last.
 */
export function facilitatorView(states: readonly AwarenessFields[], participants: readonly ParticipantView[]): FacilitatorView | null {
  let best: (FacilitatorView & { at: number }) | null = null;
  for (const s of states) {
    const who = participants.find((p) => p.userId === s.presence?.userId && p.role === 'facilitator');
    const view = s.view;
    if (!who || !view || !(BOARD_SECTIONS as readonly string[]).includes(view.section)) continue;
    const at = typeof view.at === 'number' ? view.at : 0;
    if (!best || at > best.at) best = { userId: who.userId, name: who.displayName, section: view.section, at };
  }
  return best && { userId: best.userId, name: best.name, section: best.section };
}

/** Distinct users following `userId`. */
export function followersOf(states: readonly AwarenessFields[], userId: string): number {
  return new Set(states.filter((s) => s.follow?.userId === userId && s.presence?.userId).map((s) => s.presence!.userId)).size;
}

const STORAGE_KEY = 'kasane.followFacilitator';

/** The member's choice, kept across meetings and reloads on this browser. */
export function useFollowPreference(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => readPreference());
  const set = (next: boolean) => {
    try {
      localStorage.setItem(STORAGE_KEY, next ? '1' : '0');
    } catch {
      // Storage may be unavailable (private mode, policy): the choice then lasts for this page.
    }
    setOn(next);
  };
  return [on, set];
}

function readPreference(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}
