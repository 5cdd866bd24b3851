import { ListTree } from "lucide-react";
import type { TRunStep } from "@/server/runs/run-detail.shared";
import { StepList } from "./step-tree";

type TProps = { steps: TRunStep[]; runStartedAt: string | null; stepCount: number; isTruncated: boolean };

export function StepTimeline({ steps, runStartedAt, stepCount, isTruncated }: TProps) {
  if (steps.length === 0) {
    return (
      <div className="flex items-center gap-3 rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-sm text-slate-500">
        <ListTree aria-hidden="true" className="h-5 w-5 text-slate-400" />
        No steps yet: they appear here as the run executes.
      </div>
    );
  }
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4">
      <ol aria-label="Steps" className="divide-y divide-slate-100">
        <StepList steps={steps} runStartedAt={runStartedAt} />
      </ol>
      {isTruncated ? (
        <p className="border-t border-slate-100 py-2 text-xs text-slate-500">
          Showing the first steps of {stepCount.toLocaleString("en-US")}.
        </p>
      ) : null}
    </div>
  );
}
