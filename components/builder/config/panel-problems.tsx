"use client";

import { AlertTriangle } from "lucide-react";
import type { TGraphProblem } from "@/server/workflows/graph-problems.shared";

/** Problems of the node that belong to no field on screen (connections, the whole node), above the form. */
export function PanelProblems({ id, problems }: { id: string; problems: TGraphProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <section
      aria-labelledby={id}
      className="mx-4 mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2"
      data-testid="node-config-problems"
    >
      <h3 id={id} className="flex items-center gap-1.5 text-xs font-semibold text-red-800">
        <AlertTriangle aria-hidden="true" className="h-3.5 w-3.5" />
        {problems.length === 1 ? "1 problem" : `${problems.length} problems`}
      </h3>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-xs text-red-800">
        {problems.map((problem, i) => (
          <li key={`${problem.code}-${problem.field ?? ""}-${i}`}>{problem.message}</li>
        ))}
      </ul>
    </section>
  );
}
