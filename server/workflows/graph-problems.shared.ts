// What the graph validator reports, shared by the builder (badges per node and edge), the API (refusing a save or a
// publish with every problem listed) and the worker. Isomorphic: types and pure helpers only.

/** Problems about references to other records: the server checks them against the database (validate-workflow.ts). */
export const REFERENCE_PROBLEM_CODES = [
  "unknown_workflow",
  "subworkflow_not_published",
  "subworkflow_recursion",
  "unknown_knowledge_base",
  "unknown_model",
  "model_disabled",
  "unknown_route",
  "route_disabled",
  "unknown_credential",
  // Publishing only: a model or route none of whose targets the covering policies allow (governance/publish-check.ts).
  "model_refused_by_policy",
] as const;

export const GRAPH_PROBLEM_CODES = [
  // Shape of the stored value
  "invalid_graph",
  "too_large",
  "invalid_node",
  "duplicate_node_id",
  "unknown_node_type",
  "newer_node_version",
  "invalid_config",
  "invalid_settings",
  "invalid_edge",
  "duplicate_edge_id",
  // Connections
  "edge_unknown_node",
  "unknown_source_handle",
  "unknown_target_handle",
  "duplicate_edge",
  "self_loop",
  "edge_into_trigger",
  "incompatible_types",
  // Whole-graph structure
  "no_trigger",
  "multiple_triggers",
  "cycle",
  "loop_empty_body",
  "loop_body_entry",
  "loop_body_exit",
  "loop_back_outside_body",
  "unreachable",
  "no_incoming",
  "join_unsatisfiable",
  "condition_goes_nowhere",
  // Expressions and templates
  "invalid_expression",
  "invalid_template",
  "unknown_node_reference",
  "reference_not_upstream",
  // References to other records (server-side check, validate-workflow.ts)
  ...REFERENCE_PROBLEM_CODES,
] as const;
export type TGraphProblemCode = (typeof GRAPH_PROBLEM_CODES)[number];

/** Whether only the server can find this problem (it needs the database); the builder finds every other kind itself. */
export function isReferenceProblem(problem: { code: string }): boolean {
  return (REFERENCE_PROBLEM_CODES as readonly string[]).includes(problem.code);
}

export type TGraphProblem = {
  /** The node the problem is about; null for problems of the whole graph. */
  nodeId: string | null;
  edgeId?: string;
  /** Config path (dot-separated, array indexes as numbers), e.g. "cases.0.when" or "settings.timeoutMs". */
  field?: string;
  code: TGraphProblemCode;
  /** A sentence a business user understands, naming the node. */
  message: string;
  /** Every node involved when there are several (the nodes of a cycle, the triggers). */
  nodeIds?: string[];
};

export type TGraphValidation = { isValid: boolean; problems: TGraphProblem[] };

export function toValidation(problems: TGraphProblem[]): TGraphValidation {
  return { isValid: problems.length === 0, problems };
}

/** One line per problem, graph-wide problems first, for error responses, logs and the CLI. */
export function describeGraphProblems(problems: readonly TGraphProblem[]): string[] {
  const graphWide = problems.filter((p) => p.nodeId === null && p.edgeId === undefined);
  const rest = problems.filter((p) => !(p.nodeId === null && p.edgeId === undefined));
  return [...graphWide, ...rest].map((p) => p.message.replace(/\s+/g, " ").trim());
}

/** A single line: "The workflow has 3 problems: A; B; C" (the first few, then how many more). */
export function summarizeGraphProblems(problems: readonly TGraphProblem[], maxListed = 3): string {
  if (problems.length === 0) return "The workflow has no problems.";
  const lines = describeGraphProblems(problems);
  const listed = lines.slice(0, maxListed).map((line) => line.replace(/\.$/, ""));
  const more = lines.length - listed.length;
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return `The workflow has ${count}: ${listed.join("; ")}${more > 0 ? `; and ${more} more` : ""}.`;
}

export type TGroupedGraphProblems = {
  /** Problems of the whole graph (no node and no edge), e.g. a missing trigger. */
  graph: TGraphProblem[];
  /** By node id; a problem naming several nodes (a cycle) is listed under each of them. */
  byNode: Record<string, TGraphProblem[]>;
  /** By edge id, for highlighting connections. */
  byEdge: Record<string, TGraphProblem[]>;
};

/** For the builder's badges: which problems belong to which node and which edge. */
export function groupGraphProblems(problems: readonly TGraphProblem[]): TGroupedGraphProblems {
  const grouped: TGroupedGraphProblems = { graph: [], byNode: {}, byEdge: {} };
  for (const problem of problems) {
    const nodeIds = new Set([...(problem.nodeId === null ? [] : [problem.nodeId]), ...(problem.nodeIds ?? [])]);
    for (const id of nodeIds) (grouped.byNode[id] ??= []).push(problem);
    if (problem.edgeId !== undefined) (grouped.byEdge[problem.edgeId] ??= []).push(problem);
    if (nodeIds.size === 0 && problem.edgeId === undefined) grouped.graph.push(problem);
  }
  return grouped;
}
