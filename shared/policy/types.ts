import type { Category } from '../domain/categories.ts';
import type { ConsentState } from '../domain/consent.ts';
import type { MeetingKindFlags, MeetingState } from '../domain/meeting-kinds.ts';
import type { ParticipantRole, UserRole } from '../domain/roles.ts';

export type Access = 'none' | 'read' | 'write';

/** What decides who may open a compartment. Every board item carries one. */
export interface Label {
  caseId: string;
  /** The household member the item is about. */
  personId: string;
  category: Category;
  /** The organisation that entered the item: it always keeps sight of it. */
  supplierOrgId: string;
  /** When set, only these organisations (and the supplier) may see it. */
  allowOrgIds: string[] | null;
  /** Never shown to the person or their family (e.g. who reported suspected abuse). */
  notToPerson: boolean;
}

export interface Viewer {
  userId: string;
  orgId: string;
  role: UserRole;
}

/** The viewer's part in one meeting; null when they are not admitted to it. */
export interface Participation {
  role: ParticipantRole;
  /** For role 'person' or 'family': which household member the viewer is. */
  personId: string | null;
  /** Confidentiality duty affirmed for this meeting (支援会議). */
  affirmed: boolean;
}

export type AccessContext =
  | {
      kind: 'meeting';
      meetingKind: MeetingKindFlags;
      state: MeetingState;
      participation: Participation | null;
    }
  | {
      /** The case workspace outside any meeting. */
      kind: 'workspace';
      /** The viewer coordinates this case (the 多機関協働事業者's facilitator assigned to it). */
      isCoordinator: boolean;
    };

export interface AccessQuery {
  viewer: Viewer;
  context: AccessContext;
  label: Label;
  /** Current consent of every person of the case, keyed by person id. Missing = not asked. */
  consents: Readonly<Record<string, ConsentState | undefined>>;
  /** ISO timestamp of "now"; consent outside its validity period counts as expired. */
  now: string;
}
