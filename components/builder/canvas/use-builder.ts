"use client";
// The canvas state and every edit a person can make, each one undoable.
import { useCallback, useMemo, useReducer, useState } from "react";
import type { EdgeChange, NodeChange } from "@xyflow/react";
import type { TNodeType, TWorkflowGraph, TWorkflowNode } from "@/server/workflows/graph.shared";
import { layoutGraph } from "../graph/auto-layout";
import { pasteClipboard, uniqueEdgeId, type TClipboard } from "../graph/clipboard";
import { createNode } from "../graph/create-node";
import { flowFromGraph, graphFromFlow, keepSameGraph, type TFlow, type TFlowEdge, type TFlowNode } from "../graph/flow-model";
import { historyReducer, initHistory, type TGraphEdit } from "./builder-history";

export type TNodePatch = { config?: Record<string, unknown>; settings?: TWorkflowNode["settings"]; label?: string };

export function useBuilder(initialGraph: TWorkflowGraph) {
  const [state, dispatch] = useReducer(historyReducer, initialGraph, (g) => initHistory(flowFromGraph(g)));
  const flow = state.present;
  const graph = useGraphOf(flow, initialGraph);
  const selectedIds = useMemo(() => new Set(flow.nodes.filter((n) => n.selected).map((n) => n.id)), [flow.nodes]);

  const edit = useCallback((fn: TGraphEdit, coalesceKey?: string) => dispatch({ kind: "edit", edit: fn, at: Date.now(), coalesceKey }), []);

  const actions = useMemo(
    () => ({
      onNodesChange: (changes: NodeChange<TFlowNode>[]) => dispatch({ kind: "nodes", changes, at: Date.now() }),
      onEdgesChange: (changes: EdgeChange<TFlowEdge>[]) => dispatch({ kind: "edges", changes, at: Date.now() }),
      undo: () => dispatch({ kind: "undo" }),
      redo: () => dispatch({ kind: "redo" }),
      reset: (g: TWorkflowGraph) => dispatch({ kind: "reset", flow: flowFromGraph(g) }),
      addNode: (type: TNodeType, position: { x: number; y: number }) =>
        edit((g) => {
          const node = createNode(type, position, new Set(g.nodes.map((n) => n.id)));
          return { graph: { ...g, nodes: [...g.nodes, node] }, select: new Set([node.id]) };
        }),
      connect: (c: { source: string; sourceHandle: string; target: string; targetHandle: string }) =>
        edit((g) => {
          const id = uniqueEdgeId(`${c.source}-${c.sourceHandle}-${c.target}`, new Set(g.edges.map((e) => e.id)));
          return { graph: { ...g, edges: [...g.edges, { id, ...c }] } };
        }),
      updateNode: (nodeId: string, patch: TNodePatch, coalesceKey: string) =>
        edit((g) => {
          const nodes = g.nodes.map((n) => {
            if (n.id !== nodeId) return n;
            const next = { ...n };
            if (patch.config) next.config = patch.config;
            if (patch.settings !== undefined) next.settings = patch.settings;
            if (patch.label !== undefined) next.label = patch.label.trim() === "" ? undefined : patch.label;
            return next;
          });
          // Turning off error routing removes the error port: its connections go with it.
          const node = nodes.find((n) => n.id === nodeId);
          const edges = node?.settings?.onError === "route" ? g.edges : g.edges.filter((e) => !(e.source === nodeId && e.sourceHandle === "error"));
          return { graph: { nodes, edges } };
        }, coalesceKey),
      paste: (clip: TClipboard, offset: { x: number; y: number }) =>
        edit((g) => {
          const result = pasteClipboard(g, clip, offset);
          return result.pastedIds.length > 0 ? { graph: result.graph, select: new Set(result.pastedIds) } : null;
        }),
      select: (nodeIds: ReadonlySet<string>) => dispatch({ kind: "selectOnly", nodeIds }),
      layout: (sizes: Map<string, { width: number; height: number }>) => edit((g) => ({ graph: layoutGraph(g, sizes) })),
    }),
    [edit],
  );

  return { flow, graph, selectedIds, canUndo: state.past.length > 0, canRedo: state.future.length > 0, ...actions };
}

/**
 * The workflow graph of the canvas, keeping its identity (the page's own graph at first) while only measured sizes or
 * the selection change, so validation, autosave and decorations do not run again for them: on a large workflow each
 * of those passes costs a long task.
 */
function useGraphOf(flow: TFlow, initialGraph: TWorkflowGraph): TWorkflowGraph {
  const [last, setLast] = useState(() => ({ flow, graph: keepSameGraph(initialGraph, graphFromFlow(flow)) }));
  if (last.flow === flow) return last.graph;
  const graph = keepSameGraph(last.graph, graphFromFlow(flow));
  setLast({ flow, graph });
  return graph;
}
