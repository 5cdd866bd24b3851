import type { TWorkflowEdge, TWorkflowNode } from "../workflows/graph.shared";

// Plain graph helpers for simulating runs of the demo workflows (which have no loops).

/** Every node reachable from `from`, itself excluded. */
export function downstreamOf(from: string, edges: readonly TWorkflowEdge[]): Set<string> {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const e of edges) {
      if (e.source === id && !seen.has(e.target)) {
        seen.add(e.target);
        stack.push(e.target);
      }
    }
  }
  return seen;
}

/** Kahn's algorithm; ties keep the order of the node list, so the walk is the same every time. */
export function topologicalOrder(nodes: readonly TWorkflowNode[], edges: readonly TWorkflowEdge[]): TWorkflowNode[] {
  const indegree = new Map(nodes.map((n) => [n.id, 0]));
  for (const e of edges) indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const ready = nodes.filter((n) => indegree.get(n.id) === 0);
  const order: TWorkflowNode[] = [];
  while (ready.length > 0) {
    const n = ready.shift() as TWorkflowNode;
    order.push(n);
    for (const e of edges) {
      if (e.source !== n.id) continue;
      const left = (indegree.get(e.target) ?? 0) - 1;
      indegree.set(e.target, left);
      const target = byId.get(e.target);
      if (left === 0 && target) ready.push(target);
    }
  }
  return order;
}
