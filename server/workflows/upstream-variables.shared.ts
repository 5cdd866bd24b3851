// Which data a node's expressions can read, for the builder's variable autocomplete: the trigger, the output of each
// node that runs before it (loop back edges left out, as in the validator's ancestry), and `item`/`index` inside a
// loop's body. Field paths come from the last run's data when there is some, else from what each node type returns.
// Isomorphic and React-free.
import type { TExpressionScope } from "./editor.shared";
import type { TWorkflowGraph } from "./graph.shared";
import { NODE_OUTPUT_FIELDS, TRIGGER_FIELDS } from "./node-output-fields.shared";
import { NODE_DEFINITIONS } from "../nodes/registry.shared";
import {
  collectLoopBody,
  isBackEdge,
  isLoop,
  topologyOfWorkflow,
  type TTopology,
  type TTopologyGraph,
} from "./validate-graph-topology.shared";

export type TVariableSuggestion = {
  /** What gets inserted, e.g. "nodes.classify.output.label". */
  path: string;
  /** Where it comes from: "Trigger", "classify · Classifier", "Loop". */
  source: string;
  /** A sample from the last run ('"billing"', "0.92", "list · 3 items") or, without data, what it is. */
  detail: string;
};

const MAX_DEPTH = 4;
const MAX_KEYS_PER_OBJECT = 40;
const MAX_SUGGESTIONS = 500;

/** The nodes that run before `nodeId` (its ancestors, as the validator counts them), nearest first. */
export function upstreamNodeIds(graph: TWorkflowGraph, nodeId: string, topology = topologyOfWorkflow(graph)): string[] {
  const distance = new Map<string, number>();
  let frontier = [nodeId];
  for (let step = 1; frontier.length > 0; step += 1) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const edge of topology.incoming.get(id) ?? []) {
        if (isBackEdge(topology, edge) || distance.has(edge.source) || edge.source === nodeId) continue;
        distance.set(edge.source, step);
        next.push(edge.source);
      }
    }
    frontier = next;
  }
  const order = new Map(graph.nodes.map((node, i) => [node.id, i]));
  return [...distance.keys()].sort(
    (a, b) => (distance.get(a) ?? 0) - (distance.get(b) ?? 0) || (order.get(a) ?? 0) - (order.get(b) ?? 0),
  );
}

/** Loops whose body holds `nodeId` (the validator's and the engine's loop body). */
export function enclosingLoopIds(graph: TWorkflowGraph, nodeId: string): string[] {
  const topology = topologyOfWorkflow(graph);
  return loopsHolding(topology, upstreamNodeIds(graph, nodeId, topology), nodeId);
}

/** An enclosing loop runs before the node, so only the upstream loops' bodies are walked; innermost first. */
function loopsHolding(topology: TTopology<TTopologyGraph>, upstream: readonly string[], nodeId: string): string[] {
  return upstream.filter((id) => isLoop(topology, id) && collectLoopBody(topology, id).has(nodeId));
}

/** Every variable the node's expressions and templates can use, trigger first, then upstream nodes nearest first. */
export function buildVariableSuggestions(
  graph: TWorkflowGraph,
  nodeId: string,
  scope: TExpressionScope | null,
): TVariableSuggestion[] {
  const out: TVariableSuggestion[] = [];
  const triggerNode = graph.nodes.find((n) => n.type.startsWith("trigger."));
  if (scope && scope.trigger !== null && typeof scope.trigger === "object") {
    walk(scope.trigger, "trigger", "Trigger", 1, out);
  } else {
    const fields = (triggerNode && TRIGGER_FIELDS[triggerNode.type]) || ["body"];
    for (const field of fields) out.push({ path: `trigger.${field}`, source: "Trigger", detail: "no run yet" });
  }
  const topology = topologyOfWorkflow(graph);
  const upstream = upstreamNodeIds(graph, nodeId, topology);
  for (const loopId of loopsHolding(topology, upstream, nodeId)) {
    out.push({ path: "item", source: `Loop ${loopId}`, detail: "the current item" });
    out.push({ path: "index", source: `Loop ${loopId}`, detail: "the item's position, from 0" });
  }
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  for (const id of upstream) {
    const node = byId.get(id);
    if (!node) continue;
    const typeLabel = NODE_DEFINITIONS[node.type]?.label ?? node.type;
    const source = node.label ? `${node.label} · ${typeLabel}` : `${id} · ${typeLabel}`;
    const base = `nodes.${formatSegment(id)}.output`;
    const data = scope?.nodes[id];
    if (data) {
      out.push({ path: base, source, detail: describeValue(data.output) });
      walk(data.output, base, source, 1, out);
    } else {
      out.push({ path: base, source, detail: "no run yet" });
      for (const field of NODE_OUTPUT_FIELDS[node.type] ?? [])
        out.push({ path: `${base}.${field}`, source, detail: "no run yet" });
    }
  }
  return out.slice(0, MAX_SUGGESTIONS);
}

function walk(value: unknown, path: string, source: string, depth: number, out: TVariableSuggestion[]): void {
  if (depth > MAX_DEPTH || out.length >= MAX_SUGGESTIONS || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    const [first] = value;
    if (first !== null && typeof first === "object" && !Array.isArray(first))
      walk(first, `${path}[0]`, source, depth, out);
    return;
  }
  for (const [key, child] of Object.entries(value).slice(0, MAX_KEYS_PER_OBJECT)) {
    const childPath = `${path}.${formatSegment(key)}`;
    out.push({ path: childPath, source, detail: describeValue(child) });
    walk(child, childPath, source, depth + 1, out);
  }
}

/** JSONata names that are not plain identifiers go in backticks: headers.`content-type`. */
export function formatSegment(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : `\`${key.replace(/`/g, "")}\``;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "no value";
  if (Array.isArray(value)) return `list · ${value.length} ${value.length === 1 ? "item" : "items"}`;
  if (value !== null && typeof value === "object") {
    const count = Object.keys(value).length;
    return `object · ${count} ${count === 1 ? "key" : "keys"}`;
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * Suggestions matching what was typed: paths starting with it first, then paths with a segment starting with it
 * ("label" finds nodes.classify.output.label), then paths containing it; the original order within each group.
 */
export function filterSuggestions(
  suggestions: readonly TVariableSuggestion[],
  query: string,
  limit = 50,
): TVariableSuggestion[] {
  const q = query.trim().toLowerCase();
  if (q === "") return suggestions.slice(0, limit);
  const rank = (path: string): number => {
    const p = path.toLowerCase();
    if (p.startsWith(q)) return 0;
    if (p.split(/[.[\]`]+/).some((segment) => segment.startsWith(q))) return 1;
    return p.includes(q) ? 2 : -1;
  };
  return suggestions
    .map((suggestion, index) => ({ suggestion, index, rank: rank(suggestion.path) }))
    .filter((entry) => entry.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.suggestion);
}
