// One pass over a run: load it, admit it, then execute every step that becomes ready (concurrently, up to the
// per-run cap) until nothing more can happen now; park it (WAITING) or finish it. Holds the run's lock throughout.
import { setMaxListeners } from "node:events";
import { enqueueRun } from "../queue/run-queue";
import type { TEngineDeps } from "./engine-deps";
import { isLockLost } from "./run-lock";
import { isRunTerminal, loadRunState, type TRunState } from "./run-state";
import { RunWriter } from "./writer";
import { admitRun } from "./admit-run";
import { advanceRun } from "./advance-run";
import { cancelRun, failRun } from "./finish-run";
import { failedPassWaitMs, recordFailedPass, resetFailedPasses } from "./failed-pass";
import type { TExecuting } from "./step-runner";

/**
 * "failed": the pass failed and was recorded (retried later, or the run failed; see failed-pass.ts). "lost": another
 * pass took the run over or wrote it meanwhile (run-lock.ts); this one stopped without writing.
 */
export type TPassResult = "done" | "busy" | "missing" | "failed" | "lost";

/** How long a failed pass waits for executor calls it stopped before recording the failure and releasing the run. */
export const IN_FLIGHT_WAIT_MS = 5000;

/** The abort reason of a pass that lost its run lock. */
const LOCK_LOST = "lock-lost";

export async function processRun(deps: TEngineDeps, runId: string): Promise<TPassResult> {
  const abort = new AbortController();
  const lock = await deps.locks.acquire(runId, () => {
    deps.log.warn({ runId }, "run lock lost to another pass: stopping this pass without writing");
    abort.abort(LOCK_LOST);
  });
  if (!lock) {
    // Another pass holds the run; it may have read the state before this wake-up's cause, so come back shortly.
    await enqueueRun(runId, "busy", 250);
    return "busy";
  }
  if (lock.tookOverFrom) deps.log.warn({ runId, deadWorker: lock.tookOverFrom }, "took over the run of a worker that stopped answering");
  // Each step in flight listens to the run's signal (step-runner.ts).
  setMaxListeners(deps.runConcurrency + 10, abort.signal);
  deps.controls.register(runId, abort);
  try {
    const state = await loadRunState(deps.db, runId);
    if (!state) return "missing";
    if (isRunTerminal(state.run.status) || deps.isEmergencyStopped()) return "done";
    const backoffMs = failedPassWaitMs(deps, state);
    if (backoffMs > 0) {
      // The last pass failed: this wake-up came before its retry is due, so it is put off until then.
      await enqueueRun(runId, "failed-pass", backoffMs);
      return "done";
    }
    const writer = new RunWriter(state.run.id, state.run.teamId, { seq: state.run.flushSeq, lock });
    const executing: TExecuting = new Set();
    try {
      await pass(deps, state, writer, abort, executing);
    } catch (error) {
      if (lock.isLost || isLockLost(error)) return await stopFencedPass(deps, runId, lock, abort, executing, error);
      // A bug or an outage mid-pass: nothing of the failed flush is written (it is one transaction). Stop what is
      // still in flight and wait (bounded) until it has stopped, so no executor call overlaps the retry; then record
      // the failure (which fails the run after too many). If even that cannot be written (Postgres down), the job
      // fails and the reconciler takes the run up again later.
      abort.abort("pass-failed");
      deps.log.error({ err: error, runId }, "run pass failed");
      await settleInFlight(executing, IN_FLIGHT_WAIT_MS);
      await recordFailedPass(deps, runId, { state, writer }, error);
      return "failed";
    }
    return "done";
  } finally {
    deps.controls.unregister(runId);
    await lock.release();
  }
}

/**
 * The pass lost its lock (a heartbeat found it taken), or its write was refused because another pass wrote the run
 * after this one read it (run-lock.ts): nothing of it was written. Its steps are stopped and waited for; nothing is
 * recorded (that is for the pass that holds the run). If this pass still holds the lock, the run is woken to go on
 * from what was written; otherwise the pass that took it over goes on.
 */
async function stopFencedPass(deps: TEngineDeps, runId: string, lock: { isLost: boolean }, abort: AbortController, executing: TExecuting, error: unknown): Promise<TPassResult> {
  abort.abort(LOCK_LOST);
  deps.log.warn({ runId, err: error }, "run pass stopped without writing: another pass has the run");
  await settleInFlight(executing, IN_FLIGHT_WAIT_MS);
  if (!lock.isLost) await enqueueRun(runId, "fenced", 250);
  return "lost";
}

async function settleInFlight(executing: TExecuting, boundMs: number): Promise<void> {
  if (executing.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.allSettled([...executing]), new Promise((resolve) => (timer = setTimeout(resolve, boundMs)))]);
  clearTimeout(timer);
}

async function pass(deps: TEngineDeps, state: TRunState, writer: RunWriter, abort: AbortController, executing: TExecuting): Promise<void> {
  if (state.run.cancelRequestedAt) {
    cancelRun(deps, state, writer);
  } else if (!state.version) {
    failRun(deps, state, writer, null, state.versionError ?? "The workflow version could not be read.");
  } else if (state.run.status === "QUEUED" && !(await admitRun(deps, state, writer))) {
    return;
  } else {
    await advanceRun(deps, state, writer, abort, executing);
  }
  resetFailedPasses(state, writer);
  await writer.flush(deps.db, deps.redis);
}
