// A refused publish or test run lists every problem, grouped the way a person fixes them: the whole workflow first,
// then node by node (in the graph's order), then connections that belong to no node.
import { groupGraphProblems, type TGraphProblem } from "@/server/workflows/graph-problems.shared";

export type TProblemGroup = {
  key: string;
  /** The node id, null for the whole workflow and for connections. */
  nodeId: string | null;
  title: string;
  messages: string[];
};

export type TNodeNames = ReadonlyMap<string, string>;

/** "Classify ticket (classify)" when the node has a label, else its id. */
function titleOf(nodeId: string, names: TNodeNames): string {
  const label = names.get(nodeId);
  return label && label !== nodeId ? `${label} (${nodeId})` : nodeId;
}

function messagesOf(problems: readonly TGraphProblem[]): string[] {
  return [...new Set(problems.map((p) => p.message.replace(/\s+/g, " ").trim()))];
}

/** Node order: the order of `names` (the graph's), then any node the graph no longer has, alphabetically. */
export function groupProblemsForDisplay(problems: readonly TGraphProblem[], names: TNodeNames = new Map()): TProblemGroup[] {
  const grouped = groupGraphProblems(problems);
  const groups: TProblemGroup[] = [];
  if (grouped.graph.length > 0) {
    groups.push({ key: "graph", nodeId: null, title: "Whole workflow", messages: messagesOf(grouped.graph) });
  }
  const order = [...names.keys()];
  const nodeIds = Object.keys(grouped.byNode).sort((a, b) => {
    const [x, y] = [order.indexOf(a), order.indexOf(b)];
    if (x === -1 || y === -1) return x === y ? a.localeCompare(b) : x === -1 ? 1 : -1;
    return x - y;
  });
  for (const nodeId of nodeIds) {
    groups.push({ key: `node:${nodeId}`, nodeId, title: titleOf(nodeId, names), messages: messagesOf(grouped.byNode[nodeId] ?? []) });
  }
  const edgeOnly = problems.filter((p) => p.nodeId === null && !p.nodeIds?.length && p.edgeId !== undefined);
  if (edgeOnly.length > 0) {
    groups.push({ key: "edges", nodeId: null, title: "Connections", messages: messagesOf(edgeOnly) });
  }
  return groups;
}

/** The names of a graph's nodes, in the graph's order, for titles. */
export function nodeNamesOf(graph: { nodes: readonly { id: string; label?: string }[] } | null | undefined): TNodeNames {
  return new Map((graph?.nodes ?? []).map((n) => [n.id, n.label ?? n.id]));
}
