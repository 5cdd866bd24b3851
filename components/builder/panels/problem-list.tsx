import { TriangleAlert } from "lucide-react";
import type { TGraphProblem } from "@/server/workflows/graph-problems.shared";
import { groupProblemsForDisplay, type TNodeNames } from "./group-problems";

type TProps = {
  problems: readonly TGraphProblem[];
  /** Node labels in graph order, for titles ("Classify (classify)") and ordering. */
  nodeNames?: TNodeNames;
  title: string;
  /** The alert's accessible name, when the title alone does not say what was refused. */
  label?: string;
};

/** Every problem, grouped by node, in a red box: what a refused publish or test run must fix. */
export function ProblemList({ problems, nodeNames, title, label }: TProps) {
  const groups = groupProblemsForDisplay(problems, nodeNames);
  return (
    <section role="alert" aria-label={label} className="rounded-md border border-red-200 bg-red-50 px-3 py-2.5 text-sm text-red-900">
      <p className="flex items-center gap-2 font-medium">
        <TriangleAlert aria-hidden="true" className="h-4 w-4 shrink-0 text-red-600" />
        {title}
      </p>
      <ul className="mt-2 space-y-2">
        {groups.map((group) => (
          <li key={group.key}>
            <h3 className={group.nodeId ? "font-mono text-xs font-semibold" : "text-xs font-semibold uppercase tracking-wide"}>
              {group.title}
            </h3>
            <ul className="mt-0.5 list-disc space-y-0.5 pl-5 text-red-800">
              {group.messages.map((message) => (
                <li key={message} className="break-words">
                  {message}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
