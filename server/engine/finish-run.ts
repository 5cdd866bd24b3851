// How a pass ends a run: succeeded (with its result), failed (naming the node), cancelled, or parked (WAITING, with
// its timers scheduled). Finishing also wakes a parent run waiting on this one and releases the concurrency slot.
import { enqueueRun, scheduleRunTimer } from "../queue/run-queue";
import type { TEngineDeps } from "./engine-deps";
import { isTerminal } from "./plan";
import type { TRunState } from "./run-state";
import { transitionRun, transitionStep } from "./transitions";
import type { RunWriter } from "./writer";
import { releaseRunSlot } from "./concurrency";
import { emitRunFinished } from "./event-triggers";
import type { TAttemptReason } from "../runs/run-detail.shared";

function durationMs(state: TRunState, end: Date): number | undefined {
  return state.run.startedAt ? end.getTime() - state.run.startedAt.getTime() : undefined;
}

function totals(state: TRunState) {
  return { costUsd: state.run.costUsd, tokensIn: state.run.tokensIn, tokensOut: state.run.tokensOut };
}

/** The run's result: the value of its Output node, or of each by node id when several ran. */
export function runResult(state: TRunState): unknown {
  const outputs = [...state.steps.values()].filter((s) => s.nodeType === "control.output" && s.iterationKey === "" && s.status === "SUCCEEDED");
  if (outputs.length === 0) return null;
  if (outputs.length === 1) return outputs[0]!.output;
  return Object.fromEntries(outputs.map((s) => [s.nodeId, s.output]));
}

export function succeedRun(deps: TEngineDeps, state: TRunState, writer: RunWriter): void {
  const end = new Date();
  const output = runResult(state);
  transitionRun(state, writer, "SUCCEEDED", { output, finishedAt: end, durationMs: durationMs(state, end), ...totals(state) });
  afterEnd(deps, state, writer, { status: "SUCCEEDED", output, error: null });
}

/** `error` is the run's error as shown, naming the node that failed it (`nodeId`) when there is one. */
export function failRun(deps: TEngineDeps, state: TRunState, writer: RunWriter, nodeId: string | null, error: string): void {
  const end = new Date();
  closeOpenSteps(state, writer, { code: "RUN_FAILED", message: "The run failed before this step finished." });
  transitionRun(state, writer, "FAILED", { error, errorNodeId: nodeId, finishedAt: end, durationMs: durationMs(state, end), ...totals(state) }, { nodeId });
  afterEnd(deps, state, writer, { status: "FAILED", output: null, error });
}

export function cancelRun(deps: TEngineDeps, state: TRunState, writer: RunWriter): void {
  const end = new Date();
  closeOpenSteps(state, writer, { code: "CANCELLED", message: "The run was cancelled." });
  transitionRun(state, writer, "CANCELLED", { finishedAt: end, durationMs: durationMs(state, end), ...totals(state) });
  afterEnd(deps, state, writer, { status: "CANCELLED", output: null, error: "cancelled" });
  // Cascade to sub-workflow runs still going.
  writer.inTransaction((sql) =>
    sql(`UPDATE "Run" SET "cancelRequestedAt" = $2::timestamptz AT TIME ZONE 'UTC' WHERE "parentRunId" = $1 AND status IN ('QUEUED', 'RUNNING', 'WAITING')`, [
      state.run.id,
      end.toISOString(),
    ]),
  );
  writer.after(async () => {
    const children = await deps.db.run.findMany({ where: { parentRunId: state.run.id, status: { in: ["QUEUED", "RUNNING", "WAITING"] } }, select: { id: true } });
    for (const child of children) await enqueueRun(child.id, "cancel");
  });
}

/** Parks the run: no step can proceed until a decision, a timer or a child run wakes it. */
export function parkRun(deps: TEngineDeps, state: TRunState, writer: RunWriter): void {
  if (state.run.status !== "WAITING") transitionRun(state, writer, "WAITING", totals(state));
  else writer.run(totals(state));
  const timers = [...state.steps.values()].filter((s) => (s.status === "WAITING" || s.status === "PENDING") && s.waitUntil);
  writer.after(async () => {
    await releaseRunSlot(deps.redis, state.run.workflowId, state.run.id);
    for (const s of timers) await scheduleRunTimer(state.run.id, s.id, s.waitUntil!);
  });
}

/**
 * Steps still open when the run ends are CANCELLED with the reason's own code: an earlier attempt's failure (e.g. the
 * HTTP_5XX a retry was pending after) is not why this step ended. Attempts still open in Postgres (one a dead worker's
 * flush wrote, which no pass took up before the cancel) end as cancelled; this pass's own attempts are all closed by
 * now (the run ends only when nothing is in flight), and the update runs after the flush has written them.
 */
function closeOpenSteps(state: TRunState, writer: RunWriter, reason: { code: "CANCELLED" | "RUN_FAILED"; message: string }): void {
  for (const row of state.steps.values()) {
    if (isTerminal(row.status)) continue;
    transitionStep(state, writer, row, "CANCELLED", { error: reason.message, errorCode: reason.code, finishedAt: new Date() });
  }
  writer.inTransaction((sql) =>
    sql(`UPDATE "Approval" SET status = 'CANCELLED', "updatedAt" = now() AT TIME ZONE 'UTC' WHERE "runId" = $1 AND status = 'PENDING'`, [state.run.id]),
  );
  closeRunAttempts(writer, state.run.id, "cancelled");
}

/** Ends every attempt of the run still open in Postgres (in the flush's transaction, after its own writes). */
export function closeRunAttempts(writer: RunWriter, runId: string, reason: TAttemptReason): void {
  writer.inTransaction((sql) =>
    sql(`UPDATE "StepAttempt" SET "endedAt" = now() AT TIME ZONE 'UTC', reason = $2 WHERE "runId" = $1 AND "endedAt" IS NULL`, [runId, reason]),
  );
}

function afterEnd(deps: TEngineDeps, state: TRunState, writer: RunWriter, outcome: { status: string; output: unknown; error: string | null }): void {
  const { run } = state;
  if (run.parentStepRunId && run.parentRunId) {
    const parentStepId = run.parentStepRunId;
    writer.inTransaction((sql) =>
      sql(
        `UPDATE "StepRun" SET "resumePayload" = $2::jsonb, "updatedAt" = now() AT TIME ZONE 'UTC' WHERE id = $1 AND status = 'WAITING' AND "waitKind" = 'subworkflow'`,
        [parentStepId, JSON.stringify({ ...outcome, childRunId: run.id, output: outcome.output ?? null })],
      ),
    );
    const parentRunId = run.parentRunId;
    writer.after(() => enqueueRun(parentRunId, "child-finished"));
  }
  writer.after(() => releaseRunSlot(deps.redis, run.workflowId, run.id));
  writer.after(async () => {
    await emitRunFinished(deps, run, outcome).catch((err: unknown) => deps.log.error({ err, runId: run.id }, "event triggers failed"));
  });
}
