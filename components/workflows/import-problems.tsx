import type { ReactNode } from "react";
import { AlertTriangle } from "lucide-react";
import { groupGraphProblems, type TGraphProblem } from "@/server/workflows/graph-problems.shared";
import type { TErrorIssue } from "@/server/errors";
import { NODE_DEFINITIONS } from "@/server/nodes/registry.shared";
import type { TNodeType } from "@/server/workflows/graph.shared";

type TNodeInfo = { label?: string; type?: string };

/** Node labels and types read from the refused document, so each group can say which step it is about. */
export function nodesOf(document: unknown): Map<string, TNodeInfo> {
  const graph = (document as { workflow?: { graph?: { nodes?: unknown } } } | null)?.workflow?.graph;
  const nodes = Array.isArray(graph?.nodes) ? (graph.nodes as unknown[]) : [];
  const info = new Map<string, TNodeInfo>();
  for (const n of nodes) {
    const node = n as { id?: unknown; label?: unknown; type?: unknown } | null;
    if (node && typeof node.id === "string") {
      info.set(node.id, {
        label: typeof node.label === "string" ? node.label : undefined,
        type: typeof node.type === "string" ? node.type : undefined,
      });
    }
  }
  return info;
}

/** Why an import was refused: every graph problem, grouped by node, or the issues of a file that is not a workflow. */
export function ImportProblems({
  message,
  problems,
  issues,
  nodes,
}: {
  message: string;
  problems: TGraphProblem[];
  issues: TErrorIssue[];
  nodes: Map<string, TNodeInfo>;
}) {
  const grouped = groupGraphProblems(problems);
  const edgeOnly = problems.filter((p) => p.nodeId === null && !p.nodeIds?.length && p.edgeId !== undefined);
  const heading =
    problems.length > 0
      ? `Nothing was imported: the workflow in this file has ${problems.length === 1 ? "1 problem" : `${problems.length} problems`}.`
      : message;
  return (
    <section role="alert" aria-label="Import problems" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm">
      <p className="flex items-start gap-2 font-medium text-red-800">
        <AlertTriangle aria-hidden="true" className="mt-0.5 h-4 w-4 shrink-0" />
        {heading}
      </p>
      {problems.length > 0 ? (
        <div className="mt-2 max-h-72 space-y-3 overflow-y-auto pr-1">
          <Group title="Workflow and connections" problems={[...grouped.graph, ...edgeOnly]} />
          {Object.entries(grouped.byNode).map(([nodeId, list]) => (
            <Group key={nodeId} title={nodeTitle(nodeId, nodes.get(nodeId))} problems={list} />
          ))}
        </div>
      ) : issues.length > 0 ? (
        <ul className="mt-2 list-disc space-y-1 pl-9 text-red-800">
          {issues.map((i, n) => (
            <li key={n}>
              {i.path ? <code className="mr-1 text-xs">{i.path}</code> : null}
              {i.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** "Big amount? · check · Condition": the step's label, its id (what the messages name) and its kind. */
function nodeTitle(id: string, info?: TNodeInfo): ReactNode {
  const kind = info?.type && info.type in NODE_DEFINITIONS ? NODE_DEFINITIONS[info.type as TNodeType].label : info?.type;
  return (
    <>
      {info?.label ?? id}
      {info?.label && info.label !== id ? <code className="ml-1.5 text-xs font-normal text-red-700">{id}</code> : null}
      {kind ? <span className="font-normal text-red-700"> · {kind}</span> : null}
    </>
  );
}

function Group({ title, problems }: { title: ReactNode; problems: TGraphProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div>
      <h3 className="font-semibold text-red-900">{title}</h3>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-red-800">
        {problems.map((p, n) => (
          <li key={n}>
            {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
