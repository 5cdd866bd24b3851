"use client";

import { memo, useCallback, useEffect, useRef, useState, type DragEvent } from "react";
import {
  Background,
  BezierEdge,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type EdgeChange,
  type EdgeTypes,
  type IsValidConnection,
  type NodeChange,
  type NodeTypes,
} from "@xyflow/react";
import type { TNodeType, TWorkflowGraph } from "@/server/workflows/graph.shared";
import { NODE_TYPES } from "@/server/workflows/graph.shared";
import { checkConnection } from "../graph/check-connection";
import type { TFlow, TFlowEdge, TFlowNode } from "../graph/flow-model";
import { PALETTE_DRAG_TYPE } from "./node-palette";
import { WorkflowNode } from "./workflow-node";

// Module scope: React Flow re-mounts every node when these objects change identity.
const NODE_TYPES_MAP: NodeTypes = { workflow: WorkflowNode };
const EDGE_TYPES_MAP: EdgeTypes = { workflow: BezierEdge };
const DELETE_KEYS = ["Delete", "Backspace"];
const MULTI_SELECT_KEYS = ["Meta", "Control"];
const MINIMAP_STYLE = { width: 160, height: 100 };
// Above this many nodes, only what is on screen is rendered: panning a large workflow stays smooth.
// (Zoomed far out, nearly everything is on screen: culling would only cost a bounds check of every node per frame.)
const VISIBLE_ONLY_FROM = 120;
// Below this zoom a node's text (under 4 px) cannot be read: it is hidden, its layout kept so nothing is measured
// again, and panning or zooming a large workflow paints a fraction of what it would.
const DETAIL_MIN_ZOOM = 0.25;

type TProps = {
  flow: TFlow;
  graph: TWorkflowGraph;
  isReadOnly: boolean;
  onNodesChange: (changes: NodeChange<TFlowNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<TFlowEdge>[]) => void;
  onConnect: (connection: { source: string; sourceHandle: string; target: string; targetHandle: string }) => void;
  onDropNode: (type: TNodeType, position: { x: number; y: number }) => void;
  onNodeOpen: (nodeId: string) => void;
  onToggleSelect: (nodeId: string) => void;
  onPaneClick: () => void;
};

function BuilderCanvasView(props: TProps) {
  const { flow, graph, isReadOnly } = props;
  const { screenToFlowPosition } = useReactFlow();
  const isZoomedOut = useStore((s) => s.transform[2] < DETAIL_MIN_ZOOM);
  const [hint, setHint] = useState<string | null>(null);
  const hintRef = useRef<string | null>(null);
  // Fit the workflow into view when it opens; an empty canvas keeps its viewport, so the first drops land where they
  // were dropped instead of the view jumping to the first node.
  const [shouldFitOnOpen] = useState(() => flow.nodes.length > 0);
  const graphRef = useRef(graph);
  useEffect(() => {
    graphRef.current = graph;
  }, [graph]);

  const showHint = useCallback((next: string | null) => {
    if (hintRef.current === next) return;
    hintRef.current = next;
    setHint(next);
  }, []);

  const isValidConnection: IsValidConnection<TFlowEdge> = useCallback(
    (c) => {
      const check = checkConnection(graphRef.current, {
        source: c.source,
        sourceHandle: c.sourceHandle ?? null,
        target: c.target,
        targetHandle: c.targetHandle ?? null,
      });
      showHint(check.isValid ? null : check.reason);
      return check.isValid;
    },
    [showHint],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const check = checkConnection(graphRef.current, c);
      if (check.isValid) props.onConnect({ source: c.source, target: c.target, sourceHandle: check.sourceHandle, targetHandle: check.targetHandle });
      else showHint(check.reason);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the parent's callback is stable
    [props.onConnect, showHint],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  }, []);

  const { onDropNode, onNodeOpen, onPaneClick, onToggleSelect } = props;
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      if (!type || !(NODE_TYPES as readonly string[]).includes(type)) return;
      event.preventDefault();
      // The node's top-left a little above-left of the pointer, so it lands under the cursor.
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      onDropNode(type as TNodeType, { x: at.x - 40, y: at.y - 20 });
    },
    [screenToFlowPosition, onDropNode],
  );

  return (
    <div
      className="group/canvas relative h-full w-full"
      onDragOver={onDragOver}
      onDrop={onDrop}
      data-testid="builder-canvas"
      data-zoom={isZoomedOut ? "out" : "in"}
    >
      <ReactFlow<TFlowNode, TFlowEdge>
        nodes={flow.nodes}
        edges={flow.edges}
        nodeTypes={NODE_TYPES_MAP}
        edgeTypes={EDGE_TYPES_MAP}
        onNodesChange={props.onNodesChange}
        onEdgesChange={props.onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={() => setTimeout(() => showHint(null), 2500)}
        isValidConnection={isValidConnection}
        onNodeClick={(event, node) => {
          // Ctrl/⌘/Shift click adds to (or removes from) the selection; a plain click opens the node.
          if (event.shiftKey || event.metaKey || event.ctrlKey) onToggleSelect(node.id);
          else onNodeOpen(node.id);
        }}
        onPaneClick={onPaneClick}
        nodesDraggable={!isReadOnly}
        nodesConnectable={!isReadOnly}
        edgesReconnectable={false}
        deleteKeyCode={isReadOnly ? null : DELETE_KEYS}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        onlyRenderVisibleElements={flow.nodes.length >= VISIBLE_ONLY_FROM && !isZoomedOut}
        minZoom={0.1}
        maxZoom={2}
        fitView={shouldFitOnOpen}
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        defaultEdgeOptions={{ interactionWidth: 16 }}
      >
        {/* Zoomed far out the dots are a haze, and the pattern would be repainted across the whole pane every pan frame. */}
        {isZoomedOut ? null : <Background gap={20} size={1} color="#e2e8f0" />}
        <Controls showInteractive={false} position="bottom-right" />
        <MiniMap pannable zoomable position="bottom-left" style={MINIMAP_STYLE} ariaLabel="Overview of the workflow" />
      </ReactFlow>
      {hint ? (
        <div role="status" className="pointer-events-none absolute left-1/2 top-3 z-10 max-w-md -translate-x-1/2 rounded-md bg-slate-900 px-3 py-2 text-sm text-white shadow-lg">
          Can’t connect: {hint}
        </div>
      ) : null}
      {flow.nodes.length === 0 ? (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
          <p className="rounded-lg border border-dashed border-slate-300 bg-white/80 px-6 py-4 text-center text-sm text-slate-500">
            {isReadOnly ? "This workflow has no nodes yet." : "Drag a trigger from the palette to start, then add the steps that follow it."}
          </p>
        </div>
      ) : null}
    </div>
  );
}

export const BuilderCanvas = memo(BuilderCanvasView);
