// Connection rules: ports that exist on both ends, no duplicates, no self-loops, nothing into a trigger, and data
// types that fit. Returns the connections the structural checks should see (duplicates, self-loops and edges into a
// trigger are left out, so each mistake is reported once and not again as a cycle).
import { ZWorkflowEdge, type TWorkflowEdge } from "./graph.shared";
import { ERROR_PORT, type TPortDef } from "../nodes/types";
import type { TGraphProblem } from "./graph-problems.shared";
import type { TInspectedNode, TParsedGraph } from "./validate-graph-parse.shared";
import { describeIssue, issuePath, readString } from "./validate-graph-issues.shared";

const DATA_TYPE_NAMES: Record<NonNullable<TPortDef["dataType"]>, string> = {
  any: "any data",
  object: "an object",
  array: "a list",
  text: "text",
};

export function describeConnection(edge: TWorkflowEdge): string {
  return `The connection from "${edge.source}" to "${edge.target}"`;
}

export function checkEdges(graph: TParsedGraph, problems: TGraphProblem[]): TWorkflowEdge[] {
  const seen = new Set<string>();
  const kept: TWorkflowEdge[] = [];
  for (const edge of graph.edges) {
    const source = graph.nodes.get(edge.source)!;
    const target = graph.nodes.get(edge.target)!;
    const base = { edgeId: edge.id } as const;
    const key = JSON.stringify([edge.source, edge.sourceHandle, edge.target, edge.targetHandle]);
    if (seen.has(key)) {
      problems.push({
        ...base,
        nodeId: edge.source,
        code: "duplicate_edge",
        message: `${describeConnection(edge)} is drawn twice between the same ports; remove one.`,
      });
      continue;
    }
    seen.add(key);
    if (edge.source === edge.target) {
      problems.push({
        ...base,
        nodeId: edge.source,
        code: "self_loop",
        message: `Node "${edge.source}" is connected to itself; use a Loop node to repeat steps.`,
      });
      continue;
    }
    if (target.isTrigger) {
      problems.push({
        ...base,
        nodeId: edge.target,
        code: "edge_into_trigger",
        message: `${describeConnection(edge)} leads into a trigger; a trigger starts the workflow and cannot receive connections.`,
      });
      continue;
    }
    kept.push(edge);
    const sourcePort = findPort(source, "outputs", edge.sourceHandle);
    const targetPort = findPort(target, "inputs", edge.targetHandle);
    if (sourcePort === undefined)
      problems.push({
        ...base,
        nodeId: edge.source,
        code: "unknown_source_handle",
        message: unknownOutput(source, edge.sourceHandle),
      });
    if (targetPort === undefined)
      problems.push({
        ...base,
        nodeId: edge.target,
        code: "unknown_target_handle",
        message: unknownInput(target, edge.targetHandle),
      });
    if (sourcePort && targetPort && !isCompatible(sourcePort, targetPort)) {
      problems.push({
        ...base,
        nodeId: edge.target,
        code: "incompatible_types",
        message: `${describeConnection(edge)} sends ${DATA_TYPE_NAMES[sourcePort.dataType!]} into "${targetPort.label}", which expects ${DATA_TYPE_NAMES[targetPort.dataType!]}.`,
      });
    }
  }
  return kept;
}

/** The port, undefined when the node has no such port, null when the node's ports are unknown (not checked). */
function findPort(node: TInspectedNode, side: "inputs" | "outputs", handle: string): TPortDef | null | undefined {
  const ports = node[side];
  return ports === null ? null : ports.find((p) => p.id === handle);
}

export function isCompatible(source: TPortDef, target: TPortDef): boolean {
  const from = source.dataType ?? "any";
  const to = target.dataType ?? "any";
  return from === "any" || to === "any" || from === to;
}

function listPorts(ports: TPortDef[] | null): string {
  return ports && ports.length > 0 ? ports.map((p) => `"${p.id}"`).join(", ") : "none";
}

function unknownOutput(node: TInspectedNode, handle: string): string {
  if (handle === ERROR_PORT.id)
    return `Node "${node.id}" has a connection from its "error" port, which exists only when its failures are routed (settings: on error, route).`;
  return `Node "${node.id}" has no output "${handle}" (its outputs: ${listPorts(node.outputs)}).`;
}

function unknownInput(node: TInspectedNode, handle: string): string {
  return `Node "${node.id}" has no input "${handle}" (its inputs: ${listPorts(node.inputs)}).`;
}

/** Each edge on its own, so one broken edge does not hide the others; edges to missing nodes are left out. */
export function parseEdges(
  rawEdges: unknown[],
  nodes: Map<string, TInspectedNode>,
  problems: TGraphProblem[],
): TWorkflowEdge[] {
  const ids = new Set<string>();
  const edges: TWorkflowEdge[] = [];
  rawEdges.forEach((raw, i) => {
    const rawId = readString(raw, "id");
    const parsed = ZWorkflowEdge.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      const subject = `Connection ${rawId ? `"${rawId}"` : `#${i + 1}`}`;
      const nodeId =
        [readString(raw, "source"), readString(raw, "target")].find((id) => id !== null && nodes.has(id)) ?? null;
      for (const issue of parsed.error.issues)
        problems.push({
          nodeId,
          ...(rawId ? { edgeId: rawId } : {}),
          code: "invalid_edge",
          field: issuePath(issue) || undefined,
          message: describeIssue(subject, issue),
        });
      return;
    }
    const edge = parsed.data;
    if (ids.has(edge.id)) {
      problems.push({
        nodeId: null,
        edgeId: edge.id,
        code: "duplicate_edge_id",
        message: `Two connections have the id "${edge.id}"; connection ids must be unique.`,
      });
      return;
    }
    ids.add(edge.id);
    const missing = (["source", "target"] as const).filter((end) => !nodes.has(edge[end]));
    for (const end of missing) {
      const other = end === "source" ? edge.target : edge.source;
      problems.push({
        nodeId: nodes.has(other) ? other : null,
        edgeId: edge.id,
        code: "edge_unknown_node",
        message: `Connection "${edge.id}" ${end === "source" ? "comes from" : "goes to"} "${edge[end]}", which is not a node of this workflow.`,
      });
    }
    if (missing.length === 0) edges.push(edge);
  });
  return edges;
}
