// Isomorphic: a readable difference between two workflow graphs, for the version history. Pure, no I/O.
// Nodes are matched by id. Edges are matched by what they connect (source, handle → target, handle), not by id: the
// canvas may give a re-drawn connection a new id, and that is not a change anyone cares about. Positions are ignored.
import type { TGraphDiff } from "./editor.shared";
import type { TWorkflowEdge, TWorkflowGraph, TWorkflowNode } from "./graph.shared";

type TChange = TGraphDiff["changedNodes"][number]["changes"][number];
type TEdgeSummary = TGraphDiff["addedEdges"][number];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Leaf differences between two JSON values, as dot paths (array items by index). */
export function diffValues(before: unknown, after: unknown, path: string, out: TChange[] = []): TChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) diffValues(before[key], after[key], `${path}.${key}`, out);
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) diffValues(before[i], after[i], `${path}.${i}`, out);
    return out;
  }
  if (!isSameJson(before, after)) out.push({ path, before: before ?? null, after: after ?? null });
  return out;
}

/** JSON equality where an absent value equals an absent one (undefined and missing keys). */
function isSameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function labelOf(node: TWorkflowNode): string {
  return node.label?.trim() || node.id;
}

function nodeChanges(before: TWorkflowNode, after: TWorkflowNode): TChange[] {
  const changes: TChange[] = [];
  if (before.type !== after.type) changes.push({ path: "type", before: before.type, after: after.type });
  if (before.typeVersion !== after.typeVersion) {
    changes.push({ path: "typeVersion", before: before.typeVersion, after: after.typeVersion });
  }
  if ((before.label ?? "") !== (after.label ?? "")) {
    changes.push({ path: "label", before: before.label ?? null, after: after.label ?? null });
  }
  diffValues(before.config, after.config, "config", changes);
  // Absent settings mean the defaults, exactly like an empty object.
  diffValues(before.settings ?? {}, after.settings ?? {}, "settings", changes);
  return changes;
}

function edgeKey(edge: TWorkflowEdge): string {
  return JSON.stringify([edge.source, edge.sourceHandle, edge.target, edge.targetHandle]);
}

function edgeSummary(edge: TWorkflowEdge): TEdgeSummary {
  return { id: edge.id, source: edge.source, sourceHandle: edge.sourceHandle, target: edge.target, targetHandle: edge.targetHandle };
}

export function diffGraphs(before: TWorkflowGraph, after: TWorkflowGraph): TGraphDiff {
  const beforeNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const afterNodes = new Map(after.nodes.map((n) => [n.id, n]));
  const summary = (n: TWorkflowNode) => ({ id: n.id, type: n.type, label: labelOf(n) });
  const diff: TGraphDiff = { addedNodes: [], removedNodes: [], changedNodes: [], addedEdges: [], removedEdges: [] };

  for (const node of after.nodes) {
    const old = beforeNodes.get(node.id);
    if (!old) {
      diff.addedNodes.push(summary(node));
      continue;
    }
    const changes = nodeChanges(old, node);
    if (changes.length > 0) diff.changedNodes.push({ ...summary(node), changes });
  }
  for (const node of before.nodes) if (!afterNodes.has(node.id)) diff.removedNodes.push(summary(node));

  const beforeEdges = new Set(before.edges.map(edgeKey));
  const afterEdges = new Set(after.edges.map(edgeKey));
  diff.addedEdges = after.edges.filter((e) => !beforeEdges.has(edgeKey(e))).map(edgeSummary);
  diff.removedEdges = before.edges.filter((e) => !afterEdges.has(edgeKey(e))).map(edgeSummary);
  return diff;
}

export function isEmptyDiff(diff: TGraphDiff): boolean {
  return Object.values(diff).every((list) => list.length === 0);
}
