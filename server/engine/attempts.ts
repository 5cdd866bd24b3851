// Every try of a step on the record (StepAttempt): the engine opens an attempt when it starts a step's executor call
// and closes it with the call's outcome, in the writer of the pass, so attempts go to Postgres in the pass's own
// flushes (no round trip of their own). The commonest attempt, a new step's first call that answers before anything
// of it was written, gets no row: the step's own row holds all of it (attempt 1, started, finished, Idempotency-Key)
// and run detail shows it from there (server/runs/get-run.ts), which keeps the engine's hot path as it was. A circuit breaker's refusal is an entry of kind "circuit" (no call was made),
// told apart by its error code, whether or not the refusal used up an attempt number. An attempt an earlier pass left
// open (its worker died) is closed by the pass that takes the step up again.
import { randomUUID } from "node:crypto";
import { toStorableString } from "../shared/storable-text";
import { STEP_UNRECORDED_CODES, type TAttemptKind, type TAttemptReason } from "../runs/run-detail.shared";
import type { TRunState, TStepRow } from "./run-state";
import type { TStepOutcome } from "./step-runner";
import type { RunWriter } from "./writer";

export type TAttemptWrite = {
  id: string;
  stepRunId: string;
  kind: TAttemptKind;
  attempt: number;
  startedAt: Date;
  endedAt: Date | null;
  reason: TAttemptReason | null;
  errorCode: string | null;
  error: string | null;
  /** The Idempotency-Key the call carried; null when no call was made (circuit open). */
  idempotencyKey: string | null;
  /** When the step tries again after this entry (a retry's backoff, or the circuit's next allowed call). */
  retryAt: Date | null;
};

/** An attempt in flight: `isFirstCall` when it is a new step's first call and the step has no attempt row yet. */
export type TOpenAttempt = TAttemptWrite & { isFirstCall: boolean };

/** Closes every attempt of a step that an earlier pass left open: written with this pass's next flush. */
export type TAttemptClose = { stepRunId: string; endedAt: Date; reason: TAttemptReason };

/** The error code a circuit breaker's refusal carries (server/net/circuit-breaker-info.ts). */
export const CIRCUIT_OPEN_CODE = "CIRCUIT_OPEN";

/**
 * Opens the attempt of a step whose executor is about to be called (advance-run.ts, when it starts the step, before
 * the step is marked RUNNING: a step still PENDING, not yet written and without attempt rows makes its first call).
 */
export function openAttempt(writer: RunWriter, row: TStepRow, attempt: number, idempotencyKey: string, startedAt: Date): void {
  const open: TOpenAttempt = {
    isFirstCall: attempt === 1 && row.status === "PENDING" && !row.isPersisted && !row.hasAttemptRows,
    id: `sa_${randomUUID().replaceAll("-", "")}`,
    stepRunId: row.id,
    kind: "call",
    attempt,
    startedAt,
    endedAt: null,
    reason: null,
    errorCode: null,
    error: null,
    idempotencyKey,
    retryAt: null,
  };
  row.openAttempt = open;
  writer.attempt(open);
}

/** Closes the step's open attempt with the outcome of its call (apply-outcome.ts). */
export function closeAttempt(state: TRunState, writer: RunWriter, row: TStepRow, outcome: TStepOutcome): void {
  const open = row.openAttempt;
  if (!open) return;
  row.openAttempt = undefined;
  // A first call that answered and was never written: the step's row says it all.
  if (outcome.kind === "succeeded" && open.isFirstCall && writer.dropAttempt(open.id)) return;
  const endedAt = new Date();
  Object.assign(open, { endedAt, ...endOf(outcome) });
  writer.attempt(open);
  row.hasAttemptRows = true;
  // A stopped call changes no step's status (it stays RUNNING to be resumed), so no transition announces it: pages
  // following the run hear of it from this event, sent after the flush that records it.
  if (open.reason === "aborted_stop" || open.reason === "aborted_shutdown") {
    const { run } = state;
    writer.event({
      type: "step", runId: run.id, workflowId: run.workflowId, teamId: run.teamId, nodeId: row.nodeId, iterationKey: row.iterationKey,
      status: row.status, at: endedAt.toISOString(), attempt: open.attempt,
    });
  }
}

/**
 * A step found RUNNING at the start of a pass was being executed by an earlier pass that never recorded its end: its
 * worker died (or the pass failed and recorded the step as sent, failed-pass.ts). Its open attempt, if one was
 * written, ends now as aborted; the step is then sent again with the same attempt and Idempotency-Key.
 */
export function closeAbandonedAttempt(writer: RunWriter, row: TStepRow): void {
  const reason: TAttemptReason = row.errorCode === STEP_UNRECORDED_CODES.sendUnrecorded ? "aborted_pass" : "aborted_crash";
  writer.closeOpenAttempts({ stepRunId: row.id, endedAt: new Date(), reason });
}

type TEnd = Pick<TAttemptWrite, "kind" | "reason" | "errorCode" | "error" | "retryAt" | "idempotencyKey">;

function endOf(outcome: TStepOutcome): Partial<TEnd> {
  switch (outcome.kind) {
    case "succeeded":
      return { reason: "answered" };
    case "waiting":
      return { reason: "waiting" };
    case "retry":
      return { ...failureOf(outcome.error), retryAt: outcome.at };
    case "failed":
      return failureOf(outcome.error);
    case "interrupted":
      return interruptionOf(outcome.reason);
  }
}

function failureOf(error: { code: string; message: string }): Partial<TEnd> {
  const fields = { errorCode: error.code, error: toStorableString(error.message) };
  // Refused before any call went out: no request, so no Idempotency-Key was sent.
  if (error.code === CIRCUIT_OPEN_CODE) return { ...fields, kind: "circuit", reason: "circuit_open", idempotencyKey: null };
  return { ...fields, reason: error.code === "TIMEOUT" ? "timed_out" : "failed" };
}

/** Who aborted the call (the reasons AbortController.abort is given in controls.ts, advance-run.ts, process-run.ts). */
function interruptionOf(reason: string): Partial<TEnd> {
  switch (reason) {
    case "emergency-stop":
      return { reason: "aborted_stop" };
    case "shutdown":
      return { reason: "aborted_shutdown" };
    case "cancelled":
      return { reason: "cancelled" };
    case "run-failed":
      return { reason: "cancelled", error: "Another step failed the run while this call was in flight." };
    default:
      return { reason: "aborted_pass" };
  }
}
