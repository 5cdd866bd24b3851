// Isomorphic: the run detail page's data (returned by getRun and GET /api/runs/[runId], rendered by client components).
import type { TRole } from "../auth/permissions";
import type { TRunStatus, TTriggerType } from "./run-list.shared";

export const STEP_STATUSES = ["PENDING", "RUNNING", "SUCCEEDED", "FAILED", "SKIPPED", "WAITING", "CANCELLED"] as const;
export type TStepStatus = (typeof STEP_STATUSES)[number];

export const APPROVAL_STATUSES = ["PENDING", "APPROVED", "REJECTED", "EXPIRED", "CANCELLED"] as const;
export type TApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const TERMINAL_RUN_STATUSES: readonly TRunStatus[] = ["SUCCEEDED", "FAILED", "CANCELLED"];

export function isTerminalRunStatus(status: TRunStatus): boolean {
  return TERMINAL_RUN_STATUSES.includes(status);
}

/**
 * Codes a SUCCEEDED step may carry with a message: warnings, not errors. VALUE_REPLACED: characters PostgreSQL cannot
 * store (NUL, lone surrogates) were replaced with U+FFFD in its output. SENT_AGAIN: a side effect ran more than once
 * with the same Idempotency-Key because an earlier pass could not record its outcome.
 */
export const STEP_WARNING_CODES = { valueReplaced: "VALUE_REPLACED", sentAgain: "SENT_AGAIN" } as const;

/**
 * Codes of a step whose outcome a failed pass could not record (server/engine/failed-pass.ts). SEND_UNRECORDED: a side
 * effect ran, or may have been sent, without its outcome being saved; the next pass sends it again with the same
 * Idempotency-Key. NOT_RECORDED: the run was stopped and this step's result could not be saved.
 */
export const STEP_UNRECORDED_CODES = { sendUnrecorded: "SEND_UNRECORDED", notRecorded: "NOT_RECORDED" } as const;

export function isStepWarning(step: Pick<TRunStep, "errorCode">): boolean {
  return step.errorCode === STEP_WARNING_CODES.valueReplaced || step.errorCode === STEP_WARNING_CODES.sentAgain;
}

/** What a step attempt was: an executor call, or a circuit breaker's refusal (no call made). */
export const ATTEMPT_KINDS = ["call", "circuit"] as const;
export type TAttemptKind = (typeof ATTEMPT_KINDS)[number];

/**
 * Why an attempt ended (server/engine/attempts.ts). answered: the call returned a result; waiting: it asked the run to
 * wait (approval, delay, sub-workflow, loop items); failed / timed_out: it failed or ran past the node's timeout;
 * aborted_stop / aborted_shutdown: an emergency stop or a worker shutting down stopped it, and the same attempt is
 * sent again when the run resumes; aborted_crash: its worker died, noticed by the pass that sent it again;
 * aborted_pass: the pass running it failed before its outcome was saved; cancelled: the run was cancelled or failed;
 * circuit_open: refused by an open circuit breaker, no call made.
 */
export const ATTEMPT_REASONS = [
  "answered",
  "waiting",
  "failed",
  "timed_out",
  "aborted_stop",
  "aborted_shutdown",
  "aborted_crash",
  "aborted_pass",
  "cancelled",
  "circuit_open",
] as const;
export type TAttemptReason = (typeof ATTEMPT_REASONS)[number];

export type TStepAttempt = {
  kind: TAttemptKind;
  attempt: number;
  startedAt: string;
  /** Null while in flight; for aborted_crash, when the pass that took the step up found it. */
  endedAt: string | null;
  reason: TAttemptReason | null;
  errorCode: string | null;
  error: string | null;
  idempotencyKey: string | null;
  /** When the step tried (or tries) again after this entry: the retry's backoff or the circuit's next allowed call. */
  retryAt: string | null;
};

export type TRunStep = {
  id: string;
  nodeId: string;
  /** The node's label in the pinned graph, when it has one. */
  nodeLabel: string | null;
  nodeType: string;
  /** "" outside loops; the item index path inside loops ("3", "3.1"). */
  iterationKey: string;
  status: TStepStatus;
  attempt: number;
  input: unknown;
  output: unknown;
  /** The failure; on a SUCCEEDED step, a warning (see STEP_WARNING_CODES). */
  error: string | null;
  errorCode: string | null;
  model: string | null;
  provider: string | null;
  tokensIn: number;
  tokensOut: number;
  /** Decimal as a string. */
  costUsd: string;
  latencyMs: number | null;
  waitKind: string | null;
  /**
   * What the policies decided before and after each of the step's model and tool calls (server/governance/
   * records.shared.ts), as stored; null when no policy or budget covered a call of it.
   */
  policyDecisions: unknown;
  /** The model request that left Baton after redaction, kept as the policies say (full, SHA-256 only, or nothing). */
  sentRequest: unknown;
  /**
   * Set on a step of a re-run (see rerunFromNode) that did not execute again: its output was reused from this earlier
   * run, so its cost and tokens here are 0.
   */
  reusedFromRunId: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** For a Loop step: the steps of each iteration, by item index. Empty for every other node. */
  iterations: TLoopIteration[];
  /** The engine's order of the run's steps (StepRun.seq); 0 for steps written before it was recorded. */
  seq: number;
  /** Every try of the step, oldest first (empty for steps run before attempts were recorded, and for skipped steps). */
  attempts: TStepAttempt[];
  /** RUNNING, and its last call was stopped by an emergency stop: it is sent again when the engine is resumed. */
  isInterruptedByStop: boolean;
  /**
   * For a step that a Parallel node started (directly or further down one of its branches, up to the Join that
   * closes them): that node's id and the branch (its output port). Null elsewhere.
   */
  branch: { parallelNodeId: string; handle: string } | null;
};

export type TLoopIteration = { index: number; iterationKey: string; steps: TRunStep[] };

export type TRunApproval = {
  id: string;
  stepRunId: string;
  nodeId: string;
  title: string;
  details: unknown;
  status: TApprovalStatus;
  assigneeRole: TRole;
  comment: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  dueAt: string | null;
  createdAt: string;
  /** Whether the person asking may decide it now (pending, approval:decide in the team, admin when required). */
  canDecide: boolean;
};

export type TRunDetail = {
  id: string;
  workflowId: string;
  workflowName: string;
  /** The pinned published version's number; 0 for a test run, which pins a snapshot of the draft instead. */
  versionNumber: number;
  /** A test run from the builder: it ran a snapshot of the draft (revision `draftRevision`), not a published version. */
  isTestRun: boolean;
  draftRevision: number | null;
  teamId: string;
  teamName: string;
  status: TRunStatus;
  triggerType: TTriggerType;
  input: unknown;
  output: unknown;
  error: string | null;
  errorNodeId: string | null;
  /** Decimal as a string. */
  costUsd: string;
  tokensIn: number;
  tokensOut: number;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  cancelRequestedAt: string | null;
  parentRunId: string | null;
  isGenerated: boolean;
  /** Top-level steps in execution order; loop iterations nest under their Loop step. */
  steps: TRunStep[];
  /** Steps in the run (all levels), and whether the list was cut at the display limit. */
  stepCount: number;
  isStepListTruncated: boolean;
  approvals: TRunApproval[];
  /**
   * The engine-wide emergency stop while it is active and this run has not ended (nothing of the run executes until an
   * organisation admin resumes the engine); null otherwise.
   */
  engineStop: { isStopped: true; reason: string | null; changedBy: string | null; changedAt: string | null } | null;
  /** Whether the person asking may cancel the run now (run:cancel in the team and the run has not ended). */
  canCancel: boolean;
  /**
   * Whether the person may re-run it from a node (POST /api/runs/[runId]/rerun): the run failed or was cancelled, they
   * have workflow:run in the team, and the workflow is neither paused nor archived.
   */
  canRerun: boolean;
  /** What the policies covering the run say about masking PII at rest; null when none of them masks. */
  piiMasking: TRunMasking | null;
};

/**
 * Masking at rest (pii.maskAtRest): the run's stored input, step outputs and result keep placeholders such as
 * [EMAIL_1]; the values are shown only through POST /api/runs/[runId]/reveal, audited.
 */
export type TRunMasking = {
  /** The masking policies, "Name vN", broadest scope first. */
  policies: string[];
  /** The roles every masking policy lets reveal. */
  revealRoles: TRole[];
  /** Whether the person asking may reveal the values (a role every masking policy names; organisation admins count as admin). */
  canReveal: boolean;
};

/**
 * What a reveal returns: the run's values with the placeholders of its vault put back. `run` is null when one step
 * was asked for; `steps` are flat (loop iterations' steps included, without their nested `iterations`).
 */
export type TRevealedRun = {
  runId: string;
  run: { input: unknown; output: unknown; error: string | null } | null;
  steps: Pick<TRunStep, "id" | "nodeId" | "iterationKey" | "input" | "output" | "error" | "attempts">[];
  approvals: Pick<TRunApproval, "id" | "title" | "details">[];
};

/** Every step of the run, loop iterations' steps included: top-level steps first, then each loop level's, in order. */
export function allSteps(steps: readonly TRunStep[]): TRunStep[] {
  const out: TRunStep[] = [];
  for (let queue = [...steps]; queue.length > 0; ) {
    const step = queue.shift()!;
    out.push(step);
    for (const iteration of step.iterations) queue.push(...iteration.steps);
  }
  return out;
}

/** "14:03:22": a time of day in UTC, as engine messages and the circuit wait label show it. */
export function clockUtc(at: Date | number | string): string {
  return new Date(at).toISOString().slice(11, 19);
}

/** "800 ms", "45 s", "10 min", "1.5 h". */
export function describeMs(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 6000) / 10} min`;
  return `${Math.round(ms / 360_000) / 10} h`;
}

/**
 * The waitKind of a step PENDING because an open circuit breaker refused its call: it tries again at waitUntil with
 * the same attempt (errorCode stays CIRCUIT_OPEN).
 */
export const CIRCUIT_WAIT_KIND = "circuit";

/**
 * What a step waiting for an open circuit says: "Waiting for host api.example.com to recover until 14:03:22 UTC".
 * `target` is "host <host[:port]>" or "provider <name>" (the CIRCUIT_OPEN error's details.target). The engine stores
 * it as the waiting step's error (its code stays CIRCUIT_OPEN); the wait uses up no attempt.
 */
export function circuitWaitLabel(target: string, until: Date | number | string): string {
  return `Waiting for ${target} to recover until ${clockUtc(until)} UTC`;
}

/** The label of a step waiting for an open circuit breaker, or null for any other step. */
export function stepCircuitWaitLabel(step: Pick<TRunStep, "status" | "waitKind" | "error">): string | null {
  return step.status === "PENDING" && step.waitKind === CIRCUIT_WAIT_KIND && step.error ? step.error : null;
}
