import { EdgeLabelRenderer, useInternalNode, type Edge, type EdgeProps, type InternalNode } from '@xyflow/react';
import type { EcoDirection, EcoStrength } from '../../../shared/board/schema.ts';
import type { EcoNodeData } from './EcoNodes.tsx';
import { PrimsView } from './PrimsView.tsx';
import { edgePrims, type Rim } from './shapes.ts';

export type HartmanData = {
  strength: EcoStrength;
  direction: EcoDirection;
  label: string;
  /** How far each end stops short of its node's centre. */
  r1: Rim;
  r2: Rim;
};

export type HartmanFlowEdge = Edge<HartmanData, 'hartman'>;

const centreOf = (node: InternalNode) => {
  const data = node.data as Partial<EcoNodeData>;
  return { x: node.internals.positionAbsolute.x + (data.cx ?? 0), y: node.internals.positionAbsolute.y + (data.cy ?? 0) };
};

/**
 * A relationship in Hartman notation, centre to centre between the two nodes (not handle to
 * handle), following either end live while it is dragged. The shapes come from edgePrims(), the
 * same function the SVG export uses.
 */
export function HartmanEdge({ source, target, data, selected }: EdgeProps<HartmanFlowEdge>) {
  const s = useInternalNode(source);
  const t = useInternalNode(target);
  if (!s || !t || !data) return null;
  const a = centreOf(s);
  const b = centreOf(t);
  const prims = edgePrims(a.x, a.y, data.r1, b.x, b.y, data.r2, data, !!selected);
  // The note goes to the label layer above the nodes: a line may pass under a symbol, its note
  // must stay readable.
  const lines = prims.filter((p) => p.t !== 'text');
  const note = prims.find((p) => p.t === 'text');
  return (
    <>
      <g className="eco-edge" data-strength={data.strength} data-direction={data.direction}>
        {/* A wide invisible stroke makes a thin or dashed line easy to click. */}
        <path d={`M ${a.x} ${a.y} L ${b.x} ${b.y}`} fill="none" stroke="transparent" strokeWidth={18} className="react-flow__edge-interaction" />
        <PrimsView prims={lines} />
      </g>
      {note?.t === 'text' && (
        <EdgeLabelRenderer>
          <div
            className={`eco-edge-note eco-edge-note-${data.strength}`}
            style={{ transform: `translate(${note.anchor === 'start' ? '0' : note.anchor === 'end' ? '-100%' : '-50%'}, -50%) translate(${note.x}px, ${note.y}px)` }}
          >
            {note.text}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const edgeTypes = { hartman: HartmanEdge };
