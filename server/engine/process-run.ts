// One pass over a run: load it, admit it, then execute every step that becomes ready (concurrently, up to the
// per-run cap) until nothing more can happen now; park it (WAITING) or finish it. Holds the run's lock throughout.
import { setMaxListeners } from "node:events";
import { enqueueRun } from "../queue/run-queue";
import type { TEngineDeps } from "./engine-deps";
import { acquireRunLock } from "./run-lock";
import { isRunTerminal, loadRunState, type TRunState } from "./run-state";
import { RunWriter } from "./writer";
import { admitRun } from "./admit-run";
import { advanceRun } from "./advance-run";
import { cancelRun, failRun } from "./finish-run";
import { recordFailedPass, resetFailedPasses } from "./failed-pass";

/** "failed": the pass failed and was recorded (retried later, or the run failed; see failed-pass.ts). */
export type TPassResult = "done" | "busy" | "missing" | "failed";

export async function processRun(deps: TEngineDeps, runId: string): Promise<TPassResult> {
  const lock = await acquireRunLock(deps.redis, runId);
  if (!lock) {
    // Another pass holds the run; it may have read the state before this wake-up's cause, so come back shortly.
    await enqueueRun(runId, "busy", 250);
    return "busy";
  }
  const abort = new AbortController();
  // Each step in flight listens to the run's signal (step-runner.ts).
  setMaxListeners(deps.runConcurrency + 10, abort.signal);
  deps.controls.register(runId, abort);
  try {
    const state = await loadRunState(deps.db, runId);
    if (!state) return "missing";
    if (isRunTerminal(state.run.status) || deps.isEmergencyStopped()) return "done";
    const writer = new RunWriter(state.run.id, state.run.teamId);
    try {
      await pass(deps, state, writer, abort);
    } catch (error) {
      // A bug or an outage mid-pass: nothing of the failed flush is written (it is one transaction). Stop what is
      // still in flight, then record the failure (which fails the run after too many); if even that cannot be
      // written (Postgres down), the job fails and the reconciler takes the run up again later.
      abort.abort("pass-failed");
      deps.log.error({ err: error, runId }, "run pass failed");
      await recordFailedPass(deps, runId, { state, writer }, error);
      return "failed";
    }
    return "done";
  } finally {
    deps.controls.unregister(runId);
    await lock.release();
  }
}

async function pass(deps: TEngineDeps, state: TRunState, writer: RunWriter, abort: AbortController): Promise<void> {
  if (state.run.cancelRequestedAt) {
    cancelRun(deps, state, writer);
  } else if (!state.version) {
    failRun(deps, state, writer, null, state.versionError ?? "The workflow version could not be read.");
  } else if (state.run.status === "QUEUED" && !(await admitRun(deps, state, writer))) {
    return;
  } else {
    await advanceRun(deps, state, writer, abort);
  }
  resetFailedPasses(state, writer);
  await writer.flush(deps.db, deps.redis);
}
