import { Info, TriangleAlert } from "lucide-react";
import clsx from "clsx";
import { isStepWarning, stepCircuitWaitLabel, type TRunStep } from "@/server/runs/run-detail.shared";

/**
 * A failed step's error code and message, as the run detail and the builder's step inspector show it; a warning on a
 * step that succeeded (see STEP_WARNING_CODES) is shown as a note, not as an error.
 */
export function StepError({ step, className }: { step: Pick<TRunStep, "error" | "errorCode" | "status" | "waitKind">; className?: string }) {
  // A step waiting for an open circuit breaker has not failed: its wait label says until when (waitLabelOf).
  if (!step.error || stepCircuitWaitLabel(step)) return null;
  const isWarning = isStepWarning(step);
  const Icon = isWarning ? Info : TriangleAlert;
  return (
    <div
      role={isWarning ? "note" : undefined}
      className={clsx(
        "flex gap-2 rounded-md border px-3 py-2 text-sm",
        isWarning ? "border-amber-200 bg-amber-50 text-amber-900" : "border-red-200 bg-red-50 text-red-800",
        className,
      )}
    >
      <Icon aria-hidden="true" className="mt-0.5 h-4 w-4 shrink-0" />
      <p className="min-w-0 break-words">
        {step.errorCode ? <code className="mr-1.5 font-mono text-xs font-semibold">{step.errorCode}</code> : null}
        {step.error}
      </p>
    </div>
  );
}
