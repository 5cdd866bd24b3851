import type { TEngineDeps } from "./engine-deps";
import type { TRunState } from "./run-state";
import type { RunWriter } from "./writer";
import { enqueueRun } from "../queue/run-queue";
import { transitionRun } from "./transitions";
import { acquireRunSlot } from "./concurrency";
import { sqlFor } from "../db/sql";

/**
 * A queued run starts unless its workflow is paused (it stays queued until the workflow resumes) or the workflow
 * already has as many runs executing as its concurrency limit allows (it is retried shortly).
 */
export async function admitRun(deps: TEngineDeps, state: TRunState, writer: RunWriter): Promise<boolean> {
  const { run } = state;
  // Read with the run at the start of this pass (or here): a pause must hold the very next run, on every worker.
  const wf = state.workflow ?? (await readWorkflow(deps, run.workflowId));
  if (wf.status === "paused") return false;
  if (!(await acquireRunSlot(deps.redis, run.workflowId, run.id, wf.concurrencyLimit))) {
    await enqueueRun(run.id, "concurrency", 500 + Math.floor(Math.random() * 500));
    return false;
  }
  const now = new Date();
  run.startedAt = now;
  transitionRun(state, writer, "RUNNING", { startedAt: now }, { queuedMs: now.getTime() - run.queuedAt.getTime() });
  return true;
}

async function readWorkflow(deps: TEngineDeps, workflowId: string): Promise<{ status: string; concurrencyLimit: number }> {
  const [row] = await sqlFor(deps.db)<{ status: string; concurrencyLimit: number }>(
    `SELECT status, "concurrencyLimit" FROM "Workflow" WHERE id = $1`,
    [workflowId],
  );
  return { status: row?.status ?? "archived", concurrencyLimit: row?.concurrencyLimit ?? 0 };
}
