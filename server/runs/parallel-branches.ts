// Which Parallel node's branch each node of a graph lies on, for the run page to show branches side by side: every
// node reachable from one output of a Parallel node, up to the Join that closes its branches. A node reachable from
// two branches of one Parallel node (they merge without a Join) belongs to none of them; inside nested Parallel nodes
// a node belongs to the nearest.
import type { TGraphIndex } from "../engine/graph-index";

export type TBranchOf = { parallelNodeId: string; handle: string };

const PARALLEL = "control.parallel";
const JOIN = "control.join";

export function branchesOf(index: TGraphIndex): Map<string, TBranchOf> {
  const best = new Map<string, TBranchOf & { distance: number }>();
  for (const node of index.nodes.values()) {
    if (node.type !== PARALLEL) continue;
    for (const [nodeId, found] of reachFrom(index, node.id)) {
      const current = best.get(nodeId);
      if (!current || found.distance < current.distance) best.set(nodeId, found);
    }
  }
  return new Map([...best].map(([nodeId, { parallelNodeId, handle }]) => [nodeId, { parallelNodeId, handle }]));
}

/** The nodes on exactly one branch of `parallelId`, with that branch and their distance from the Parallel node. */
function reachFrom(index: TGraphIndex, parallelId: string): Map<string, TBranchOf & { distance: number }> {
  const seen = new Map<string, (TBranchOf & { distance: number }) | null>();
  for (const edge of index.outgoing.get(parallelId) ?? []) {
    const queue: [string, number][] = [[edge.target, 1]];
    const visited = new Set<string>();
    while (queue.length > 0) {
      const [nodeId, distance] = queue.shift()!;
      if (visited.has(nodeId) || nodeId === parallelId) continue;
      visited.add(nodeId);
      if (index.nodes.get(nodeId)?.type === JOIN) continue;
      const earlier = seen.get(nodeId);
      if (earlier === undefined) seen.set(nodeId, { parallelNodeId: parallelId, handle: edge.sourceHandle, distance });
      else if (earlier && earlier.handle !== edge.sourceHandle) seen.set(nodeId, null);
      for (const next of index.outgoing.get(nodeId) ?? []) queue.push([next.target, distance + 1]);
    }
  }
  const out = new Map<string, TBranchOf & { distance: number }>();
  for (const [nodeId, found] of seen) if (found) out.set(nodeId, found);
  return out;
}
