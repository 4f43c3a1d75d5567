import { useMemo } from 'react';
import type { PersonView } from '../../../shared/api/cases.ts';
import type * as Y from 'yjs';
import { board, type EcoEdge, type EcoNode, type EcoPosition } from '../../../shared/board/schema.ts';
import { SENSITIVE_CATEGORIES } from '../../../shared/domain/categories.ts';
import type { CompartmentDoc } from '../../collab/compartment-pool.ts';
import { useMapValues, useMapsAcross, type Located } from '../useYMap.ts';
import { DIRECTIONS, RESOURCE_KINDS, STRENGTHS } from './fields.ts';
import { layoutHousehold, type HouseholdLayout, type PersonSlot } from './household-layout.ts';

/**
 * The ecomap as this viewer may see it, composed from every open compartment: resources are
 * labelled items (their compartment is their label), persons are derived from the case, and a
 * relationship is drawn only when both of its ends are visible here.
 */

/** Person nodes are derived, never stored; edges name them by this id. */
export const personNodeId = (personId: string) => `person:${personId}`;
export const isPersonNodeId = (id: string) => id.startsWith('person:');

export interface ResourceItem {
  node: EcoNode;
  compartment: CompartmentDoc;
}

export interface EdgeItem {
  edge: EcoEdge;
  compartment: CompartmentDoc;
}

export type EndPoint = { kind: 'person'; id: string; slot: PersonSlot } | { kind: 'resource'; id: string; item: ResourceItem };

export interface EcoModel {
  household: HouseholdLayout;
  resources: ResourceItem[];
  /** Every relationship held here (for moving and deleting with their nodes). */
  allEdges: EdgeItem[];
  /** The relationships both of whose ends this viewer can see. */
  edges: EdgeItem[];
  ends: Map<string, EndPoint>;
}

/** Values in the maps come from other clients: keep only well-formed ones. */
function isEcoNode(v: unknown): v is EcoNode {
  const n = v as EcoNode;
  return (
    typeof n === 'object' && n !== null && typeof n.id === 'string' && typeof n.label === 'string' &&
    (RESOURCE_KINDS as readonly string[]).includes(n.kind) && Number.isFinite(n.x) && Number.isFinite(n.y)
  );
}

function isEcoEdge(v: unknown): v is EcoEdge {
  const e = v as EcoEdge;
  return (
    typeof e === 'object' && e !== null && typeof e.id === 'string' && typeof e.from === 'string' && typeof e.to === 'string' &&
    STRENGTHS.includes(e.strength) && DIRECTIONS.includes(e.direction) && typeof e.label === 'string'
  );
}

export function buildModel(
  persons: readonly PersonView[],
  nodes: Located<EcoNode, CompartmentDoc>[],
  edges: Located<EcoEdge, CompartmentDoc>[],
  layout: ReadonlyMap<string, EcoPosition> = new Map(),
): EcoModel {
  const household = layoutHousehold(persons);
  const ends = new Map<string, EndPoint>();
  for (const slot of household.slots) ends.set(personNodeId(slot.person.id), { kind: 'person', id: personNodeId(slot.person.id), slot });
  const resources: ResourceItem[] = [];
  for (const { value, from } of nodes) {
    // While a relabel travels, a node can sit in two documents for a moment: show it once.
    if (!isEcoNode(value) || ends.has(value.id)) continue;
    // A position in the meeting's shared layout wins over the one stored with the node.
    const moved = layout.get(value.id);
    const node = moved && Number.isFinite(moved.x) && Number.isFinite(moved.y) ? { ...value, x: moved.x, y: moved.y } : value;
    const item = { node, compartment: from };
    resources.push(item);
    ends.set(value.id, { kind: 'resource', id: value.id, item });
  }
  const seen = new Set<string>();
  const allEdges: EdgeItem[] = [];
  for (const { value, from } of edges) {
    if (!isEcoEdge(value) || seen.has(value.id)) continue;
    seen.add(value.id);
    allEdges.push({ edge: value, compartment: from });
  }
  resources.sort((a, b) => a.node.label.localeCompare(b.node.label, 'ja') || a.node.id.localeCompare(b.node.id));
  return {
    household,
    resources,
    allEdges,
    edges: allEdges.filter((e) => ends.has(e.edge.from) && ends.has(e.edge.to) && e.edge.from !== e.edge.to),
    ends,
  };
}

export function useEcomapModel(persons: readonly PersonView[], docs: readonly CompartmentDoc[], layoutDoc: Y.Doc | null = null): EcoModel {
  // Names and relationship notes read through their shared texts (texts.ts): typing shows live.
  const nodes = useMapsAcross(docs, board.ecoNodes, 'ecoNodes');
  const edges = useMapsAcross(docs, board.ecoEdges, 'ecoEdges');
  const positions = useMapValues(layoutDoc ? board.ecoLayout(layoutDoc) : null);
  const layout = useMemo(() => new Map(positions.filter((p) => typeof p?.id === 'string').map((p) => [p.id, p])), [positions]);
  return useMemo(() => buildModel(persons, nodes, edges, layout), [persons, nodes, edges, layout]);
}

/**
 * "Sensitive category or restricted beats plain": an edge between two resources lives with the
 * stricter one, so nobody receives a relationship whose stricter end they may not see.
 */
export function isStrict(c: CompartmentDoc): boolean {
  const { category, allowOrgIds, notToPerson } = c.label;
  return allowOrgIds !== null || notToPerson || SENSITIVE_CATEGORIES.includes(category) || category === 'tax' || category === 'dv_whereabouts';
}

/**
 * The compartment a relationship is stored in: the resource end's (for two resources the
 * stricter; a tie goes to `from`). Null for two persons: a tie inside the household is the
 * genogram's business and would need a label about two people at once.
 */
export function hostFor(from: EndPoint, to: EndPoint, override?: { id: string; compartment: CompartmentDoc }): CompartmentDoc | null {
  const comp = (end: EndPoint) => (end.kind === 'person' ? null : override?.id === end.id ? override.compartment : end.item.compartment);
  const a = comp(from);
  const b = comp(to);
  if (a && b) return isStrict(b) && !isStrict(a) ? b : a;
  return a ?? b;
}

/** Display name of an end: a person's name or a resource's label. */
export function endName(end: EndPoint | undefined): string {
  if (!end) return '?';
  return end.kind === 'person' ? end.slot.person.name : end.item.node.label;
}
