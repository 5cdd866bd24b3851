// One run for its detail page: header, steps in the engine's order (StepRun.seq) with loop iterations nested, each
// with its attempts and the Parallel branch it lies on, its approvals, and the emergency stop while it holds the run.
import { approverView } from "../governance/restore-for-approver";
import { runMaskingFor } from "./run-masking";
import { runIdOfIdempotencyKey } from "../engine/idempotency-key";
import type { TDb } from "../db/client";
import type { StepStatus, ApprovalStatus } from "../db/generated/enums";
import { AppError } from "../errors";
import { can, type TAction, type TPrincipal, type TRole } from "../auth/permissions";
import { indexGraph, parentKey, stepKey } from "../engine/graph-index";
import { deriveStepInput } from "./derive-step-input";
import { branchesOf } from "./parallel-branches";
import { readEmergencyStop } from "../settings/engine-status";
import { ZWorkflowGraph } from "../workflows/graph.shared";
import { optionalId } from "../shared/query-params";
import type { TSameUnion } from "../shared/type-equal";
import {
  isTerminalRunStatus,
  type TApprovalStatus,
  type TAttemptKind,
  type TAttemptReason,
  type TRunApproval,
  type TStepAttempt,
  type TRunDetail,
  type TRunStep,
  type TStepStatus,
} from "./run-detail.shared";

const _stepStatusesMatch: TSameUnion<TStepStatus, StepStatus> = true;
const _approvalStatusesMatch: TSameUnion<TApprovalStatus, ApprovalStatus> = true;

/** Steps sent to the page at most: a loop over thousands of items would otherwise make one huge response. */
export const MAX_RUN_STEPS = 2000;
/** Attempts sent to the page at most (the oldest first), for the same reason. */
export const MAX_RUN_ATTEMPTS = 10_000;

export const NOT_FOUND_MESSAGE = "This run does not exist, or it belongs to a team you cannot see.";
const ZRunId = optionalId();

/** Ids come from URLs: anything that cannot be an id (a NUL byte would make Postgres fail) is simply not found. */
/** The run id as a lookup key; an id that cannot exist is a 404 right away. */
export function checkedRunId(runId: string): string {
  const id = ZRunId.parse(runId);
  if (!id) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  return id;
}

/**
 * The run when the person may read it (or do `orAction` in its team: an API key may hold `runs:write` without
 * `workflows:read`); a 404 otherwise, so that a run in someone else's team is indistinguishable from one that does not
 * exist.
 */
export function readableOrNotFound<TRun extends { teamId: string }>(principal: TPrincipal, run: TRun | null, orAction?: TAction): TRun {
  const isVisible =
    run !== null && (can(principal, "run:read", { teamId: run.teamId }) || (orAction !== undefined && can(principal, orAction, { teamId: run.teamId })));
  if (!run || !isVisible) throw new AppError("NOT_FOUND", NOT_FOUND_MESSAGE);
  return run;
}

/** The run's id, team and status when the person may read it or do `orAction` in its team (see readableOrNotFound). */
export async function findReadableRun(db: TDb, principal: TPrincipal, runId: string, orAction?: TAction) {
  const run = await db.run.findUnique({
    where: { id: checkedRunId(runId) },
    select: { id: true, teamId: true, status: true },
  });
  return readableOrNotFound(principal, run, orAction);
}

export async function getRun(db: TDb, principal: TPrincipal, runId: string): Promise<TRunDetail> {
  const found = await db.run.findUnique({
    where: { id: checkedRunId(runId) },
    include: {
      workflow: { select: { name: true, status: true } },
      workflowVersion: { select: { number: true, graph: true, isTestSnapshot: true } },
      team: { select: { name: true } },
    },
  });
  const run = readableOrNotFound(principal, found);

  const [stepRows, approvalRows, attemptRows, stop, piiMasking] = await Promise.all([
    // The engine's order (seq); steps written before it was recorded (seq 0) first, ordered below (inEngineOrder).
    db.stepRun.findMany({
      where: { runId },
      orderBy: [{ seq: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      take: MAX_RUN_STEPS + 1,
    }),
    db.approval.findMany({
      where: { runId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { stepRun: { select: { nodeId: true } } },
    }),
    db.stepAttempt.findMany({ where: { runId }, orderBy: { seq: "asc" }, take: MAX_RUN_ATTEMPTS }),
    isTerminalRunStatus(run.status) ? null : readEmergencyStop(db),
    runMaskingFor(db, principal, run),
  ]);
  const attemptsByStep = new Map<string, TStepAttempt[]>();
  for (const a of attemptRows) {
    const list = attemptsByStep.get(a.stepRunId) ?? [];
    list.push({
      kind: a.kind as TAttemptKind,
      attempt: a.attempt,
      startedAt: a.startedAt.toISOString(),
      endedAt: a.endedAt?.toISOString() ?? null,
      reason: a.reason as TAttemptReason | null,
      errorCode: a.errorCode,
      error: a.error,
      idempotencyKey: a.idempotencyKey,
      retryAt: a.retryAt?.toISOString() ?? null,
    });
    attemptsByStep.set(a.stepRunId, list);
  }
  const isStepListTruncated = stepRows.length > MAX_RUN_STEPS;
  const kept = isStepListTruncated ? stepRows.slice(0, MAX_RUN_STEPS) : stepRows;
  const stepCount = isStepListTruncated ? await db.stepRun.count({ where: { runId } }) : kept.length;

  const parsed = ZWorkflowGraph.safeParse(run.workflowVersion.graph);
  const index = parsed.success ? indexGraph(parsed.data) : null;
  const rowsByKey = new Map(kept.map((s) => [stepKey(s.nodeId, s.iterationKey), s]));
  const branches = index ? branchesOf(index) : new Map();
  const steps = kept.map((s): TRunStep => {
    const reusedFromRunId = reusedFrom(run.id, s.status, s.idempotencyKey);
    const attempts = attemptsByStep.get(s.id) ?? firstAnswer(s, reusedFromRunId);
    return {
      id: s.id,
      nodeId: s.nodeId,
      nodeLabel: index?.nodes.get(s.nodeId)?.label ?? null,
      nodeType: s.nodeType,
      iterationKey: s.iterationKey,
      status: s.status,
      attempt: s.attempt,
      input: s.input ?? (index ? deriveStepInput(index, rowsByKey, s, run.input) : null),
      output: s.output,
      error: s.error,
      errorCode: s.errorCode,
      model: s.model,
      provider: s.provider,
      tokensIn: s.tokensIn,
      tokensOut: s.tokensOut,
      costUsd: s.costUsd.toFixed(),
      latencyMs: s.latencyMs,
      waitKind: s.waitKind,
      policyDecisions: s.policyDecisions,
      sentRequest: s.sentRequest,
      reusedFromRunId,
      startedAt: s.startedAt?.toISOString() ?? null,
      finishedAt: s.finishedAt?.toISOString() ?? null,
      iterations: [],
      seq: s.seq,
      attempts,
      isInterruptedByStop: s.status === "RUNNING" && attempts.at(-1)?.reason === "aborted_stop",
      branch: branches.get(s.nodeId) ?? null,
    };
  });

  // Test snapshots are numbered minus the draft revision they copy (see server/workflows/start-test-run.ts).
  const isTestRun = run.workflowVersion.isTestSnapshot;
  const isTeamAdmin = principal.memberships.some((m) => m.teamId === run.teamId && m.role === "admin");
  const mayDecide = can(principal, "approval:decide", { teamId: run.teamId });
  const deciderIds = [...new Set(approvalRows.flatMap((a) => (a.decidedById ? [a.decidedById] : [])))];
  const deciders = deciderIds.length
    ? await db.user.findMany({ where: { id: { in: deciderIds } }, select: { id: true, name: true } })
    : [];
  const deciderNames = new Map(deciders.map((u) => [u.id, u.name]));
  // Redacted values are put back in approvals' details for those who decide them, where the policies allow it.
  const details = await approverView(db, run, mayDecide, approvalRows.map((a) => a.details));
  const approvals = approvalRows.map((a, i): TRunApproval => ({
    id: a.id,
    stepRunId: a.stepRunId,
    nodeId: a.stepRun.nodeId,
    title: a.title,
    details: details[i] ?? a.details,
    status: a.status,
    assigneeRole: a.assigneeRole as TRole,
    comment: a.comment,
    decidedByName: a.decidedById ? (deciderNames.get(a.decidedById) ?? "A former user") : null,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    dueAt: a.dueAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    canDecide: a.status === "PENDING" && mayDecide && (a.assigneeRole !== "admin" || isTeamAdmin),
  }));

  return {
    id: run.id,
    workflowId: run.workflowId,
    workflowName: run.workflow.name,
    versionNumber: isTestRun ? 0 : run.workflowVersion.number,
    isTestRun,
    draftRevision: isTestRun ? -run.workflowVersion.number : null,
    teamId: run.teamId,
    teamName: run.team.name,
    status: run.status,
    triggerType: run.triggerType,
    input: run.input,
    output: run.output,
    error: run.error,
    errorNodeId: run.errorNodeId,
    costUsd: run.costUsd.toFixed(),
    tokensIn: run.tokensIn,
    tokensOut: run.tokensOut,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs: run.durationMs,
    cancelRequestedAt: run.cancelRequestedAt?.toISOString() ?? null,
    parentRunId: run.parentRunId,
    isGenerated: run.isGenerated,
    steps: nestIterations(inEngineOrder(steps), index?.loopOf ?? new Map()),
    stepCount,
    isStepListTruncated,
    approvals,
    engineStop: stop?.isStopped
      ? { isStopped: true, reason: stop.reason, changedBy: stop.changedBy, changedAt: stop.changedAt }
      : null,
    canCancel: !isTerminalRunStatus(run.status) && can(principal, "run:cancel", { teamId: run.teamId }),
    canRerun:
      (run.status === "FAILED" || run.status === "CANCELLED") &&
      run.workflow.status !== "paused" &&
      run.workflow.status !== "archived" &&
      can(principal, "workflow:run", { teamId: run.teamId }),
    piiMasking,
  };
}

/**
 * The engine writes no attempt row for a step whose first call answered before anything of it was written
 * (server/engine/attempts.ts): its own row holds that attempt. Not for a step a re-run reused (it ran elsewhere).
 */
function firstAnswer(
  s: { status: StepStatus; attempt: number; startedAt: Date | null; finishedAt: Date | null; idempotencyKey: string | null },
  reusedFromRunId: string | null,
): TStepAttempt[] {
  if (s.status !== "SUCCEEDED" || s.attempt !== 1 || !s.startedAt || reusedFromRunId) return [];
  return [
    {
      kind: "call",
      attempt: 1,
      startedAt: s.startedAt.toISOString(),
      endedAt: s.finishedAt?.toISOString() ?? null,
      reason: "answered",
      errorCode: null,
      error: null,
      idempotencyKey: s.idempotencyKey,
      retryAt: null,
    },
  ];
}

/**
 * A step a re-run reused instead of executing (server/engine/rerun-from-node.ts) keeps the idempotency key it ran
 * with, which starts with the id of the run that executed it.
 */
function reusedFrom(runId: string, status: StepStatus, idempotencyKey: string | null): string | null {
  if (status !== "SUCCEEDED" || !idempotencyKey) return null;
  const origin = runIdOfIdempotencyKey(idempotencyKey);
  return origin && origin !== runId ? origin : null;
}

/**
 * The engine's order (seq, as queried). Steps written before the engine recorded it (seq 0, ahead of the others) keep
 * the order the page used for them: by when they started, creation order breaking ties and placing the steps that
 * never started.
 */
function inEngineOrder(steps: TRunStep[]): TRunStep[] {
  const unnumbered = steps.filter((s) => s.seq === 0);
  if (unnumbered.length === 0) return steps;
  const at = (s: TRunStep) => s.startedAt ?? s.finishedAt ?? "";
  const legacy = unnumbered
    .map((s, i) => ({ s, i }))
    .sort((a, b) => {
      const [x, y] = [at(a.s), at(b.s)];
      if (x && y && x !== y) return x < y ? -1 : 1;
      return a.i - b.i;
    })
    .map(({ s }) => s);
  return [...legacy, ...steps.filter((s) => s.seq !== 0)];
}

/**
 * Moves each step inside a loop under its Loop step's iteration: a step with key "3.1" of a node whose innermost loop
 * is L belongs to iteration 1 of L's step with key "3". A step whose Loop step is missing stays at the top level.
 */
function nestIterations(sorted: TRunStep[], loopOf: Map<string, string>): TRunStep[] {
  const byKey = new Map(sorted.map((s) => [stepKey(s.nodeId, s.iterationKey), s]));
  const top: TRunStep[] = [];
  for (const step of sorted) {
    const loopId = step.iterationKey === "" ? undefined : loopOf.get(step.nodeId);
    const parent = loopId ? byKey.get(stepKey(loopId, parentKey(step.iterationKey))) : undefined;
    if (!parent) {
      top.push(step);
      continue;
    }
    const index = Number(step.iterationKey.slice(step.iterationKey.lastIndexOf(".") + 1));
    let iteration = parent.iterations.find((it) => it.index === index);
    if (!iteration) {
      iteration = { index, iterationKey: step.iterationKey, steps: [] };
      parent.iterations.push(iteration);
    }
    iteration.steps.push(step);
  }
  for (const step of sorted) step.iterations.sort((a, b) => a.index - b.index);
  return top;
}
