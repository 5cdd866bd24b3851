// The canvas holds React Flow nodes and edges (with selection and measured sizes); the stored graph is derived from
// them. Unchanged nodes keep their object identity, which is what lets React Flow skip them on large graphs.
import type { Edge, Node } from "@xyflow/react";
import type { TWorkflowEdge, TWorkflowGraph, TWorkflowNode } from "@/server/workflows/graph.shared";

export type TFlowNodeData = Pick<TWorkflowNode, "type" | "typeVersion" | "config" | "label" | "settings">;
export type TFlowNode = Node<TFlowNodeData, "workflow">;
export type TFlowEdge = Edge<Record<string, never>, "workflow">;
export type TFlow = { nodes: TFlowNode[]; edges: TFlowEdge[] };

export function toFlowNode(node: TWorkflowNode): TFlowNode {
  const data: TFlowNodeData = { type: node.type, typeVersion: node.typeVersion, config: node.config };
  if (node.label !== undefined) data.label = node.label;
  if (node.settings !== undefined) data.settings = node.settings;
  return { id: node.id, type: "workflow", position: node.position, data };
}

export function toFlowEdge(edge: TWorkflowEdge): TFlowEdge {
  return { ...edge, type: "workflow" };
}

export function flowFromGraph(graph: TWorkflowGraph): TFlow {
  return { nodes: graph.nodes.map(toFlowNode), edges: graph.edges.map(toFlowEdge) };
}

export function toWorkflowNode(node: TFlowNode): TWorkflowNode {
  const out: TWorkflowNode = {
    id: node.id,
    type: node.data.type,
    typeVersion: node.data.typeVersion,
    position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
    config: node.data.config,
  };
  if (node.data.label) out.label = node.data.label;
  if (node.data.settings && Object.keys(node.data.settings).length > 0) out.settings = node.data.settings;
  return out;
}

/** `previous` when `next` holds the same workflow: measuring or selecting nodes changes the flow, not the graph. */
export function keepSameGraph(previous: TWorkflowGraph, next: TWorkflowGraph): TWorkflowGraph {
  if (previous.nodes.length !== next.nodes.length || previous.edges.length !== next.edges.length) return next;
  const isSame =
    previous.nodes.every((a, i) => {
      const b = next.nodes[i]!;
      return (
        a.id === b.id &&
        a.type === b.type &&
        a.typeVersion === b.typeVersion &&
        a.config === b.config &&
        a.label === b.label &&
        a.settings === b.settings &&
        a.position.x === b.position.x &&
        a.position.y === b.position.y
      );
    }) &&
    previous.edges.every((a, i) => {
      const b = next.edges[i]!;
      return a.id === b.id && a.source === b.source && a.sourceHandle === b.sourceHandle && a.target === b.target && a.targetHandle === b.targetHandle;
    });
  return isSame ? previous : next;
}

export function graphFromFlow(flow: TFlow): TWorkflowGraph {
  return {
    nodes: flow.nodes.map(toWorkflowNode),
    edges: flow.edges.map((e) => ({
      id: e.id,
      source: e.source,
      sourceHandle: e.sourceHandle ?? "out",
      target: e.target,
      targetHandle: e.targetHandle ?? "in",
    })),
  };
}

/** Lays a changed graph over the current flow: nodes whose content did not change keep their objects. */
export function mergeGraphIntoFlow(current: TFlow, graph: TWorkflowGraph, selectIds?: ReadonlySet<string>): TFlow {
  const before = new Map(current.nodes.map((n) => [n.id, n]));
  const nodes = graph.nodes.map((node) => {
    const old = before.get(node.id);
    const isSelected = selectIds ? selectIds.has(node.id) : (old?.selected ?? false);
    if (old && sameNode(old, node) && (old.selected ?? false) === isSelected) return old;
    const next = toFlowNode(node);
    if (old?.measured) next.measured = old.measured;
    if (isSelected) next.selected = true;
    return next;
  });
  const oldEdges = new Map(current.edges.map((e) => [e.id, e]));
  const edges = graph.edges.map((edge) => {
    const old = oldEdges.get(edge.id);
    const isSame = old && old.source === edge.source && old.target === edge.target && old.sourceHandle === edge.sourceHandle && old.targetHandle === edge.targetHandle;
    return isSame ? (selectIds && old.selected ? { ...old, selected: false } : old) : toFlowEdge(edge);
  });
  return { nodes, edges };
}

function sameNode(flow: TFlowNode, node: TWorkflowNode): boolean {
  return (
    flow.data.type === node.type &&
    flow.data.typeVersion === node.typeVersion &&
    flow.data.config === node.config &&
    flow.data.label === node.label &&
    flow.data.settings === node.settings &&
    Math.round(flow.position.x) === node.position.x &&
    Math.round(flow.position.y) === node.position.y
  );
}
