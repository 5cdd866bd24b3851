import type { ApprovalStatus, RunStatus } from "../db/generated/enums";
import type { TDemoTemplate, TRunPlan } from "./demo-template";
import type { TWorkflowEdge } from "../workflows/graph.shared";
import { downstreamOf } from "./graph-walk";
import { FAILURES } from "./history-failures";
import type { TSimulation, TStepDraft } from "./history-simulate";
import type { TRandom } from "./random";

// Turns a fully simulated run into what the database would hold at `now`: a step failed, a person cancelled, or an
// approval is still undecided. Everything is cut at one moment: steps finished by then stay, steps in flight are
// CANCELLED (or WAITING for an undecided approval), later steps and everything downstream of the cut never happened.

export type TFate = "ok" | "fail" | "cancel";

export type TApprovalDraft = {
  nodeId: string;
  status: ApprovalStatus;
  requestedAt: Date;
  dueAt: Date;
  decidedAt: Date | null;
};

export type TRunOutcome = {
  status: RunStatus;
  steps: TStepDraft[];
  finishedAt: Date | null;
  error: string | null;
  errorNodeId: string | null;
  approval: TApprovalDraft | null;
};

const SETTLE_MARGIN_MS = 5 * 60_000;
const UNBILLED = { tokensIn: 0, tokensOut: 0, costUsd: null };

export function settleRun(
  template: TDemoTemplate,
  edges: readonly TWorkflowEdge[],
  plan: TRunPlan,
  sim: TSimulation,
  fate: TFate,
  isApprovalHeld: boolean,
  now: Date,
  rng: TRandom,
): TRunOutcome {
  const steps = sim.steps.map((s) => ({ ...s }));
  const nowMs = now.getTime();
  const approvalStep = template.approval
    ? steps.find((s) => s.nodeId === template.approval?.nodeId && s.status === "SUCCEEDED")
    : undefined;
  let cutAt = nowMs;
  let cause: "now" | "fail" | "cancel" = "now";
  let cutNode: string | null = null;

  // An undecided approval: its decision lies in the future, or so close to now that the steps after it would still
  // be running (they take seconds; the margin keeps every run either settled or parked at its approval). A request
  // is held back only while within its SLA: past it, the engine expires it (the plan then says "timeout").
  const decidedAt = approvalStep?.finishedAt?.getTime() ?? 0;
  const dueAt = (approvalStep?.startedAt?.getTime() ?? 0) + (template.approval?.slaMinutes ?? 0) * 60_000;
  const isUndecided = (isApprovalHeld && dueAt > nowMs) || decidedAt > nowMs - SETTLE_MARGIN_MS;
  if (approvalStep?.startedAt && isUndecided && approvalStep.startedAt.getTime() < nowMs) {
    approvalStep.finishedAt = new Date(Number.MAX_SAFE_INTEGER / 2);
    cutNode = approvalStep.nodeId;
  }
  const parked = cutNode ? downstreamOf(cutNode, edges) : new Set<string>();
  if (fate === "fail") {
    const candidates = steps.filter(
      (s) =>
        s.status === "SUCCEEDED" &&
        FAILURES[s.nodeType] &&
        !parked.has(s.nodeId) &&
        (s.finishedAt?.getTime() ?? Infinity) < nowMs,
    );
    const failing = candidates.length > 0 ? rng.pick(candidates) : undefined;
    if (failing?.startedAt) {
      const failure = rng.pick(FAILURES[failing.nodeType] ?? []);
      const failAt = failing.startedAt.getTime() + rng.int(...failure.afterMs);
      Object.assign(failing, {
        status: "FAILED",
        output: null,
        firedHandles: [],
        error: failure.error,
        errorCode: failure.errorCode,
        finishedAt: new Date(failAt),
        latencyMs: failAt - failing.startedAt.getTime(),
        ...(failure.isBilled ? {} : UNBILLED),
      });
      if (failAt < cutAt) [cutAt, cause, cutNode] = [failAt, "fail", failing.nodeId];
    }
  } else if (fate === "cancel") {
    const last = Math.max(...steps.map((s) => Math.min(s.finishedAt?.getTime() ?? 0, nowMs)));
    const cancelAt = Math.round(sim.startedAt.getTime() + rng.next() * (last - sim.startedAt.getTime()));
    if (cancelAt < cutAt) [cutAt, cause] = [cancelAt, "cancel"];
  }

  const dropped = cause === "fail" && cutNode ? downstreamOf(cutNode, edges) : parked;
  const kept: TStepDraft[] = [];
  for (const s of steps) {
    if (dropped.has(s.nodeId)) continue;
    const end = s.finishedAt?.getTime() ?? Infinity;
    if (end <= cutAt) kept.push(s);
    else if (s.startedAt && s.startedAt.getTime() <= cutAt) {
      const isWaiting = cause === "now" && s.nodeType === "control.approval";
      // A call cut off mid-flight reports no usage.
      const cut = isWaiting
        ? {
            status: "WAITING" as const,
            waitKind: "approval",
            waitUntil: new Date(dueAt),
            finishedAt: null,
            latencyMs: null,
          }
        : {
            status: "CANCELLED" as const,
            finishedAt: new Date(cutAt),
            latencyMs: cutAt - s.startedAt.getTime(),
            ...UNBILLED,
          };
      kept.push({ ...s, ...cut, output: null, firedHandles: [] });
    }
  }

  const isWaiting = kept.some((s) => s.status === "WAITING");
  const status: RunStatus =
    cause === "fail" ? "FAILED" : cause === "cancel" ? "CANCELLED" : isWaiting ? "WAITING" : "SUCCEEDED";
  const failed = kept.find((s) => s.status === "FAILED");
  const finishedAt =
    status === "WAITING"
      ? null
      : new Date(Math.max(...kept.map((s) => s.finishedAt?.getTime() ?? 0), cutAt === nowMs ? 0 : cutAt));
  return {
    status,
    steps: kept,
    finishedAt,
    error: failed?.error ?? (status === "CANCELLED" ? "Cancelled by Ada Admin" : null),
    errorNodeId: failed?.nodeId ?? null,
    approval: approvalDraft(template, plan, kept),
  };
}

const APPROVAL_STATUS_BY_HANDLE: Record<string, ApprovalStatus> = {
  approved: "APPROVED",
  rejected: "REJECTED",
  timeout: "EXPIRED",
};

function approvalDraft(template: TDemoTemplate, plan: TRunPlan, steps: TStepDraft[]): TApprovalDraft | null {
  const config = template.approval;
  const step = config && steps.find((s) => s.nodeId === config.nodeId);
  if (!config || !step?.startedAt) return null;
  const status: ApprovalStatus =
    step.status === "WAITING"
      ? "PENDING"
      : step.status === "CANCELLED"
        ? "CANCELLED"
        : (APPROVAL_STATUS_BY_HANDLE[plan.branches[config.nodeId] ?? ""] ?? "EXPIRED");
  return {
    nodeId: config.nodeId,
    status,
    requestedAt: step.startedAt,
    dueAt: new Date(step.startedAt.getTime() + config.slaMinutes * 60_000),
    decidedAt: step.status === "SUCCEEDED" ? step.finishedAt : null,
  };
}
