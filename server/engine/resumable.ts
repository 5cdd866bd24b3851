// Steps a pass takes up before planning: crashed attempts, due retries, elapsed delays, decided or expired
// approvals, finished sub-workflows.
import type { TEngineDeps } from "./engine-deps";
import type { TRunState, TStepRow } from "./run-state";
import type { RunWriter } from "./writer";

export function collectResumable(deps: TEngineDeps, state: TRunState, writer: RunWriter): TStepRow[] {
  const now = Date.now();
  const rows: TStepRow[] = [];
  for (const row of state.steps.values()) {
    const isDue = row.waitUntil !== null && row.waitUntil.getTime() <= now;
    switch (row.status) {
      case "RUNNING":
        rows.push(row); // its worker died mid-step: run the same attempt again
        break;
      case "PENDING":
        if (row.waitKind !== "retry" || isDue) rows.push(row);
        break;
      case "WAITING":
        if (row.waitKind === "delay" && isDue) rows.push(row);
        else if ((row.waitKind === "approval" || row.waitKind === "subworkflow") && row.resumePayload !== null) rows.push(row);
        else if (row.waitKind === "approval" && isDue) {
          row.resumePayload = { decision: "expired", comment: null, decidedBy: null };
          writer.inTransaction((tx) =>
            tx.approval.updateMany({ where: { stepRunId: row.id, status: "PENDING" }, data: { status: "EXPIRED", decidedAt: new Date() } }),
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
  return rows;
}
