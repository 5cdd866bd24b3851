// The workflow graph validator, shared by the builder (live badges), the API (refusing a save or a publish) and the
// worker. It reports every problem it finds, each with the node (and connection, and config field) it is about:
//   1. the stored value, node by node and edge by edge (schema, known types, versions, migrated configs, settings);
//   2. connections (ports, duplicates, self-loops, into triggers, data types);
//   3. the whole graph (one trigger, cycles only through a Loop's "back" port, loop bodies, reachability, joins,
//      conditions);
//   4. expression and template fields (they parse; `nodes.<id>` names a node that runs before).
// References to other records (workflows, models, credentials…) need the database: see validate-workflow.ts.
import { ZWorkflowGraph } from "./graph.shared";
import { NODE_DEFINITIONS } from "../nodes/registry.shared";
import {
  toValidation,
  type TGraphProblem,
  type TGraphProblemCode,
  type TGraphValidation,
} from "./graph-problems.shared";
import { checkEdges } from "./validate-graph-edges.shared";
import { checkExpressions } from "./validate-graph-expressions.shared";
import { parseGraph, type TDefinitions, type TInspectedNode } from "./validate-graph-parse.shared";
import { checkStructure } from "./validate-graph-structure.shared";
import { buildTopology } from "./validate-graph-topology.shared";
import { describeIssue } from "./validate-graph-issues.shared";

export type { TInspectedNode } from "./validate-graph-parse.shared";
export { findNodeReferences, resolveFieldPath } from "./validate-graph-expressions.shared";

export type TValidateGraphOptions = {
  /** The node catalog to validate against; the registry by default (tests pass variants). */
  definitions?: TDefinitions;
};

/** The validation plus every node as the validator read it (parsed configs), for checks that build on it. */
export type TGraphInspection = TGraphValidation & { nodes: Map<string, TInspectedNode> };

const SHAPE_CODES: ReadonlySet<TGraphProblemCode> = new Set([
  "invalid_graph",
  "too_large",
  "invalid_node",
  "invalid_settings",
  "duplicate_node_id",
  "unknown_node_type",
  "invalid_edge",
  "duplicate_edge_id",
  "edge_unknown_node",
]);

export function validateGraph(graph: unknown, options: TValidateGraphOptions = {}): TGraphValidation {
  return toValidation(inspectGraph(graph, options).problems);
}

export function inspectGraph(graph: unknown, options: TValidateGraphOptions = {}): TGraphInspection {
  const definitions = options.definitions ?? NODE_DEFINITIONS;
  const problems: TGraphProblem[] = [];
  const parsed = parseGraph(graph, definitions, problems);
  if (!parsed) return { ...toValidation(problems), nodes: new Map() };
  const topology = buildTopology(parsed, checkEdges(parsed, problems));
  checkStructure(topology, problems);
  checkExpressions(topology, problems);
  addSchemaLeftovers(graph, problems);
  return { ...toValidation(problems), nodes: parsed.nodes };
}

/**
 * The graph schema is the contract the engine parses: if it refuses the value for a reason the checks above did not
 * name (a rule added to ZWorkflowGraph later), its issues are reported as they are rather than lost.
 */
function addSchemaLeftovers(graph: unknown, problems: TGraphProblem[]): void {
  if (problems.some((p) => SHAPE_CODES.has(p.code))) return;
  const parsed = ZWorkflowGraph.safeParse(graph, { reportInput: true });
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    const [collection, position] = issue.path;
    const item =
      typeof position === "number" && (collection === "nodes" || collection === "edges")
        ? readItem(graph, collection, position)
        : null;
    const id = item && typeof item.id === "string" ? item.id : null;
    const isNode = collection === "nodes";
    problems.push({
      nodeId: isNode ? id : null,
      ...(!isNode && id ? { edgeId: id } : {}),
      code: "invalid_graph",
      message: describeIssue(id ? `${isNode ? "Node" : "Connection"} "${id}"` : "The workflow", {
        ...issue,
        path: issue.path.slice(id ? 2 : 0),
      }),
    });
  }
}

function readItem(graph: unknown, collection: "nodes" | "edges", position: number): Record<string, unknown> | null {
  const list = (graph as Record<string, unknown>)[collection];
  const item = Array.isArray(list) ? (list[position] as unknown) : null;
  return item !== null && typeof item === "object" ? (item as Record<string, unknown>) : null;
}
