// The graph as the engine schedules it: edges by end, loop back edges told apart, loop bodies, and which nodes come
// before which. The loop rules are the engine's (server/engine/graph-index.ts, server-only; ports in loop.shared.ts):
// a Loop's body is everything reachable from its "item" port without passing through the Loop itself.
import type { TWorkflowEdge, TWorkflowGraph } from "./graph.shared";
import type { TParsedGraph } from "./validate-graph-parse.shared";

import { LOOP_BACK_HANDLE, LOOP_ITEM_HANDLE, LOOP_TYPE } from "./loop.shared";

export { LOOP_BACK_HANDLE, LOOP_ITEM_HANDLE, LOOP_TYPE };

/** What the walks below need of a graph: each node's type (null for a node too broken to read). */
export type TTopologyGraph = { nodes: ReadonlyMap<string, { node: { type: string } | null }> };

export type TTopology<TGraph extends TTopologyGraph = TParsedGraph> = {
  graph: TGraph;
  edges: TWorkflowEdge[];
  incoming: Map<string, TWorkflowEdge[]>;
  outgoing: Map<string, TWorkflowEdge[]>;
};

/** The edges must join nodes of the graph. */
export function buildTopology<TGraph extends TTopologyGraph>(graph: TGraph, edges: TWorkflowEdge[]): TTopology<TGraph> {
  const incoming = new Map<string, TWorkflowEdge[]>();
  const outgoing = new Map<string, TWorkflowEdge[]>();
  for (const id of graph.nodes.keys()) {
    incoming.set(id, []);
    outgoing.set(id, []);
  }
  for (const edge of edges) {
    incoming.get(edge.target)!.push(edge);
    outgoing.get(edge.source)!.push(edge);
  }
  return { graph, edges, incoming, outgoing };
}

export function isLoop(topology: TTopology<TTopologyGraph>, nodeId: string): boolean {
  return topology.graph.nodes.get(nodeId)?.node?.type === LOOP_TYPE;
}

/** An edge closing a loop iteration: it goes back into a Loop's "back" port and is not part of the forward order. */
export function isBackEdge(topology: TTopology<TTopologyGraph>, edge: TWorkflowEdge): boolean {
  return edge.targetHandle === LOOP_BACK_HANDLE && isLoop(topology, edge.target);
}

export function collectLoopBody(topology: TTopology<TTopologyGraph>, loopId: string): Set<string> {
  const body = new Set<string>();
  const stack = topology.outgoing
    .get(loopId)!
    .filter((e) => e.sourceHandle === LOOP_ITEM_HANDLE)
    .map((e) => e.target);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === loopId || body.has(id)) continue;
    body.add(id);
    for (const edge of topology.outgoing.get(id)!) stack.push(edge.target);
  }
  return body;
}

/** Memoized: the nodes that run before `nodeId` (its ancestors, loop back edges left out). */
export function createAncestry(topology: TTopology<TTopologyGraph>): (nodeId: string) => Set<string> {
  const memo = new Map<string, Set<string>>();
  return (nodeId) => {
    const hit = memo.get(nodeId);
    if (hit) return hit;
    const seen = new Set<string>();
    const stack = [nodeId];
    while (stack.length > 0) {
      const id = stack.pop()!;
      for (const edge of topology.incoming.get(id) ?? []) {
        if (isBackEdge(topology, edge) || seen.has(edge.source)) continue;
        seen.add(edge.source);
        stack.push(edge.source);
      }
    }
    seen.delete(nodeId);
    memo.set(nodeId, seen);
    return seen;
  };
}

/** Strongly connected components with more than one node, over the forward edges (Tarjan, iterative). */
export function findCycles(topology: TTopology): string[][] {
  const forward = (id: string) =>
    topology.outgoing
      .get(id)!
      .filter((e) => !isBackEdge(topology, e))
      .map((e) => e.target);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of topology.graph.nodes.keys()) {
    if (index.has(root)) continue;
    const work: { id: string; next: string[]; at: number }[] = [];
    const enter = (id: string) => {
      index.set(id, counter);
      low.set(id, counter++);
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: forward(id), at: 0 });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.at < frame.next.length) {
        const child = frame.next[frame.at++]!;
        if (!index.has(child)) enter(child);
        else if (onStack.has(child)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(child)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: string[] = [];
      for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
        onStack.delete(id);
        component.push(id);
        if (id === frame.id) break;
      }
      if (component.length > 1) components.push(component);
    }
  }
  return components;
}

/** One concrete cycle through `start` inside its component, as a path that ends where it began. */
export function cyclePath(topology: TTopology, component: Set<string>, start: string): string[] {
  return forwardPath(topology, start, start, component) ?? [start, start];
}

/**
 * A shortest path from → … → to along forward edges (a Loop's back edge closes an iteration, it is not a cycle),
 * optionally only through `within`; from === to asks for a cycle. Null when there is none.
 */
export function forwardPath(
  topology: TTopology<TTopologyGraph>,
  from: string,
  to: string,
  within?: ReadonlySet<string>,
): string[] | null {
  const parent = new Map<string, string>();
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const edge of topology.outgoing.get(id) ?? []) {
      const next = edge.target;
      if (isBackEdge(topology, edge) || (within && !within.has(next))) continue;
      if (next === to) {
        const path = [to];
        for (let at = id; ; at = parent.get(at)!) {
          path.unshift(at);
          if (at === from) return path;
        }
      }
      if (next !== from && !parent.has(next)) {
        parent.set(next, id);
        queue.push(next);
      }
    }
  }
  return null;
}

/** The topology of a workflow as stored or being edited (edges whose ends are missing, mid-edit, are left out). */
export function topologyOfWorkflow(graph: TWorkflowGraph): TTopology<TTopologyGraph> {
  const nodes = new Map(graph.nodes.map((node) => [node.id, { node }]));
  return buildTopology({ nodes }, graph.edges.filter((e) => nodes.has(e.source) && nodes.has(e.target)));
}
