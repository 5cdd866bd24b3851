// Runs one step: builds its scope and inputs, calls the executor under the node's timeout and the run's abort
// signal, and classifies the result (success, wait, retry later, or failure with the node's error handling).
import { stepIdempotencyKey } from "./idempotency-key";
import type { TExecuteResult, TServices, TUsage, TWaitRequest } from "../nodes/execute-types";
import { getExecutor } from "../nodes/executors";
import { NodeError, toStepError, type TStepError } from "../nodes/node-error";
import { backoffDelayMs, DEFAULT_RETRY_DEADLINE_MS } from "../workflows/node-settings.shared";
import { toStorableStepValue } from "./value-limits";
import { clockUtc, describeMs, STEP_WARNING_CODES } from "../runs/run-detail.shared";
import { describeReplacements, toStorableJson, type TStorableJson } from "../shared/storable-json";
import { buildScope, collectInputs } from "./scope";
import type { TCompiledNode, TCompiledVersion } from "./compile-version";
import type { TRunRow, TStepRow } from "./run-state";
import { isPolicyApprovalRequired } from "../governance/approval-required";
import { stepGovernance, type TRunGovernance, type TStepPolicy } from "../governance/step-governance";
import { maskOutcome } from "./mask-outcome";

export type TStepOutcome =
  /** `warning`: what was changed to store the output (see replacementWarning), shown on the step. */
  | { kind: "succeeded"; output: unknown; handles: string[]; usage?: TUsage; warning?: string }
  | { kind: "waiting"; wait: TWaitRequest | { kind: "loop" }; output?: unknown; warning?: string }
  /**
   * `isCircuitWait`: the call was refused by an open circuit breaker (error.code CIRCUIT_OPEN, no call made); `at` is
   * when the breaker lets the next call through (plus jitter). The attempt was not used up: the next try keeps its
   * number (and so its Idempotency-Key).
   */
  | { kind: "retry"; at: Date; error: TStepError; usage?: TUsage; isCircuitWait?: boolean }
  | { kind: "failed"; error: TStepError; output: unknown; handles: string[]; usage?: TUsage }
  /** Aborted by a cancel, an emergency stop or a shutdown: the caller decides what that means. */
  | { kind: "interrupted"; reason: string };

export type TStepInput = {
  run: TRunRow;
  version: TCompiledVersion;
  steps: Map<string, TStepRow>;
  row: TStepRow;
  runSignal: AbortSignal;
  services: TServices;
  maxValueBytes: number;
  /** What ended the step's wait, captured before the step was marked running again. */
  resume?: { kind: TWaitRequest["kind"]; payload: unknown };
  /** Executor calls not yet settled: a step ends as interrupted at once, but its executor may still be working. */
  executing?: TExecuting;
  /** The run's governance state for this pass (its PII vault, the workflow's classification). */
  runGovernance: TRunGovernance;
};

/** Settles (never rejects) when the executor call does; removed from the set then. */
export type TExecuting = Set<Promise<void>>;

export type TStepResult = { outcome: TStepOutcome; latencyMs: number; policy?: TStepPolicy };

export async function runStep(input: TStepInput): Promise<TStepResult> {
  const { run, version, steps, row } = input;
  const compiled = version.nodes.get(row.nodeId)!;
  const started = performance.now();
  // The step's signal: aborted by its timeout or by the run's signal (what AbortSignal.any does, at a fraction of the
  // cost; a worker starts thousands of steps a second).
  const step = new AbortController();
  const timer = setTimeout(() => step.abort(new NodeError("TIMEOUT", `Node "${row.nodeId}" took longer than ${compiled.settings.timeoutMs} ms and was stopped.`)), compiled.settings.timeoutMs);
  const onRunAbort = () => step.abort(input.runSignal.reason);
  if (input.runSignal.aborted) onRunAbort();
  else input.runSignal.addEventListener("abort", onRunAbort, { once: true });
  const signal = step.signal;
  let governance: ReturnType<typeof stepGovernance> | undefined;
  const mask = (outcome: TStepOutcome) => maskOutcome(input.runGovernance, input.services.governance, outcome);
  // A step that failed before its governance existed (its scope could not be built) may still have masked its error.
  const policyOf = () => (governance ? governance.result() : input.runGovernance.sealedOnly());
  try {
    const scope = buildScope(run, version, steps, row.nodeId, row.iterationKey);
    const idempotencyKey = stepIdempotencyKey(run.id, row.nodeId, row.iterationKey, row.attempt);
    governance = stepGovernance(input.services.governance, input.runGovernance, {
      run,
      row,
      scope,
      idempotencyKey,
      resume: input.resume,
      timeoutMs: compiled.settings.timeoutMs,
    });
    const call = getExecutor(compiled.node.type)({
        config: compiled.config,
        scope,
        inputs: collectInputs(version, steps, row.nodeId, row.iterationKey, scope),
        runId: run.id,
        stepRunId: row.id,
        nodeId: row.nodeId,
        iterationKey: row.iterationKey,
        attempt: row.attempt,
        idempotencyKey,
        signal,
        hasStepRetries: compiled.settings.retry.maxAttempts > 1,
        resume: input.resume,
        services: input.services,
        governance,
      });
    track(input.executing, call);
    const result = await Promise.race([
      call,
      new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason), { once: true })),
    ]);
    // Masked (when a policy masks at rest) before governance.result() seals the vault the placeholders are in.
    const outcome = await mask(classifyResult(compiled, result, input.maxValueBytes));
    return { outcome, latencyMs: Math.round(performance.now() - started), policy: governance.result() };
  } catch (error) {
    const latencyMs = Math.round(performance.now() - started);
    if (input.runSignal.aborted) {
      return { outcome: { kind: "interrupted", reason: String(input.runSignal.reason ?? "aborted") }, latencyMs, policy: policyOf() };
    }
    // A policy asked for a person's approval before a call: the step waits in the Inbox (approval-required.ts).
    const outcome: TStepOutcome = isPolicyApprovalRequired(error)
      ? { kind: "waiting", wait: storableWait({ kind: "approval", title: error.title, details: error.details, assigneeRole: "approver", dueAt: null }) }
      : classifyFailure(compiled, row, error);
    const masked = await mask(outcome);
    return { outcome: masked, latencyMs, policy: policyOf() };
  } finally {
    clearTimeout(timer);
    input.runSignal.removeEventListener("abort", onRunAbort);
  }
}

function track(executing: TExecuting | undefined, call: Promise<unknown>): void {
  if (!executing) return;
  const settled: Promise<void> = call.then(
    () => void executing.delete(settled),
    () => void executing.delete(settled),
  );
  executing.add(settled);
}

export function resumeOf(row: TStepRow) {
  if (row.status !== "WAITING" || !row.waitKind || row.waitKind === "loop" || row.waitKind === "retry") return undefined;
  return { kind: row.waitKind as TWaitRequest["kind"], payload: row.resumePayload ?? null };
}

function classifyResult(compiled: TCompiledNode, result: TExecuteResult, maxBytes: number): TStepOutcome {
  const nodeId = compiled.node.id;
  if (result.kind === "wait") {
    const stored = result.output === undefined ? undefined : toStorableStepValue(result.output, { maxBytes, what: "output", nodeId });
    return { kind: "waiting", wait: storableWait(result.wait), output: stored?.value, warning: replacementWarning(nodeId, stored) };
  }
  const stored = toStorableStepValue(result.output, { maxBytes, what: "output", nodeId });
  const output = stored.value;
  const warning = replacementWarning(nodeId, stored);
  if (compiled.node.type === "control.loop") return { kind: "waiting", wait: { kind: "loop" }, output, warning };
  const ports = compiled.definition.outputs(compiled.config as never).map((p) => p.id);
  const handles = result.handles ?? ports;
  const unknown = handles.filter((h) => !ports.includes(h));
  if (unknown.length > 0) throw new NodeError("INVALID_OUTPUT", `Node "${nodeId}" chose output ${unknown.join(", ")}, which it does not have.`);
  return { kind: "succeeded", output, handles, usage: result.usage, warning };
}

/** The step code of a step that succeeded with text replaced to store it. */
export const VALUE_REPLACED = STEP_WARNING_CODES.valueReplaced;

function replacementWarning(nodeId: string, stored: TStorableJson | undefined): string | undefined {
  if (!stored || stored.replacedCount === 0) return undefined;
  const what = stored.replacedCount === 1 ? "1 text value" : `${stored.replacedCount} text values`;
  return `Output of node "${nodeId}": ${what} held characters that cannot be stored (NUL or a lone surrogate), replaced with U+FFFD at ${describeReplacements(stored)}.`;
}

/** An approval's title and details are written as text and JSON: made storable like outputs. */
function storableWait(wait: TWaitRequest): TWaitRequest {
  if (wait.kind !== "approval") return wait;
  return { ...wait, title: toStorableJson(wait.title).value, details: toStorableJson(wait.details).value };
}

/** A paid model call that failed afterwards (e.g. an answer not matching its schema) still cost money. */
function usageOf(error: unknown): TUsage | undefined {
  const usage = error instanceof NodeError ? error.details?.usage : undefined;
  return usage && typeof usage === "object" && "costUsd" in usage ? (usage as TUsage) : undefined;
}

/**
 * Retry, wait for an open circuit, or fail. `row.startedAt` is when the step's first attempt started: the retry
 * deadline (settings.retry.deadlineMs; unset, DEFAULT_RETRY_DEADLINE_MS for circuit waits only) counts from it.
 */
export function classifyFailure(
  compiled: TCompiledNode,
  row: Pick<TStepRow, "attempt" | "startedAt">,
  error: unknown,
  now = Date.now(),
  random: () => number = Math.random,
): TStepOutcome {
  const usage = usageOf(error);
  // An executor's message and details may quote what it received (NUL included): stored as text and JSON.
  let stepError = toStorableJson(toStepError(error)).value;
  if (stepError.details && "usage" in stepError.details) delete stepError.details.usage;
  const { retry, onError } = compiled.settings;
  const isRetryable = retry.retryOn === "all" || stepError.isRetryable;
  const refusal = retry.maxAttempts > 1 && isRetryable ? circuitRefusalOf(stepError) : null;
  if (refusal || (isRetryable && row.attempt < retry.maxAttempts)) {
    const at = refusal ? circuitWaitUntil(refusal.retryAt, now, random) : now + retryDelayMs(retry, row.attempt, stepError, random);
    // A node's own deadline bounds both; without one, the default bounds circuit waits only (ordinary backoffs are
    // bounded by maxAttempts and maxBackoffMs, as before deadlines existed).
    const deadlineMs = retry.deadlineMs ?? (refusal ? DEFAULT_RETRY_DEADLINE_MS : null);
    const deadline = deadlineMs === null ? null : (row.startedAt?.getTime() ?? now) + deadlineMs;
    if (deadlineMs === null || deadline === null || at <= deadline) {
      return { kind: "retry", at: new Date(at), error: stepError, usage, ...(refusal ? { isCircuitWait: true } : {}) };
    }
    stepError = { ...stepError, message: pastDeadlineMessage(stepError, refusal, { at, deadline, deadlineMs }) };
  }
  const output = { error: stepError };
  if (onError === "route") return { kind: "failed", error: stepError, output, handles: ["error"], usage };
  if (onError === "continue") {
    return { kind: "failed", error: stepError, output, handles: compiled.definition.outputs(compiled.config as never).map((p) => p.id), usage };
  }
  return { kind: "failed", error: stepError, output, handles: [], usage };
}

/**
 * The wait before the next attempt: the node's backoff, or the wait the failed call was asked for (a 429's Retry-After,
 * `details.retryAfterMs`) when that is longer, up to the node's maximum backoff.
 */
export function retryDelayMs(retry: TCompiledNode["settings"]["retry"], attempt: number, error: TStepError, random: () => number = Math.random): number {
  const backoff = backoffDelayMs(retry, attempt, random);
  const asked = error.details?.retryAfterMs;
  return typeof asked === "number" && asked > backoff ? Math.min(asked, Math.max(backoff, retry.maxBackoffMs)) : backoff;
}

/**
 * A refusal by an open circuit breaker, when no call at all was made (a model call that tried another target first
 * made one). Only a node with retries waits for the circuit; one without fails at once, as before.
 */
function circuitRefusalOf(error: TStepError): { retryAt: number; target: string } | null {
  if (error.code !== "CIRCUIT_OPEN" || !error.details) return null;
  const { retryAt, target, attempts } = error.details;
  if (typeof retryAt !== "number" || typeof target !== "string") return null;
  if (Array.isArray(attempts) && !attempts.every((a) => (a as { error?: { code?: string } }).error?.code === "CIRCUIT_OPEN")) return null;
  return { retryAt, target };
}

/**
 * When a step refused by an open circuit tries again: when the breaker lets the next call through, plus a jitter of
 * up to a fifth of the wait (at least 50 ms, at most 1 s), so the steps waiting on one circuit do not all ask at once.
 */
export function circuitWaitUntil(retryAt: number, now: number, random: () => number = Math.random): number {
  const wait = Math.max(0, retryAt - now);
  const jitter = random() * Math.min(1000, Math.max(50, wait / 5));
  return Math.max(now + 10, retryAt) + Math.round(jitter);
}

function pastDeadlineMessage(error: TStepError, refusal: { target: string } | null, t: { at: number; deadline: number; deadlineMs: number }): string {
  const limit = `the step's retry deadline of ${describeMs(t.deadlineMs)} from its first attempt (${clockUtc(t.deadline)} UTC)`;
  if (refusal) {
    return `Gave up waiting for ${refusal.target} to recover: its circuit breaker lets the next call through at ${clockUtc(t.at)} UTC, after ${limit}.`;
  }
  return `${error.message} Not retried: the next attempt would start at ${clockUtc(t.at)} UTC, after ${limit}.`;
}
