import {
  Background,
  ConnectionLineType,
  ConnectionMode,
  Controls,
  ReactFlow,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type Node,
  type NodeChange,
  type ReactFlowInstance,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { nodeTypes } from './EcoNodes.tsx';
import { edgeTypes, type HartmanFlowEdge } from './HartmanEdge.tsx';
import { toFlowEdges, toFlowNodes, type FlowInput } from './flow-elements.ts';
import { RESOURCE_R } from './shapes.ts';

interface Props extends FlowInput {
  onSelect(ids: string[]): void;
  onSelectEdge(id: string | null): void;
  /** Drag stop: the dropped nodes' new centres. */
  onMoved(moves: { id: string; x: number; y: number }[]): void;
  onConnect(from: string, to: string): void;
  onOpen(id: string): void;
}

/**
 * The React Flow canvas. Nodes are derived from the Yjs model on every change; the only local
 * state is what React Flow itself needs between changes (measured sizes, and the position of a
 * node while this user drags it, which is written to Yjs once, on drop).
 */
export function EcoCanvas(props: Props) {
  const { tx } = useI18n();
  const { onSelect, onSelectEdge, onMoved, onConnect, onOpen } = props;
  const derived = useMemo(() => toFlowNodes(props), [props.model, props.selected, props.remote, props.editable, props.movable, props.canConnect, props.t]);
  const edges = useMemo(() => toFlowEdges(props), [props.model, props.selectedEdge, props.t]);
  const [nodes, setNodes] = useState<Node[]>(derived);
  const selectedRef = useRef(props.selected);
  selectedRef.current = props.selected;
  const flow = useRef<ReactFlowInstance<Node, HartmanFlowEdge> | null>(null);

  useEffect(() => {
    setNodes((prev) => {
      const before = new Map(prev.map((n) => [n.id, n]));
      return derived.map((n) => {
        const p = before.get(n.id);
        if (!p) return n;
        // Keep React Flow's measurements; a node this user is dragging stays under the pointer.
        return p.dragging ? { ...n, measured: p.measured, position: p.position, dragging: true } : { ...n, measured: p.measured };
      });
    });
  }, [derived]);

  // Frame the drawing when it first has content, and when a node is added out of sight (not
  // otherwise: somebody else's new node must not yank the view of a user who zoomed in to work).
  const count = derived.length;
  const frame = useRef<HTMLDivElement>(null);
  const seen = useRef(0);
  useEffect(() => {
    const instance = flow.current;
    const box = frame.current?.getBoundingClientRect();
    if (!instance || !box || count <= 1) return;
    const first = seen.current <= 1;
    seen.current = count;
    const { x, y, zoom } = instance.getViewport();
    const view = { left: -x / zoom, top: -y / zoom, right: (box.width - x) / zoom, bottom: (box.height - y) / zoom };
    const all = instance.getNodesBounds(derived);
    const inside = all.x >= view.left && all.y >= view.top && all.x + all.width <= view.right && all.y + all.height <= view.bottom;
    if (first || !inside) void instance.fitView({ padding: 0.06, maxZoom: 1.2, duration: 150 });
    // Only a change in the number of nodes decides; `derived` is read for its bounds.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [count]);

  const onNodesChange = (changes: NodeChange[]) => {
    const local = changes.filter((c) => c.type === 'position' || c.type === 'dimensions');
    if (local.length > 0) setNodes((ns) => applyNodeChanges(local, ns));
    const picks = changes.filter((c) => c.type === 'select');
    if (picks.length > 0) {
      const next = new Set(selectedRef.current);
      for (const c of picks) {
        if (c.type !== 'select') continue;
        if (c.selected) next.add(c.id);
        else next.delete(c.id);
      }
      onSelect([...next]);
    }
  };

  const onEdgesChange = (changes: EdgeChange[]) => {
    for (const c of changes) {
      if (c.type !== 'select') continue;
      if (c.selected) onSelectEdge(c.id);
      else if (props.selectedEdge === c.id) onSelectEdge(null);
    }
  };

  return (
    <div className="eco-canvas" data-testid="ecomap-canvas" ref={frame}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onInit={(instance) => {
          flow.current = instance;
        }}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={(_event, _node, dragged) =>
          onMoved(dragged.filter((n) => n.type === 'resource').map((n) => ({ id: n.id, x: n.position.x + RESOURCE_R, y: n.position.y + RESOURCE_R })))
        }
        onConnect={(c: Connection) => onConnect(c.source, c.target)}
        onNodeDoubleClick={(_event, node) => onOpen(node.id)}
        onPaneClick={() => {
          onSelect([]);
          onSelectEdge(null);
        }}
        connectionMode={ConnectionMode.Loose}
        connectionLineType={ConnectionLineType.Straight}
        connectionRadius={30}
        nodesConnectable={props.canConnect}
        // The list beside the canvas is the keyboard interface; arrow keys and Delete are handled
        // by the panel (10px steps, undoable), not by React Flow's own 5px moves.
        nodesFocusable={false}
        edgesFocusable={false}
        disableKeyboardA11y
        deleteKeyCode={null}
        minZoom={0.25}
        maxZoom={2}
        fitView
        fitViewOptions={{ padding: 0.06, maxZoom: 1.2 }}
        ariaLabelConfig={{
          'controls.ariaLabel': tx('ecoCanvasLabel'),
          'controls.zoomIn.ariaLabel': tx('ecoZoomIn'),
          'controls.zoomOut.ariaLabel': tx('ecoZoomOut'),
          'controls.fitView.ariaLabel': tx('ecoFitView'),
        }}
      >
        <Background gap={24} color="#dde3ea" />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
