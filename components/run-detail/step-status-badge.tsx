import { Badge, type TTone } from "@/components/shell/badge";
import type { TApprovalStatus, TStepStatus } from "@/server/runs/run-detail.shared";

const STEP_TONES: Record<TStepStatus, TTone> = {
  PENDING: "slate",
  RUNNING: "blue",
  WAITING: "amber",
  SUCCEEDED: "green",
  FAILED: "red",
  SKIPPED: "slate",
  CANCELLED: "slate",
};

export const STEP_STATUS_LABELS: Record<TStepStatus, string> = {
  PENDING: "Pending",
  RUNNING: "Running",
  WAITING: "Waiting",
  SUCCEEDED: "Succeeded",
  FAILED: "Failed",
  SKIPPED: "Skipped",
  CANCELLED: "Cancelled",
};

/** The state of a RUNNING step whose call an emergency stop interrupted (TRunStep.isInterruptedByStop). */
export const INTERRUPTED_BY_STOP_LABEL = "Interrupted by stop";

export function StepStatusBadge({ status, isInterruptedByStop = false }: { status: TStepStatus; isInterruptedByStop?: boolean }) {
  if (isInterruptedByStop) {
    return (
      <Badge tone="amber" title="The emergency stop interrupted this step; it resumes when the engine is resumed">
        {INTERRUPTED_BY_STOP_LABEL}
      </Badge>
    );
  }
  return (
    <Badge tone={STEP_TONES[status]}>
      {status === "RUNNING" ? (
        <span aria-hidden="true" className="h-1.5 w-1.5 animate-pulse rounded-full bg-brand-500" />
      ) : null}
      {STEP_STATUS_LABELS[status]}
    </Badge>
  );
}

const APPROVAL_TONES: Record<TApprovalStatus, TTone> = {
  PENDING: "amber",
  APPROVED: "green",
  REJECTED: "red",
  EXPIRED: "slate",
  CANCELLED: "slate",
};

export const APPROVAL_STATUS_LABELS: Record<TApprovalStatus, string> = {
  PENDING: "Pending",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  EXPIRED: "Expired",
  CANCELLED: "Cancelled",
};

export function ApprovalStatusBadge({ status }: { status: TApprovalStatus }) {
  return <Badge tone={APPROVAL_TONES[status]}>{APPROVAL_STATUS_LABELS[status]}</Badge>;
}
