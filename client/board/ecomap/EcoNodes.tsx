import { Handle, Position, useConnection, type Node, type NodeProps } from '@xyflow/react';
import type { CSSProperties } from 'react';
import type { Prim } from './prims.ts';
import { PrimsView } from './PrimsView.tsx';
import type { RemoteSelection } from './useRemoteSelections.ts';

/** What every drawn node carries: its drawing, where edges attach, who else has it selected. */
export type EcoNodeData = {
  prims: Prim[];
  /** Where relationships attach (the symbol's or circle's centre), in the node's box. */
  cx: number;
  cy: number;
  /** The connect dot, on the symbol's or circle's lower right rim. */
  dot: { x: number; y: number };
  w: number;
  h: number;
  remote: RemoteSelection[];
  /** The viewer may start a relationship from here (drag from the small dot). */
  connectable: boolean;
  connectHint: string;
};

export type EcoFlowNode = Node<EcoNodeData, 'person' | 'resource'>;
export type HouseholdFlowNode = Node<{ prims: Prim[]; w: number; h: number }, 'household'>;

/** Others' selections: an outline in the first selector's colour, and everyone's name above. */
function remoteStyle(remote: RemoteSelection[]): CSSProperties | undefined {
  const first = remote[0];
  return first ? { outline: `3px solid ${first.color}`, outlineOffset: 4 } : undefined;
}

function RemoteTags({ remote }: { remote: RemoteSelection[] }) {
  if (remote.length === 0) return null;
  return (
    <div className="eco-remote-tags" data-testid="eco-remote-tags">
      {remote.map((r) => (
        <span key={r.userId} className="eco-remote-tag" style={{ background: r.color }}>
          {r.name}
        </span>
      ))}
    </div>
  );
}

/**
 * Attachment points. 'c' is an invisible 1px handle at the centre: React Flow needs a handle to
 * draw an edge, and the Hartman edge then computes its own rim-to-rim line. 'h' is the visible
 * dot to drag a new relationship from; while a connection is being dragged, 't' covers the whole
 * symbol so dropping anywhere on it connects.
 */
function Anchors({ data }: { data: EcoNodeData }) {
  const connecting = useConnection((c) => c.inProgress);
  const centre: CSSProperties = { left: data.cx, top: data.cy };
  return (
    <>
      <Handle id="c" type="source" position={Position.Top} isConnectable={false} className="eco-anchor" style={centre} />
      {data.connectable && (
        <>
          <Handle id="h" type="source" position={Position.Right} className="eco-connect-dot" style={{ left: data.dot.x, top: data.dot.y }} title={data.connectHint} />
          <Handle
            id="t"
            type="target"
            position={Position.Top}
            isConnectableStart={false}
            className={connecting ? 'eco-drop-zone active' : 'eco-drop-zone'}
            style={{ left: data.cx, top: data.cy }}
          />
        </>
      )}
    </>
  );
}

function DrawnNode({ data, selected, kind }: { data: EcoNodeData; selected: boolean; kind: 'person' | 'resource' }) {
  const classes = ['eco-node', `eco-${kind}`, selected ? 'is-selected' : '', data.remote.length > 0 ? 'is-remote-selected' : ''].join(' ');
  return (
    <div className={classes} style={{ width: data.w, height: data.h, ...remoteStyle(data.remote) }} data-remote={data.remote.map((r) => r.userId).join(' ')}>
      <svg width={data.w} height={data.h} aria-hidden="true" focusable="false">
        <PrimsView prims={data.prims} />
      </svg>
      <Anchors data={data} />
      <RemoteTags remote={data.remote} />
    </div>
  );
}

function PersonNode({ data, selected }: NodeProps<EcoFlowNode>) {
  return <DrawnNode data={data} selected={selected} kind="person" />;
}

function ResourceNode({ data, selected }: NodeProps<EcoFlowNode>) {
  return <DrawnNode data={data} selected={selected} kind="resource" />;
}

/** The household boundary with the genogram's partnership and descent lines. */
function HouseholdNode({ data }: NodeProps<HouseholdFlowNode>) {
  return (
    <svg width={data.w} height={data.h} aria-hidden="true" focusable="false" className="eco-household">
      <PrimsView prims={data.prims} />
    </svg>
  );
}

export const nodeTypes = { person: PersonNode, resource: ResourceNode, household: HouseholdNode };
