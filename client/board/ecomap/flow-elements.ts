import { Position, type Node } from '@xyflow/react';
import type { PersonView } from '../../../shared/api/cases.ts';
import type { EcoStrength } from '../../../shared/board/schema.ts';
import type { EcoNodeData, EcoFlowNode, HouseholdFlowNode } from './EcoNodes.tsx';
import type { HartmanFlowEdge } from './HartmanEdge.tsx';
import { PERSON_H, PERSON_W, SYMBOL_CX, SYMBOL_CY, type HouseholdLayout } from './household-layout.ts';
import { endName, personNodeId, type EcoModel, type ResourceItem } from './model.ts';
import type { Prim } from './prims.ts';
import { PERSON_RIM, RESOURCE_R, edgePrims, personPrims, resourcePrims, type Rim } from './shapes.ts';
import type { RemoteSelection } from './useRemoteSelections.ts';

/** The model as React Flow nodes and edges (and, through the same prims, as the export). */

export const HOUSEHOLD_ID = 'household';

/** The boundary ellipse, the genogram lines and a small caption, in the ellipse box's coordinates. */
export function householdPrims(layout: HouseholdLayout, caption: string): { prims: Prim[]; x: number; y: number; w: number; h: number } {
  const { cx, cy, rx, ry } = layout.ellipse;
  const x = cx - rx - 4;
  const y = cy - ry - 4;
  const prims: Prim[] = [
    { t: 'ellipse', cx: rx + 4, cy: ry + 4, rx, ry, fill: '#f8fafc', stroke: '#334155', sw: 2 },
    ...layout.lines.map((l): Prim => ({ t: 'line', x1: l.x1 - x, y1: l.y1 - y, x2: l.x2 - x, y2: l.y2 - y, stroke: '#1f2933', sw: 1.6 })),
    // The caption sits at the bottom: lines from resources arrive mostly over the top half.
    { t: 'text', x: rx + 4, y: 2 * ry - 14, text: caption, size: 12, fill: '#52606d' },
  ];
  return { prims, x, y, w: 2 * rx + 8, h: 2 * ry + 8 };
}

export function personLabel(p: PersonView, t: (key: string) => string): string {
  const bits = [p.relation, p.age !== null ? t('ecoAge').replace('{n}', String(p.age)) : null, t(`ecoSex_${p.sex}`), p.deceased ? t('ecoDeceased') : null];
  return `${p.name} (${bits.filter(Boolean).join('・')})`;
}

export function resourceLabel(item: ResourceItem, t: (key: string) => string): string {
  const n = item.node;
  return `${n.label} (${t(`ecoKind_${n.kind}`)}・${t(`ecoField_${n.field ?? 'other'}`)})`;
}

export interface FlowInput {
  model: EcoModel;
  selected: ReadonlySet<string>;
  selectedEdge: string | null;
  remote: ReadonlyMap<string, RemoteSelection[]>;
  editable(item: ResourceItem): boolean;
  /** May be dragged (own items, or anybody's through the shared layout); defaults to editable. */
  movable?(item: ResourceItem): boolean;
  canConnect: boolean;
  t(key: string): string;
}

/**
 * The handles EcoNodes renders, declared up front: React Flow re-reads a node's declared handles
 * on every update (and the nodes here are rebuilt from Yjs on every change), so a handle missing
 * from this list could not start or end a connection.
 */
const handlesAt = (cx: number, cy: number, dot: { x: number; y: number }, connectable: boolean): NonNullable<Node['handles']> => [
  { id: 'c', type: 'source', position: Position.Top, x: cx - 0.5, y: cy - 0.5, width: 1, height: 1 },
  ...(connectable
    ? [
        { id: 'h', type: 'source' as const, position: Position.Right, x: dot.x - 6, y: dot.y - 6, width: 12, height: 12 },
        { id: 't', type: 'target' as const, position: Position.Top, x: cx - 32, y: cy - 32, width: 64, height: 64 },
      ]
    : []),
];

export function toFlowNodes({ model, selected, remote, editable, movable = editable, canConnect, t }: FlowInput): Node[] {
  const box = householdPrims(model.household, t('ecoHousehold'));
  const household: HouseholdFlowNode = {
    id: HOUSEHOLD_ID,
    type: 'household',
    position: { x: box.x, y: box.y },
    width: box.w,
    height: box.h,
    data: { prims: box.prims, w: box.w, h: box.h },
    selectable: false,
    draggable: false,
    connectable: false,
    focusable: false,
    zIndex: -1,
    ariaRole: 'img',
    ariaLabel: t('ecoHousehold'),
  };
  const base = (id: string, d: Omit<EcoNodeData, 'remote' | 'connectHint'>): Pick<EcoFlowNode, 'id' | 'width' | 'height' | 'selected' | 'handles' | 'data'> => ({
    id,
    width: d.w,
    height: d.h,
    selected: selected.has(id),
    handles: handlesAt(d.cx, d.cy, d.dot, d.connectable),
    data: { ...d, remote: remote.get(id) ?? [], connectHint: t('ecoConnect') },
  });
  const persons: EcoFlowNode[] = model.household.slots.map((slot) => ({
    ...base(personNodeId(slot.person.id), { prims: personPrims(slot.person, slot.person.name, slot.person.relation), cx: SYMBOL_CX, cy: SYMBOL_CY, dot: { x: SYMBOL_CX + 24, y: SYMBOL_CY + 16 }, w: PERSON_W, h: PERSON_H, connectable: canConnect }),
    type: 'person',
    position: { x: slot.cx - SYMBOL_CX, y: slot.cy - SYMBOL_CY },
    draggable: false,
    ariaRole: 'group',
    ariaLabel: personLabel(slot.person, t),
  }));
  const resources: EcoFlowNode[] = model.resources.map((item) => {
    const d = 2 * RESOURCE_R;
    const canEdit = editable(item);
    return {
      ...base(item.node.id, { prims: resourcePrims(item.node.label, item.node.field), cx: RESOURCE_R, cy: RESOURCE_R, dot: { x: RESOURCE_R * 1.68, y: RESOURCE_R * 1.68 }, w: d, h: d, connectable: canConnect && canEdit }),
      type: 'resource',
      position: { x: item.node.x - RESOURCE_R, y: item.node.y - RESOURCE_R },
      draggable: movable(item),
      ariaRole: 'group',
      ariaLabel: resourceLabel(item, t),
      domAttributes: { 'data-doc': item.compartment.docName } as Record<string, string>,
    };
  });
  return [household, ...persons, ...resources];
}

const radius = (model: EcoModel, id: string): Rim => (model.ends.get(id)?.kind === 'resource' ? RESOURCE_R : PERSON_RIM);

export function edgeAriaLabel(model: EcoModel, from: string, to: string, strength: string, t: (key: string) => string): string {
  return `${endName(model.ends.get(from))} — ${endName(model.ends.get(to))}: ${t(`ecoStrength_${strength}`)}`;
}

export function toFlowEdges({ model, selectedEdge, t }: FlowInput): HartmanFlowEdge[] {
  return model.edges.map(({ edge }) => ({
    id: edge.id,
    type: 'hartman',
    source: edge.from,
    target: edge.to,
    sourceHandle: 'c',
    targetHandle: 'c',
    selected: edge.id === selectedEdge,
    focusable: false,
    ariaLabel: edgeAriaLabel(model, edge.from, edge.to, edge.strength, t),
    data: { strength: edge.strength, direction: edge.direction, label: edge.label, r1: radius(model, edge.from), r2: radius(model, edge.to) },
  }));
}

/** The same edge drawings for the export, from model positions rather than live node positions. */
export function exportEdges(model: EcoModel): { from: string; to: string; strength: EcoStrength; prims: Prim[] }[] {
  const centre = (id: string) => {
    const end = model.ends.get(id)!;
    return end.kind === 'person' ? { x: end.slot.cx, y: end.slot.cy } : { x: end.item.node.x, y: end.item.node.y };
  };
  return model.edges.map(({ edge }) => {
    const a = centre(edge.from);
    const b = centre(edge.to);
    const prims = edgePrims(a.x, a.y, radius(model, edge.from), b.x, b.y, radius(model, edge.to), edge);
    return { from: endName(model.ends.get(edge.from)), to: endName(model.ends.get(edge.to)), strength: edge.strength, prims };
  });
}
