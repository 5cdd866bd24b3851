// Isomorphic: what the workflow editor (builder) loads and the shapes its panels share. The server builds these in
// server/workflows/load-editor.ts; components/builder/* render them.
import type { TGraphProblem } from "./graph-problems.shared";
import type { TWorkflowGraph } from "./graph.shared";
import type { TWorkflowStatus } from "./workflow-list.shared";
import type { TDataClassification } from "../policy/document";

/** What the pickers of the configuration panel offer: only what the workflow's team may use. */
export type TEditorCatalog = {
  models: {
    id: string;
    /** Provider's model id, e.g. "gpt-4o-mini". */
    name: string;
    displayName: string;
    providerName: string;
    /** USD per million tokens, as decimal strings. */
    inputPricePerMTok: string;
    outputPricePerMTok: string;
  }[];
  routes: { name: string; description: string; strategy: string; modelIds: string[] }[];
  credentials: { id: string; name: string; kind: string }[];
  knowledgeBases: { id: string; name: string }[];
  /** Other workflows of the team that have a published version (sub-workflow and event trigger pickers). */
  workflows: { id: string; name: string }[];
};

/** The data a finished run left behind, for previewing expressions: the same scope expressions see at run time. */
export type TExpressionScope = {
  trigger: unknown;
  nodes: Record<string, { output: unknown }>;
};

type TScopeStep = { nodeId: string; iterationKey: string; status: string; output: unknown };

/** Top-level steps first, then iterations in order ("0" < "1" < "0.0" < "0.1"). */
function iterationOrder(a: string, b: string): number {
  const depth = (key: string) => (key === "" ? 0 : key.split(".").length);
  if (depth(a) !== depth(b)) return depth(a) - depth(b);
  const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/**
 * What the builder previews expressions against after a run, in the shape they see at run time (server/engine/
 * scope.ts): `trigger` is the run's input, `nodes.<id>.output` each succeeded step's output. A node inside a loop has
 * no top-level step: its first succeeded iteration stands in for it. The same for the last run loaded with the editor
 * and for a test run just watched.
 */
export function scopeFromSteps(input: unknown, steps: Iterable<TScopeStep>): TExpressionScope {
  const succeeded = [...steps].filter((s) => s.status === "SUCCEEDED");
  succeeded.sort((a, b) => iterationOrder(a.iterationKey, b.iterationKey));
  const nodes: TExpressionScope["nodes"] = {};
  for (const step of succeeded) nodes[step.nodeId] ??= { output: step.output };
  return { trigger: input ?? {}, nodes };
}

export type TEditorWorkflow = {
  id: string;
  name: string;
  description: string;
  status: TWorkflowStatus;
  teamId: string;
  teamName: string;
  draftRevision: number;
  publishedVersion: number | null;
  updatedAt: string;
  /** What data it handles; models rules may restrict models by it (server/workflows/set-data-classification.ts). */
  dataClassification: TDataClassification;
};

export type TEditorData = {
  workflow: TEditorWorkflow;
  graph: TWorkflowGraph;
  problems: TGraphProblem[];
  canEdit: boolean;
  canPublish: boolean;
  canRun: boolean;
  /** Raising the data classification needs workflow:write (canEdit); lowering it, an admin of the team. */
  canLowerClassification: boolean;
  catalog: TEditorCatalog;
  /**
   * The latest finished run of this workflow (published or test), for expression previews; null when none.
   * `isGenerated`: it is the seed's generated demo history, which the test-run dialog says when it offers its input.
   */
  lastRun: { id: string; status: string; isGenerated: boolean; scope: TExpressionScope } | null;
};

/** One published version in the history panel. */
export type TVersionSummary = {
  id: string;
  number: number;
  note: string;
  createdAt: string;
  createdByName: string | null;
  isPublished: boolean;
  nodeCount: number;
};

/** A readable difference between two graphs (version history). */
export type TGraphDiff = {
  addedNodes: { id: string; type: string; label: string }[];
  removedNodes: { id: string; type: string; label: string }[];
  changedNodes: {
    id: string;
    type: string;
    label: string;
    /** Dot paths of what changed, e.g. "config.prompt", "settings.retry.maxAttempts", "label", "type". Position moves are ignored. */
    changes: { path: string; before: unknown; after: unknown }[];
  }[];
  addedEdges: { id: string; source: string; sourceHandle: string; target: string; targetHandle: string }[];
  removedEdges: { id: string; source: string; sourceHandle: string; target: string; targetHandle: string }[];
};

/** Expected cost of one run, shown before publishing. */
export type TCostEstimate = {
  /** Sum over the model-calling nodes, USD, as a decimal string. */
  totalUsd: string;
  nodes: {
    nodeId: string;
    label: string;
    model: string;
    estimatedTokensIn: number;
    estimatedTokensOut: number;
    costUsd: string;
    /** How the figure was reached, e.g. "prompt ~120 tokens + 300 for variables; output ~25% of max tokens". */
    basis: string;
  }[];
  /** Things the estimate cannot know (loops, unknown models, routes with several models priced differently). */
  caveats: string[];
};
