// The main loop of a pass: resume what may resume, plan, start ready steps (up to the per-run cap), apply each
// outcome as it arrives and plan again, until nothing more can happen now.
import { stepIdempotencyKey } from "./idempotency-key";
import type { TEngineDeps } from "./engine-deps";
import { plan } from "./plan";
import type { TRunState, TStepRow } from "./run-state";
import { resumeOf, runStep, type TExecuting } from "./step-runner";
import { applyOutcome, completeLoop, newStepRow, skipStep } from "./apply-outcome";
import { transitionRun, transitionStep } from "./transitions";
import { cancelRun, failRun, parkRun, succeedRun } from "./finish-run";
import { collectResumable } from "./resumable";
import { publishBatched } from "./publish-batched";
import { PassTimers } from "./pass-timers";
import type { RunWriter } from "./writer";
import { openAttempt } from "./attempts";
import { nextOutcome } from "./in-flight-flush";
import { CIRCUIT_WAIT_KIND } from "../runs/run-detail.shared";
import { RunGovernance } from "../governance/step-governance";
import type { TStepResult } from "./step-runner";

/** `executing` collects the pass's executor calls still in flight (process-run.ts waits for them when a pass fails). */
export async function advanceRun(deps: TEngineDeps, state: TRunState, writer: RunWriter, abort: AbortController, executing?: TExecuting): Promise<void> {
  const version = state.version!;
  if (state.run.status === "WAITING") transitionRun(state, writer, "RUNNING");
  const ready: TStepRow[] = await collectResumable(deps, state, writer);
  const inFlight = new Map<string, Promise<TStepResult & { row: TStepRow }>>();
  const runGovernance = new RunGovernance(deps.db, state.run.id, state.governance ?? factsOf(state), (settlement) => writer.settlement(settlement));
  let failure: { nodeId: string; message: string } | null = null;
  let hasUnsavedEffect = false;
  const timers = new PassTimers();

  const options = {
    joinRule: (id: string) => version.nodes.get(id)!.joinRule,
    loopConcurrency: (id: string) => (version.nodes.get(id)!.config as { concurrency?: number }).concurrency ?? 1,
  };

  for (;;) {
    if (!failure) {
      // Step rows are step views: plan reads them and never changes them.
      const p = plan(version.index, state.steps, options);
      for (const ref of p.skip) skipStep(state, writer, ref);
      for (const loop of p.completeLoops) completeLoop(state, writer, loop);
      for (const ref of p.execute) ready.push(newStepRow(state, ref));
    }
    while (!failure && ready.length > 0 && inFlight.size < deps.runConcurrency) {
      const row = ready.shift()!;
      if (hasUnsavedEffect && version.nodes.get(row.nodeId)!.definition.isSideEffecting) {
        await writer.flush(deps.db, deps.redis);
        hasUnsavedEffect = false;
      }
      start(deps, state, writer, row, abort, inFlight, executing, runGovernance);
    }
    if (inFlight.size === 0) {
      // A timer already due when the last step in flight ended (a retry's short backoff): taken up in this pass,
      // started by the loop above, rather than parking the run for a wake-up and a pass of its own.
      const waiting = ready.length;
      if (!failure) timers.takeDue(ready, abort.signal);
      if (ready.length === waiting) break;
      continue;
    }
    // A retry's backoff or a delay of this pass fires on time while other steps are in flight (pass-timers.ts).
    const next = await nextOutcome(deps, writer, () => timers.race(inFlight.values(), abort.signal));
    if (next === "timer") {
      timers.takeDue(ready, abort.signal);
      continue;
    }
    const { row, outcome, latencyMs, policy } = next;
    inFlight.delete(row.id);
    const result = applyOutcome(deps, state, writer, row, outcome, latencyMs, policy);
    timers.track(row);
    if (result.failure && !failure) {
      failure = result.failure;
      abort.abort("run-failed");
    }
    if (outcome.kind !== "interrupted" && version.nodes.get(row.nodeId)!.definition.isSideEffecting) hasUnsavedEffect = true;
    // A finished side effect is written before the pass starts another one, or waits on anything in flight, so a
    // crash never repeats it; other progress is written at least every flushEveryMs and at the end of the pass.
    if ((hasUnsavedEffect && inFlight.size > 0) || writer.pendingForMs > deps.flushEveryMs) {
      await writer.flush(deps.db, deps.redis);
      hasUnsavedEffect = false;
    }
  }

  const reason = abort.signal.aborted ? String(abort.signal.reason) : null;
  if (reason === "cancelled") {
    cancelRun(deps, state, writer);
    return;
  }
  if (failure) {
    failRun(deps, state, writer, failure.nodeId, failure.message);
    return;
  }
  // Stopped (emergency stop, shutdown): leave the run as it is; it resumes from here with the same attempts.
  if (reason) return;
  const final = plan(version.index, state.steps, options);
  if (final.outcome === "FINISHED") succeedRun(deps, state, writer);
  else parkRun(deps, state, writer);
}

function start(
  deps: TEngineDeps,
  state: TRunState,
  writer: RunWriter,
  row: TStepRow,
  abort: AbortController,
  inFlight: Map<string, Promise<TStepResult & { row: TStepRow }>>,
  executing: TExecuting | undefined,
  runGovernance: RunGovernance,
): void {
  // A fresh or retried attempt counts up; a step resumed after a wait, a crash or an open circuit's refusal (no call
  // was made) keeps its attempt (and so its idempotency key).
  const isNewAttempt = row.status === "PENDING" && row.waitKind !== CIRCUIT_WAIT_KIND;
  const resume = resumeOf(row);
  const attempt = isNewAttempt ? row.attempt + 1 : Math.max(1, row.attempt);
  const startedAt = new Date();
  row.startedAt = row.startedAt ?? startedAt;
  const idempotencyKey = stepIdempotencyKey(state.run.id, row.nodeId, row.iterationKey, attempt);
  openAttempt(writer, row, attempt, idempotencyKey, startedAt);
  // The circuit wait is over: its label ("Waiting for host … to recover until …") is no error of the call now made.
  const afterCircuit = row.waitKind === CIRCUIT_WAIT_KIND ? { waitKind: null, error: null, errorCode: null } : {};
  transitionStep(state, writer, row, "RUNNING", { attempt, startedAt: row.startedAt, idempotencyKey, waitUntil: null, ...afterCircuit });
  const { run } = state;
  void publishBatched(deps.redis, [
    { type: "step", runId: run.id, workflowId: run.workflowId, teamId: run.teamId, nodeId: row.nodeId, iterationKey: row.iterationKey, status: "RUNNING", at: startedAt.toISOString(), attempt },
  ]);
  const promise = runStep({
    run: state.run,
    version: state.version!,
    steps: state.steps,
    row,
    runSignal: abort.signal,
    services: deps.services,
    maxValueBytes: deps.maxValueBytes,
    resume,
    executing,
    runGovernance,
  }).then((r) => ({ row, ...r }));
  inFlight.set(row.id, promise);
}

/** A state built without the loader's governance facts (loadRunState always reads them). */
function factsOf(state: TRunState): NonNullable<TRunState["governance"]> {
  const { run } = state;
  return {
    workflowId: run.workflowId,
    teamId: run.teamId,
    versionId: run.workflowVersionId,
    versionNumber: null,
    dataClassification: "internal",
    triggeredById: null,
    triggeredByRole: null,
    agent: null,
    sealedVault: null,
  };
}
