import * as Y from 'yjs';
import type { NoteItem } from './items.ts';

/**
 * The Yjs document schema of the board. Compartment documents hold labelled items (their label is
 * the compartment's); the meeting document holds what belongs to the meeting as a whole.
 *
 * Compartment document (case/<caseId>/p/<personId>/<category>/o/<org>[/x/…]):
 *   notes       Y.Map<NoteItem>        labelled facts
 *   ecoNodes    Y.Map<EcoNode>         ecomap nodes (the person, agencies, services, informal resources)
 *   ecoEdges    Y.Map<EcoEdge>         ecomap relationships (stored in the stricter end's compartment)
 *   roles       Y.Map<RoleAssignment>  役割分担 rows
 *   planItems   Y.Map<PlanItem>        支援プラン items
 *   plan        Y.Map<string|Y.Text>   本人の目標 and 支援方針 (Y.Text; a plain string in documents before
 *                                      version 2), stage, monitoringDate (the subject's basic compartment)
 *   planText    Y.XmlFragment          free text of the plan (Tiptap)
 *   texts       Y.Map<Y.Text>          typed fields of items: 'roles/<id>/role', 'planItems/<id>/what' …
 *                                      'ecoNodes/<id>/label', 'ecoEdges/<id>/label'
 *                                      (see texts.ts: read them with itemFieldText / withItemTexts)
 * Meeting document (meeting/<meetingId>):
 *   minutes     Y.XmlFragment          議事録 (Tiptap)
 *   agenda      Y.Map<AgendaItem>      checklist for the meeting kind and moment
 *   decisions   Y.Map<Decision>        決定事項
 *   texts       Y.Map<Y.Text>          typed fields: 'decisions/<id>/text', 'agenda/<id>/text' (texts.ts)
 *   meta        Y.Map<unknown>         schemaVersion, videoUrl, followTarget …
 *   ecoLayout   Y.Map<EcoPosition>     where participants moved ecomap resources they did not enter:
 *                                      keyed by the node's random id only (no label, no text), so
 *                                      the shared layout reveals nothing a viewer may not see, and
 *                                      the supplier's compartment stays the supplier's to change
 * Values in the item maps are plain JSON objects replaced whole on edit (a pick or a date is one
 * person's choice); what people type into them merges instead: it lives as Y.Text in `texts`.
 * Version 2: typed fields are Y.Text (texts.ts); version-1 documents are read as they are.
 * Version 3: also 決定事項 and 議題 (in the meeting document's own `texts` map) and the ecomap's
 * names and relationship notes (in the compartment's `texts`). Documents of versions 1 and 2 read
 * as they are (a field without its Y.Text reads the plain string); a field gets its Y.Text on its
 * first edit. A client that writes a text into the meeting document stamps meta.schemaVersion 3:
 * a version-2 board then only reads decisions and agenda there (isNewerSchema), instead of writing
 * plain strings that the Y.Texts would hide.
 */
export const BOARD_SCHEMA_VERSION = 3;

export const KEYS = {
  notes: 'notes',
  ecoNodes: 'ecoNodes',
  ecoEdges: 'ecoEdges',
  roles: 'roles',
  planItems: 'planItems',
  plan: 'plan',
  planText: 'planText',
  texts: 'texts',
  minutes: 'minutes',
  agenda: 'agenda',
  decisions: 'decisions',
  meta: 'meta',
  ecoLayout: 'ecoLayout',
} as const;

/** A resource's position on the shared ecomap, by node id only (see ecoLayout above). */
export interface EcoPosition {
  id: string;
  x: number;
  y: number;
}

export type EcoNodeKind = 'person' | 'agency' | 'service' | 'informal';

export interface EcoNode {
  id: string;
  kind: EcoNodeKind;
  /** For kind 'person': the household member drawn (genogram symbol from the person record). */
  personId: string | null;
  /** For agencies: the organisation, so the node takes its field's colour. */
  orgId: string | null;
  label: string;
  field: string | null;
  x: number;
  y: number;
}

export type EcoStrength = 'strong' | 'tenuous' | 'stressful';
export type EcoDirection = 'none' | 'forward' | 'backward' | 'both';

export interface EcoEdge {
  id: string;
  from: string;
  to: string;
  /** Node ids live in other compartments too: the edge is drawn only when both ends are visible. */
  strength: EcoStrength;
  direction: EcoDirection;
  label: string;
}

export type RoleStatus = 'planned' | 'active' | 'done' | 'paused';

export interface RoleAssignment {
  id: string;
  orgId: string;
  personInCharge: string;
  role: string;
  /** The household member concerned. */
  personId: string;
  from: string | null;
  until: string | null;
  status: RoleStatus;
}

export type PlanStage = 'creation' | 'change' | 'ending' | 'suspension';

export interface PlanItem {
  id: string;
  what: string;
  who: string;
  byWhen: string | null;
  category: string;
  status: 'open' | 'done';
}

export interface AgendaItem {
  id: string;
  text: string;
  order: number;
  done: boolean;
}

export interface Decision {
  id: string;
  text: string;
  ownerOrgId: string | null;
  dueDate: string | null;
  planItemId: string | null;
  confirmed: boolean;
  confirmedBy: string | null;
  createdBy: string;
  createdAt: string;
}

export const board = {
  notes: (doc: Y.Doc) => doc.getMap<NoteItem>(KEYS.notes),
  ecoNodes: (doc: Y.Doc) => doc.getMap<EcoNode>(KEYS.ecoNodes),
  ecoEdges: (doc: Y.Doc) => doc.getMap<EcoEdge>(KEYS.ecoEdges),
  roles: (doc: Y.Doc) => doc.getMap<RoleAssignment>(KEYS.roles),
  planItems: (doc: Y.Doc) => doc.getMap<PlanItem>(KEYS.planItems),
  plan: (doc: Y.Doc) => doc.getMap<string | Y.Text>(KEYS.plan),
  planText: (doc: Y.Doc) => doc.getXmlFragment(KEYS.planText),
  minutes: (doc: Y.Doc) => doc.getXmlFragment(KEYS.minutes),
  agenda: (doc: Y.Doc) => doc.getMap<AgendaItem>(KEYS.agenda),
  decisions: (doc: Y.Doc) => doc.getMap<Decision>(KEYS.decisions),
  meta: (doc: Y.Doc) => doc.getMap<unknown>(KEYS.meta),
  ecoLayout: (doc: Y.Doc) => doc.getMap<EcoPosition>(KEYS.ecoLayout),
};

/** Records that this version wrote the document (never lowers a newer client's stamp). */
export function markSchemaVersion(doc: Y.Doc): void {
  const meta = board.meta(doc);
  const version = meta.get('schemaVersion');
  if (typeof version !== 'number' || version < BOARD_SCHEMA_VERSION) meta.set('schemaVersion', BOARD_SCHEMA_VERSION);
}

/** A document written by a newer client than this one: editing it could lose fields. */
export function isNewerSchema(doc: Y.Doc): boolean {
  const version = board.meta(doc).get('schemaVersion');
  return typeof version === 'number' && version > BOARD_SCHEMA_VERSION;
}
