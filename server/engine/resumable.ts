// Steps a pass takes up before planning: crashed attempts, due retries, elapsed delays, decided or expired
// approvals, finished sub-workflows.
import type { TEngineDeps } from "./engine-deps";
import type { TRunState, TStepRow } from "./run-state";
import type { RunWriter } from "./writer";
import { countUnrecordedSends } from "./failed-pass";
import { CIRCUIT_WAIT_KIND, STEP_UNRECORDED_CODES } from "../runs/run-detail.shared";
import { closeAbandonedAttempt } from "./attempts";

export async function collectResumable(deps: TEngineDeps, state: TRunState, writer: RunWriter): Promise<TStepRow[]> {
  await adoptFinishedChildren(deps, state);
  const now = Date.now();
  const rows: TStepRow[] = [];
  for (const row of state.steps.values()) {
    const isDue = row.waitUntil !== null && row.waitUntil.getTime() <= now;
    switch (row.status) {
      case "RUNNING":
        closeAbandonedAttempt(writer, row);
        rows.push(row); // its worker died mid-step: run the same attempt again
        break;
      case "PENDING":
        if ((row.waitKind !== "retry" && row.waitKind !== CIRCUIT_WAIT_KIND) || isDue) rows.push(row);
        break;
      case "WAITING":
        if (row.waitKind === "delay" && isDue) rows.push(row);
        else if ((row.waitKind === "approval" || row.waitKind === "subworkflow") && row.resumePayload !== null) rows.push(row);
        else if (row.waitKind === "approval" && isDue) {
          row.resumePayload = { decision: "expired", comment: null, decidedBy: null };
          writer.inTransaction((sql) =>
            sql(
              `UPDATE "Approval" SET status = 'EXPIRED', "decidedAt" = now() AT TIME ZONE 'UTC', "updatedAt" = now() AT TIME ZONE 'UTC' WHERE "stepRunId" = $1 AND status = 'PENDING'`,
              [row.id],
            ),
          );
          writer.audit({
            actor: { type: "worker", label: "engine" },
            action: "approval.expired",
            resource: { type: "step", id: row.id },
            teamId: state.run.teamId,
            data: { runId: state.run.id, nodeId: row.nodeId },
          });
          rows.push(row);
        }
        break;
      default:
        break;
    }
  }
  if (rows.length > 0) deps.log.debug({ runId: state.run.id, steps: rows.map((r) => r.nodeId) }, "resuming steps");
  await readUnrecordedSends(deps, rows);
  return rows;
}

/**
 * A child run can end before its parent's pass has written the step as WAITING (the child's update then finds no
 * waiting step): read finished children directly so no parent waits forever.
 */
async function adoptFinishedChildren(deps: TEngineDeps, state: TRunState): Promise<void> {
  const waiting = [...state.steps.values()].filter((s) => s.status === "WAITING" && s.waitKind === "subworkflow" && s.resumePayload === null);
  if (waiting.length === 0) return;
  const children = await deps.db.run.findMany({
    where: { parentStepRunId: { in: waiting.map((s) => s.id) }, status: { in: ["SUCCEEDED", "FAILED", "CANCELLED"] } },
    select: { id: true, parentStepRunId: true, status: true, output: true, error: true },
  });
  for (const child of children) {
    const step = waiting.find((s) => s.id === child.parentStepRunId);
    if (step) step.resumePayload = { status: child.status, output: child.output, error: child.error, childRunId: child.id };
  }
}

/** A side effect that earlier passes ran without recording: how many times, so the step can say so when it ends. */
async function readUnrecordedSends(deps: TEngineDeps, rows: TStepRow[]): Promise<void> {
  const unrecorded = rows.filter((r) => r.status === "RUNNING" && r.errorCode === STEP_UNRECORDED_CODES.sendUnrecorded);
  if (unrecorded.length === 0) return;
  const counts = await countUnrecordedSends(deps, unrecorded.map((r) => r.id));
  for (const row of unrecorded) row.unrecordedSends = counts.get(row.id) ?? 0;
}
