// Tidy-up: a left-to-right layered layout (dagre), the shape most workflows read best in.
import dagre from "@dagrejs/dagre";
import type { TWorkflowGraph } from "@/server/workflows/graph.shared";
import { LOOP_BACK_HANDLE } from "@/server/workflows/loop.shared";

export const DEFAULT_NODE_SIZE = { width: 240, height: 84 };

export function layoutGraph(
  graph: TWorkflowGraph,
  sizes: ReadonlyMap<string, { width: number; height: number }> = new Map(),
): TWorkflowGraph {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: "LR", nodesep: 40, ranksep: 80, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(node.id, { ...(sizes.get(node.id) ?? DEFAULT_NODE_SIZE) });
  for (const edge of graph.edges) {
    // A loop's back edge points backwards; laying it out as a forward edge would put the body after the loop's exit.
    if (edge.targetHandle === LOOP_BACK_HANDLE) continue;
    g.setEdge(edge.source, edge.target, {}, edge.id);
  }
  dagre.layout(g);
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      const placed = g.node(node.id);
      const size = sizes.get(node.id) ?? DEFAULT_NODE_SIZE;
      return placed ? { ...node, position: { x: Math.round(placed.x - size.width / 2), y: Math.round(placed.y - size.height / 2) } } : node;
    }),
  };
}
