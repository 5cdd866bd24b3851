import { TriangleAlert } from "lucide-react";
import clsx from "clsx";
import type { TRunStep } from "@/server/runs/run-detail.shared";

/** A failed step's error code and message, as the run detail and the builder's step inspector show it. */
export function StepError({ step, className }: { step: Pick<TRunStep, "error" | "errorCode">; className?: string }) {
  if (!step.error) return null;
  return (
    <div className={clsx("flex gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800", className)}>
      <TriangleAlert aria-hidden="true" className="mt-0.5 h-4 w-4 shrink-0" />
      <p className="min-w-0 break-words">
        {step.errorCode ? <code className="mr-1.5 font-mono text-xs font-semibold">{step.errorCode}</code> : null}
        {step.error}
      </p>
    </div>
  );
}
