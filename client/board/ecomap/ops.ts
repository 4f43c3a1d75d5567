import type * as Y from 'yjs';
import { board, type EcoEdge, type EcoNode } from '../../../shared/board/schema.ts';
import { createItemTexts, deleteItemTexts } from '../../../shared/board/texts.ts';
import type { CompartmentDoc } from '../../collab/compartment-pool.ts';
import { newItemId } from '../board-format.ts';
import type { DocChange, EcoHistory } from './history.ts';
import { hostFor, isPersonNodeId, type EcoModel, type EdgeItem, type ResourceItem } from './model.ts';

/**
 * Every write the ecomap makes. Values are replaced whole (one node or edge per Y.Map key), so
 * two people moving two different nodes never clash, and every write goes through the history
 * so that this tab can undo exactly its own steps. A name and a relationship's note are typed
 * into shared texts (texts.ts): created with the item, moved with it to another compartment,
 * deleted with it; the item's own `label` string is kept in step for older readers.
 */

export class EcoWriteError extends Error {
  constructor(readonly key: 'ecoSameNode' | 'ecoPersonsOnly' | 'ecoDuplicateEdge' | 'ecoHostReadOnly') {
    super(key);
  }
}

type Typed = EcoNode | EcoEdge;
const row = (item: Typed) => item as Typed & Record<string, unknown>;
const setNode = (c: CompartmentDoc, node: EcoNode): DocChange => ({ doc: c.doc, apply: () => board.ecoNodes(c.doc).set(node.id, node) });
/** A node new to this compartment (added, or moved here by a relabel), with its shared text. */
const insertNode = (c: CompartmentDoc, node: EcoNode): DocChange => ({
  doc: c.doc,
  apply: () => {
    board.ecoNodes(c.doc).set(node.id, node);
    createItemTexts(c.doc, 'ecoNodes', row(node));
  },
});
const dropNode = (c: CompartmentDoc, id: string): DocChange => ({
  doc: c.doc,
  apply: () => {
    board.ecoNodes(c.doc).delete(id);
    deleteItemTexts(c.doc, 'ecoNodes', id);
  },
});
const setEdge = (c: CompartmentDoc, edge: EcoEdge): DocChange => ({ doc: c.doc, apply: () => board.ecoEdges(c.doc).set(edge.id, edge) });
const insertEdge = (c: CompartmentDoc, edge: EcoEdge): DocChange => ({
  doc: c.doc,
  apply: () => {
    board.ecoEdges(c.doc).set(edge.id, edge);
    createItemTexts(c.doc, 'ecoEdges', row(edge));
  },
});
const dropEdge = (c: CompartmentDoc, id: string): DocChange => ({
  doc: c.doc,
  apply: () => {
    board.ecoEdges(c.doc).delete(id);
    deleteItemTexts(c.doc, 'ecoEdges', id);
  },
});

const writable = (c: CompartmentDoc) => c.access === 'write';
const touches = (e: EdgeItem, id: string) => e.edge.from === id || e.edge.to === id;

export function addResource(history: EcoHistory, target: CompartmentDoc, fields: Omit<EcoNode, 'id' | 'personId'>): EcoNode {
  const node: EcoNode = { ...fields, id: newItemId(), personId: null };
  history.commit([insertNode(target, node)]);
  return node;
}

/**
 * Drag stop or arrow keys, as one step. A resource the viewer's agency entered moves in its own
 * compartment; anybody else's moves in the meeting's shared layout (`layoutDoc`, keyed by node id
 * only), so moving never needs write access to another agency's item (issue 8 rule 4). Once a
 * node has a shared position, that is the one that moves.
 */
export function moveResources(history: EcoHistory, moves: readonly { item: ResourceItem; x: number; y: number }[], layoutDoc: Y.Doc | null = null): void {
  const changes = moves
    .map(({ item, x, y }) => ({ item, x: Math.round(x), y: Math.round(y) }))
    .filter(({ item, x, y }) => item.node.x !== x || item.node.y !== y)
    .flatMap(({ item, x, y }): DocChange[] => {
      const shared = layoutDoc !== null && board.ecoLayout(layoutDoc).has(item.node.id);
      if (writable(item.compartment) && !shared) return [setNode(item.compartment, { ...item.node, x, y })];
      if (!layoutDoc) return [];
      const doc = layoutDoc;
      return [{ doc, apply: () => board.ecoLayout(doc).set(item.node.id, { id: item.node.id, x, y }) }];
    });
  if (changes.length > 0) history.commit(changes);
}

/**
 * Name, kind, field; and when `target` is another compartment, a relabel: the node is deleted in
 * its old compartment and inserted in the new one under the same id (its name as it reads now, in
 * a new shared text there), and each relationship it has moves with it when its stricter end (and
 * so its compartment) changes. `typing`: the undo of the name typed in the form, made part of the
 * step (in the same compartment only; a relabel starts the name afresh in the new one).
 */
export function updateResource(
  history: EcoHistory,
  model: EcoModel,
  item: ResourceItem,
  patch: Partial<Omit<EcoNode, 'id'>>,
  target: CompartmentDoc,
  typing: () => Y.UndoManager | null = () => null,
): void {
  const node = { ...item.node, ...patch };
  if (target.docName === item.compartment.docName) {
    history.commit([setNode(item.compartment, node)], typing());
    return;
  }
  const changes: DocChange[] = [dropNode(item.compartment, node.id), insertNode(target, node)];
  for (const e of model.allEdges) {
    if (!touches(e, node.id)) continue;
    const from = model.ends.get(e.edge.from);
    const to = model.ends.get(e.edge.to);
    // An edge whose other end we cannot see stays where it is: we cannot tell which end is stricter.
    if (!from || !to) continue;
    const host = hostFor(from, to, { id: node.id, compartment: target });
    if (!host || host.docName === e.compartment.docName || !writable(e.compartment) || !writable(host)) continue;
    changes.push(dropEdge(e.compartment, e.edge.id), insertEdge(host, e.edge));
  }
  history.commit(changes);
}

/** Deletes a node and every relationship of it that this viewer holds and may edit. */
export function deleteResource(history: EcoHistory, model: EcoModel, item: ResourceItem): void {
  const changes = [dropNode(item.compartment, item.node.id)];
  for (const e of model.allEdges) if (touches(e, item.node.id) && writable(e.compartment)) changes.push(dropEdge(e.compartment, e.edge.id));
  history.commit(changes);
}

export function connect(history: EcoHistory, model: EcoModel, fields: Omit<EcoEdge, 'id'>): EcoEdge {
  if (fields.from === fields.to) throw new EcoWriteError('ecoSameNode');
  if (isPersonNodeId(fields.from) && isPersonNodeId(fields.to)) throw new EcoWriteError('ecoPersonsOnly');
  const from = model.ends.get(fields.from);
  const to = model.ends.get(fields.to);
  if (!from || !to) throw new EcoWriteError('ecoSameNode');
  const pair = [fields.from, fields.to].sort().join('|');
  if (model.edges.some((e) => [e.edge.from, e.edge.to].sort().join('|') === pair)) throw new EcoWriteError('ecoDuplicateEdge');
  const host = hostFor(from, to);
  if (!host || !writable(host)) throw new EcoWriteError('ecoHostReadOnly');
  const edge: EcoEdge = { ...fields, id: newItemId() };
  history.commit([insertEdge(host, edge)]);
  return edge;
}

export function updateEdge(history: EcoHistory, item: EdgeItem, patch: Partial<Pick<EcoEdge, 'strength' | 'direction' | 'label'>>, typing: Y.UndoManager | null = null): void {
  history.commit([setEdge(item.compartment, { ...item.edge, ...patch })], typing);
}

export function deleteEdge(history: EcoHistory, item: EdgeItem): void {
  history.commit([dropEdge(item.compartment, item.edge.id)]);
}
