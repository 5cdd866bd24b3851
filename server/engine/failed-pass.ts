// What happens when a pass over a run fails (its progress could not be written, or a bug threw): the run must neither
// stay put silently nor be retried forever, and a side effect the pass performed must not be lost from view.
// - Run.passFailures counts failed passes in a row (a pass that completes resets it, see process-run.ts). The run is
//   retried after a growing delay, which other wake-ups respect (failedPassWaitMs); at MAX_FAILED_PASSES it is
//   FAILED, naming the step whose result could not be saved. A run whose version cannot be read is counted the same way.
// - A side-effecting step (HTTP, MCP) that ran in the failed pass is written as RUNNING with the attempt and the
//   Idempotency-Key it was sent with, so the next pass sends the same attempt again with the same key (never a new
//   one), and each such unrecorded run is an audit event ("step.send_unrecorded") whose count the step shows. A step
//   still in flight when the pass failed was stopped (and waited for, see process-run.ts): it may have been sent.
import type { StepStatus } from "../db/generated/enums";
import { sqlFor } from "../db/sql";
import { enqueueRun } from "../queue/run-queue";
import { toStorableString } from "../shared/storable-json";
import { STEP_UNRECORDED_CODES } from "../runs/run-detail.shared";
import { newStepRow } from "./apply-outcome";
import type { TEngineDeps } from "./engine-deps";
import { closeRunAttempts, failRun } from "./finish-run";
import { stepKey } from "./graph-index";
import { stepIdempotencyKey } from "./idempotency-key";
import { isRunTerminal, loadRunState, type TRunState, type TStepRow } from "./run-state";
import { transitionStep } from "./transitions";
import { RunWriter } from "./writer";

export const MAX_FAILED_PASSES = 5;
/** The retry after the n-th failed pass waits base × 2^(n-1): 1, 2, 4, 8 s by default. */
export const FAILED_PASS_RETRY_BASE_MS = 1000;
const { sendUnrecorded: SEND_UNRECORDED, notRecorded: NOT_RECORDED } = STEP_UNRECORDED_CODES;
const SEND_UNRECORDED_ACTION = "step.send_unrecorded";

/** A failed pass's own state and writer (what it changed but could not write). */
export type TFailedPass = { state: TRunState; writer: RunWriter };

export async function recordFailedPass(deps: TEngineDeps, runId: string, failed: TFailedPass, error: unknown): Promise<void> {
  // Cut, then made storable: a cut through a surrogate pair leaves half of it, which becomes U+FFFD.
  const reason = toStorableString((error instanceof Error ? error.message : String(error)).slice(0, 500));
  const state = await loadRunState(deps.db, runId);
  if (!state || isRunTerminal(state.run.status)) return;
  const failures = state.run.passFailures + 1;
  const isFinal = failures >= MAX_FAILED_PASSES;
  // Fenced like a pass's own writes (run-lock.ts): if another pass wrote the run meanwhile, this record is refused.
  const writer = new RunWriter(state.run.id, state.run.teamId, { seq: state.run.flushSeq });
  // Without a version no step can have run; the pass failed while failing the run (e.g. it could not be written).
  const involved = state.version ? await recordSteps(deps, state, writer, failed, reason, isFinal) : null;
  closeFailedAttempts(failed, writer);
  // The run ends: any attempt still open (one the failed pass's in-flight flush wrote and whose end it never wrote)
  // ends as aborted by the failed pass, before failRun closes what remains as cancelled.
  if (isFinal) closeRunAttempts(writer, runId, "aborted_pass");
  writer.inTransaction((sql) => sql(`UPDATE "Run" SET "passFailures" = $2 WHERE id = $1`, [runId, failures]));
  if (isFinal) {
    const message = `The run was stopped after ${failures} passes in a row failed: its progress could not be saved. Last error: ${reason}`;
    failRun(deps, state, writer, involved, message);
  } else {
    writer.run({ error: `Pass ${failures} of at most ${MAX_FAILED_PASSES} failed and will be retried: ${reason}` });
  }
  await writer.flush(deps.db, deps.redis);
  if (!isFinal) await enqueueRun(runId, "failed-pass", retryDelayMs(deps, failures));
}

/** Writes what the failed pass's steps did; returns the step the run's error names, if any. */
async function recordSteps(deps: TEngineDeps, state: TRunState, writer: RunWriter, failed: TFailedPass, reason: string, isFinal: boolean) {
  const version = state.version!;
  const ran = ranInPass(failed);
  const counts = await unrecordedSendCounts(deps, state, ran);
  // The step the run's error names: a side effect that ran unrecorded, else the last step that ran.
  const involved = (ran.find((r) => version.nodes.get(r.row.nodeId)!.definition.isSideEffecting) ?? ran.at(-1))?.row.nodeId ?? null;
  for (const { row: old, isInFlight } of ran) {
    const row = state.steps.get(stepKey(old.nodeId, old.iterationKey)) ?? newStepRow(state, { nodeId: old.nodeId, key: old.iterationKey });
    if (row.status !== "PENDING" && row.status !== "RUNNING") continue;
    const key = stepIdempotencyKey(state.run.id, row.nodeId, row.iterationKey, old.attempt);
    const running = { attempt: old.attempt, idempotencyKey: key, startedAt: row.startedAt ?? old.startedAt ?? new Date() };
    if (version.nodes.get(row.nodeId)!.definition.isSideEffecting) {
      const sends = (counts.get(row.id) ?? 0) + 1;
      const what = isInFlight ? "Was stopped in flight (it may have been sent)" : "Ran";
      const message = `${what} with Idempotency-Key ${key}${sends === 1 ? "" : `, ${sends} times in all`}; its outcome could not be recorded: ${reason}`;
      transitionStep(state, writer, row, "RUNNING", { ...running, error: message, errorCode: SEND_UNRECORDED });
      writer.audit({
        actor: { type: "worker", label: "engine" },
        action: SEND_UNRECORDED_ACTION,
        resource: { type: "step", id: row.id },
        teamId: state.run.teamId,
        data: { runId: state.run.id, nodeId: row.nodeId, iterationKey: row.iterationKey, attempt: old.attempt, idempotencyKey: key, sends, isInFlight, error: reason },
      });
      if (isFinal) transitionStep(state, writer, row, "FAILED", { error: `${message} The run was stopped.`, errorCode: SEND_UNRECORDED, finishedAt: new Date() });
    } else if (isFinal) {
      if (row.status === "PENDING") transitionStep(state, writer, row, "RUNNING", running);
      transitionStep(state, writer, row, "FAILED", { error: `Its result could not be saved: ${reason}`, errorCode: NOT_RECORDED, finishedAt: new Date() });
    }
  }
  return involved;
}

function retryDelayMs(deps: Pick<TEngineDeps, "failedPassRetryMs">, failures: number): number {
  return (deps.failedPassRetryMs ?? FAILED_PASS_RETRY_BASE_MS) * 2 ** (failures - 1);
}

/**
 * How long a run whose last pass failed must still wait before the next pass (0: it may run now). The retry is
 * scheduled at that time; any other wake-up before it (a busy re-queue, the reconciler, a child finishing) is put off,
 * so the backoff holds. Read from the loaded run (Run.updatedAt is the failed pass's record), no extra query.
 */
export function failedPassWaitMs(deps: Pick<TEngineDeps, "failedPassRetryMs">, state: TRunState): number {
  const { passFailures, updatedAt, cancelRequestedAt } = state.run;
  if (passFailures === 0 || cancelRequestedAt || !updatedAt) return 0;
  // A little slack for timers that fire early and clocks that differ by a few milliseconds.
  const wait = updatedAt.getTime() + retryDelayMs(deps, passFailures) - Date.now();
  return wait > 50 ? wait : 0;
}

/** After a pass that completed: the count of failed passes starts again (a run's error stays only if it failed). */
export function resetFailedPasses(state: TRunState, writer: RunWriter): void {
  if (state.run.passFailures === 0) return;
  state.run.passFailures = 0;
  writer.inTransaction((sql) =>
    sql(`UPDATE "Run" SET "passFailures" = 0, error = CASE WHEN status = 'FAILED' THEN error ELSE NULL END WHERE id = $1`, [state.run.id]),
  );
}

/**
 * Steps that executed in the failed pass (not only planned or skipped) and whose outcome was not written; `isInFlight`:
 * still running when the pass failed (stopped then), so a side effect may or may not have gone out.
 */
function ranInPass(failed: TFailedPass): { row: TStepRow; isInFlight: boolean }[] {
  const byId = new Map([...failed.state.steps.values()].map((row) => [row.id, row]));
  const skippedOnly: StepStatus[] = ["PENDING", "SKIPPED"];
  const ran = failed.writer
    .unflushedSteps()
    .filter((s) => !skippedOnly.includes(s.status) && s.status !== "CANCELLED")
    .flatMap((s) => {
      const row = byId.get(s.id);
      return row && row.attempt > 0 ? [{ row, isInFlight: s.status === "RUNNING" }] : [];
    });
  // A call still in flight whose start an earlier flush of the pass already wrote (in-flight-flush.ts) is no unflushed
  // change, yet it was stopped in flight all the same: its open attempt says so.
  const listed = new Set(ran.map(({ row }) => row.id));
  for (const row of failed.state.steps.values()) if (row.openAttempt && !listed.has(row.id)) ran.push({ row, isInFlight: true });
  return ran;
}

/** The attempts the failed pass left open (if an earlier flush of it wrote them) end as aborted by the failed pass. */
function closeFailedAttempts(failed: TFailedPass, writer: RunWriter): void {
  const endedAt = new Date();
  for (const row of failed.state.steps.values()) {
    if (row.openAttempt) writer.closeOpenAttempts({ stepRunId: row.id, endedAt, reason: "aborted_pass" });
  }
}

/** How many earlier runs of each persisted step went unrecorded (the audit trail is the record). */
async function unrecordedSendCounts(deps: TEngineDeps, state: TRunState, ran: { row: TStepRow }[]): Promise<Map<string, number>> {
  const ids = ran.flatMap(({ row: old }) => {
    const row = state.steps.get(stepKey(old.nodeId, old.iterationKey));
    return row?.isPersisted && row.errorCode === SEND_UNRECORDED ? [row.id] : [];
  });
  return countUnrecordedSends(deps, ids);
}

export async function countUnrecordedSends(deps: Pick<TEngineDeps, "db">, stepIds: string[]): Promise<Map<string, number>> {
  if (stepIds.length === 0) return new Map();
  const rows = await sqlFor(deps.db)<{ id: string; n: number }>(
    `SELECT "resourceId" AS id, count(*)::int AS n FROM "AuditEvent" WHERE action = $1 AND "resourceId" = ANY($2::text[]) GROUP BY 1`,
    [SEND_UNRECORDED_ACTION, stepIds],
  );
  return new Map(rows.map((r) => [r.id, r.n]));
}
