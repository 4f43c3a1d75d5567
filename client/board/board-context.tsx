import { createContext, useContext } from 'react';
import type { UserView } from '../../shared/api/auth.ts';
import type { MeetingKindFlags } from '../../shared/domain/meeting-kinds.ts';
import type { MeetingDetail, PersonView } from '../../shared/api/cases.ts';
import type { LabelInput } from '../../shared/api/compartments.ts';
import type { DirectoryView } from '../../shared/api/participants.ts';
import type { CompartmentDoc } from '../collab/compartment-pool.ts';
import type { CaseManifest } from '../collab/useCaseManifest.ts';
import type { CompartmentDocs } from '../collab/useCompartmentDocs.ts';
import type { CollabDoc } from '../collab/useCollabDoc.ts';

export const BOARD_SECTIONS = ['ecomap', 'roles', 'plan', 'agenda', 'minutes', 'items'] as const;
export type BoardSection = (typeof BOARD_SECTIONS)[number];

export type Organisation = DirectoryView['organisations'][number];

/**
 * Everything a board panel needs, provided once by the meeting page: the meeting, the viewer,
 * the household and agencies, the open compartment documents (what this viewer may see) and the
 * meeting document. Panels read their own Yjs maps from these documents.
 */
export interface BoardContextValue {
  meeting: MeetingDetail;
  /** The meeting kind's flags as configured by the municipality; null while loading. */
  meetingKind?: MeetingKindFlags | null;
  user: UserView;
  /** 'meeting:<id>': the context every compartment is opened in. */
  ctx: string;
  persons: readonly PersonView[];
  organisations: readonly Organisation[];
  manifest: CaseManifest;
  compartments: CompartmentDocs;
  /** The meeting document (agenda, decisions, minutes, meta); null before affirmation or after access ended. */
  meetingDoc: CollabDoc | null;
  /** Closed meetings are read-only for everyone. */
  readOnly: boolean;
  /** The viewer may add labelled items (an agency member or the facilitator of an open meeting). */
  canAdd: boolean;
  isFacilitator: boolean;
  section: BoardSection;
  setSection(section: BoardSection): void;
  /** The writable compartment for a label (created on first use). */
  ensureCompartment(label: LabelInput): Promise<CompartmentDoc>;
}

export const BoardContext = createContext<BoardContextValue | null>(null);

export function useBoard(): BoardContextValue {
  const value = useContext(BoardContext);
  if (!value) throw new Error('useBoard outside the meeting board');
  return value;
}
