import { AlertTriangle } from "lucide-react";
import { ProblemList } from "@/components/builder/panels/problem-list";
import type { TNodeNames } from "@/components/builder/panels/group-problems";
import type { TGraphProblem } from "@/server/workflows/graph-problems.shared";
import type { TErrorIssue } from "@/server/errors";

/** Node labels read from the refused document, in its order, so each group can say which step it is about. */
export function nodesOf(document: unknown): TNodeNames {
  const graph = (document as { workflow?: { graph?: { nodes?: unknown } } } | null)?.workflow?.graph;
  const names = new Map<string, string>();
  for (const n of Array.isArray(graph?.nodes) ? (graph.nodes as unknown[]) : []) {
    const node = n as { id?: unknown; label?: unknown } | null;
    if (node && typeof node.id === "string") names.set(node.id, typeof node.label === "string" ? node.label : node.id);
  }
  return names;
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
  nodes: TNodeNames;
}) {
  if (problems.length > 0) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    return (
      <ProblemList
        label="Import problems"
        title={`Nothing was imported: the workflow in this file has ${count}.`}
        problems={problems}
        nodeNames={nodes}
      />
    );
  }
  return (
    <section role="alert" aria-label="Import problems" className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm">
      <p className="flex items-start gap-2 font-medium text-red-800">
        <AlertTriangle aria-hidden="true" className="mt-0.5 h-4 w-4 shrink-0" />
        {message}
      </p>
      {issues.length > 0 ? (
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
