import { ChevronRight } from "lucide-react";
import type { TLoopIteration, TRunStep, TStepStatus } from "@/server/runs/run-detail.shared";
import { StepList } from "./step-tree";
import { StepStatusBadge } from "./step-status-badge";

/** An iteration's overall status: a failure wins, then anything still in progress, then success. */
function iterationStatus(iteration: TLoopIteration): TStepStatus {
  const statuses = new Set(iteration.steps.map((s) => s.status));
  for (const s of ["FAILED", "RUNNING", "WAITING", "PENDING", "CANCELLED"] as const) if (statuses.has(s)) return s;
  return statuses.has("SUCCEEDED") ? "SUCCEEDED" : "SKIPPED";
}

/** A Loop step's iterations, each collapsible, opened by default when it failed or is still running. */
export function LoopIterations({ step, runStartedAt }: { step: TRunStep; runStartedAt: string | null }) {
  return (
    <div className="mt-2 rounded-md border border-slate-200 bg-slate-50/60">
      <p className="border-b border-slate-200 px-3 py-1.5 text-xs font-medium text-slate-600">
        {step.iterations.length} {step.iterations.length === 1 ? "iteration" : "iterations"}
      </p>
      <ul aria-label={`Iterations of ${step.nodeId}`} className="divide-y divide-slate-200">
        {step.iterations.map((iteration) => {
          const status = iterationStatus(iteration);
          return (
            <li key={iteration.iterationKey}>
              <details open={status === "FAILED" || status === "RUNNING" || status === "WAITING"} className="group">
                <summary className="flex cursor-pointer list-none items-center gap-2 px-3 py-2 text-sm select-none hover:bg-white [&::-webkit-details-marker]:hidden">
                  <ChevronRight
                    aria-hidden="true"
                    className="h-3.5 w-3.5 shrink-0 text-slate-400 transition-transform group-open:rotate-90"
                  />
                  <span className="font-medium text-slate-800">Item {iteration.index}</span>
                  <span className="text-xs text-slate-500">
                    {iteration.steps.length} {iteration.steps.length === 1 ? "step" : "steps"}
                  </span>
                  <span className="ml-auto">
                    <StepStatusBadge status={status} />
                  </span>
                </summary>
                <ol aria-label={`Steps of item ${iteration.index}`} className="divide-y divide-slate-100 bg-white px-3">
                  <StepList steps={iteration.steps} runStartedAt={runStartedAt} />
                </ol>
              </details>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
