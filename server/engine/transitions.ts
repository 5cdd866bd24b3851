// Every run and step transition goes through here: the state change (in memory and in the writer), its live event
// and its audit event. Allowed transitions are checked so a bug cannot, say, resurrect a finished step.
import { Prisma } from "../db/generated/client";
import type { RunStatus, StepStatus } from "../db/generated/enums";
import type { TAuditInput } from "../audit/append";
import type { RunWriter, TRunWrite, TStepWrite } from "./writer";
import type { TRunState, TStepRow } from "./run-state";

const RUN_NEXT: Record<RunStatus, RunStatus[]> = {
  QUEUED: ["RUNNING", "CANCELLED", "FAILED"],
  RUNNING: ["WAITING", "SUCCEEDED", "FAILED", "CANCELLED"],
  WAITING: ["RUNNING", "CANCELLED", "FAILED"],
  SUCCEEDED: [],
  FAILED: [],
  CANCELLED: [],
};

const STEP_NEXT: Record<StepStatus, StepStatus[]> = {
  PENDING: ["RUNNING", "SKIPPED", "CANCELLED"],
  RUNNING: ["SUCCEEDED", "FAILED", "WAITING", "PENDING", "CANCELLED", "RUNNING"],
  WAITING: ["RUNNING", "SUCCEEDED", "CANCELLED", "FAILED"],
  SUCCEEDED: [],
  FAILED: [],
  SKIPPED: [],
  CANCELLED: [],
};

export class TransitionError extends Error {}

const actor = { type: "worker" as const, label: "engine" };

export function transitionRun(state: TRunState, writer: RunWriter, to: RunStatus, write: TRunWrite = {}, auditData: Record<string, unknown> = {}) {
  const { run } = state;
  if (run.status !== to && !RUN_NEXT[run.status].includes(to)) throw new TransitionError(`Run ${run.id}: ${run.status} → ${to} is not allowed`);
  const from = run.status;
  run.status = to;
  writer.run({ ...write, status: to });
  const at = new Date().toISOString();
  writer.event({ type: "run", runId: run.id, workflowId: run.workflowId, teamId: run.teamId, status: to, at, error: write.error ?? null, costUsd: run.costUsd, durationMs: write.durationMs ?? null });
  const audit: TAuditInput = {
    actor,
    action: `run.${to.toLowerCase()}`,
    resource: { type: "run", id: run.id },
    teamId: run.teamId,
    data: { from, workflowId: run.workflowId, versionId: run.workflowVersionId, ...auditData },
  };
  writer.audit(audit);
}

/** Step transitions. A step may stay RUNNING → RUNNING when a crashed attempt is resumed. */
export function transitionStep(state: TRunState, writer: RunWriter, row: TStepRow, to: StepStatus, write: Omit<TStepWrite, "status" | "attempt"> & { attempt?: number }) {
  if (row.status !== to && !STEP_NEXT[row.status].includes(to)) {
    throw new TransitionError(`Step ${row.nodeId}@${row.iterationKey}: ${row.status} → ${to} is not allowed`);
  }
  row.status = to;
  if (write.attempt !== undefined) row.attempt = write.attempt;
  if (write.output !== undefined) row.output = write.output;
  if (write.firedHandles !== undefined) row.firedHandles = write.firedHandles;
  if (write.waitKind !== undefined) row.waitKind = write.waitKind;
  if (write.waitUntil !== undefined) row.waitUntil = write.waitUntil;
  if (write.resumePayload !== undefined) row.resumePayload = write.resumePayload;
  writer.step(row, { ...write, status: to, attempt: row.attempt });
  const { run } = state;
  // A start is announced live when it happens (see process-run) but audited only with its end.
  if (to === "RUNNING") return;
  writer.event({
    type: "step", runId: run.id, workflowId: run.workflowId, teamId: run.teamId, nodeId: row.nodeId, iterationKey: row.iterationKey,
    status: to, at: new Date().toISOString(), attempt: row.attempt, latencyMs: write.latencyMs ?? null, costUsd: write.costUsd,
    tokensIn: write.tokensIn, tokensOut: write.tokensOut, error: write.error ?? null,
  });
  writer.audit({
    actor,
    action: `step.${to.toLowerCase()}`,
    resource: { type: "step", id: row.id },
    teamId: run.teamId,
    data: { runId: run.id, nodeId: row.nodeId, iterationKey: row.iterationKey, attempt: row.attempt, ...(write.error ? { error: write.error } : {}), ...(write.waitKind ? { waitKind: write.waitKind } : {}) },
  });
}

export function addUsage(state: TRunState, usage: { costUsd: string; tokensIn: number; tokensOut: number }) {
  state.run.costUsd = new Prisma.Decimal(state.run.costUsd).plus(usage.costUsd).toString();
  state.run.tokensIn += usage.tokensIn;
  state.run.tokensOut += usage.tokensOut;
}
