// A workflow graph indexed for scheduling: edges by end, the trigger, and which nodes form each Loop's body.
// Built once per pinned version and cached (versions are immutable).
import type { TWorkflowEdge, TWorkflowGraph, TWorkflowNode } from "../workflows/graph.shared";

import { LOOP_BACK_HANDLE, LOOP_DONE_HANDLE, LOOP_ITEM_HANDLE, LOOP_TYPE } from "../workflows/loop.shared";

export { LOOP_BACK_HANDLE, LOOP_DONE_HANDLE, LOOP_ITEM_HANDLE, LOOP_TYPE };

export type TGraphIndex = {
  nodes: Map<string, TWorkflowNode>;
  incoming: Map<string, TWorkflowEdge[]>;
  outgoing: Map<string, TWorkflowEdge[]>;
  triggerId: string | null;
  /** Body node ids of each loop (nested loops' bodies included in their parent's). */
  loopBody: Map<string, Set<string>>;
  /** The innermost loop whose body holds the node; absent at top level. */
  loopOf: Map<string, string>;
  /** Loop nesting depth of each node: the number of segments of its steps' iteration keys. */
  depth: Map<string, number>;
};

export function isLoopBackEdge(index: TGraphIndex, edge: TWorkflowEdge): boolean {
  return edge.targetHandle === LOOP_BACK_HANDLE && index.nodes.get(edge.target)?.type === LOOP_TYPE;
}

export function isLoopItemEdge(index: TGraphIndex, edge: TWorkflowEdge): boolean {
  return edge.sourceHandle === LOOP_ITEM_HANDLE && index.nodes.get(edge.source)?.type === LOOP_TYPE;
}

export type TFiredStep = { status: string; firedHandles: readonly string[]; output: unknown };
export type TArrivedInput = { nodeId: string; handle: string; output: unknown };

/**
 * What arrives at a node in one iteration: the outputs of the upstream steps (of that iteration) that succeeded or
 * failed and fired the connection into it. A Loop's item connection delivers `loopItem()`; a Loop's back connection
 * ends an iteration and delivers nothing. The engine hands these to executors; run detail shows them as the input.
 */
export function arrivedInputs(
  index: TGraphIndex,
  nodeId: string,
  key: string,
  stepAt: (nodeId: string, key: string) => TFiredStep | undefined,
  loopItem: () => unknown,
): TArrivedInput[] {
  const arrived: TArrivedInput[] = [];
  for (const edge of index.incoming.get(nodeId) ?? []) {
    if (isLoopItemEdge(index, edge)) {
      arrived.push({ nodeId: edge.source, handle: edge.sourceHandle, output: loopItem() });
      continue;
    }
    if (isLoopBackEdge(index, edge)) continue;
    const source = stepAt(edge.source, key);
    if (source && (source.status === "SUCCEEDED" || source.status === "FAILED") && source.firedHandles.includes(edge.sourceHandle))
      arrived.push({ nodeId: edge.source, handle: edge.sourceHandle, output: source.output });
  }
  return arrived;
}

export function indexGraph(graph: TWorkflowGraph): TGraphIndex {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const incoming = new Map<string, TWorkflowEdge[]>(graph.nodes.map((n) => [n.id, []]));
  const outgoing = new Map<string, TWorkflowEdge[]>(graph.nodes.map((n) => [n.id, []]));
  for (const edge of graph.edges) {
    incoming.get(edge.target)?.push(edge);
    outgoing.get(edge.source)?.push(edge);
  }
  const trigger = graph.nodes.find((n) => n.type.startsWith("trigger."));
  const index: TGraphIndex = {
    nodes,
    incoming,
    outgoing,
    triggerId: trigger?.id ?? null,
    loopBody: new Map(),
    loopOf: new Map(),
    depth: new Map(),
  };
  for (const node of graph.nodes) if (node.type === LOOP_TYPE) index.loopBody.set(node.id, collectBody(index, node.id));
  // Innermost loop = the containing loop with the smallest body.
  for (const [loopId, body] of index.loopBody) {
    for (const id of body) {
      const current = index.loopOf.get(id);
      if (!current || (index.loopBody.get(current)?.size ?? 0) > body.size) index.loopOf.set(id, loopId);
    }
  }
  for (const node of graph.nodes) {
    let depth = 0;
    for (let loop = index.loopOf.get(node.id); loop; loop = index.loopOf.get(loop)) depth += 1;
    index.depth.set(node.id, depth);
  }
  return index;
}

/** Nodes reachable from the loop's item port without passing through the loop itself. */
function collectBody(index: TGraphIndex, loopId: string): Set<string> {
  const body = new Set<string>();
  const stack = (index.outgoing.get(loopId) ?? []).filter((e) => e.sourceHandle === LOOP_ITEM_HANDLE).map((e) => e.target);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === loopId || body.has(id)) continue;
    body.add(id);
    for (const edge of index.outgoing.get(id) ?? []) stack.push(edge.target);
  }
  return body;
}

/** The iteration key of the enclosing scope: "3.1" → "3", "3" → "", "" → "". */
export function parentKey(key: string): string {
  const dot = key.lastIndexOf(".");
  return dot === -1 ? "" : key.slice(0, dot);
}

export function childKey(key: string, index: number): string {
  return key === "" ? String(index) : `${key}.${index}`;
}

export function stepKey(nodeId: string, iterationKey: string): string {
  return `${nodeId}@${iterationKey}`;
}
