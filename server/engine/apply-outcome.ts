// Turns a step's outcome into its transition: success with the ports that fired, a wait, a retry later, or a
// failure handled as the node's settings say.
import type { TEngineDeps } from "./engine-deps";
import type { TUsage } from "../nodes/execute-types";
import { Prisma } from "../db/generated/client";
import { stepKey } from "./graph-index";
import type { TStepRef } from "./plan";
import type { TRunState, TStepRow } from "./run-state";
import { VALUE_REPLACED, type TStepOutcome } from "./step-runner";
import { CIRCUIT_WAIT_KIND, circuitWaitLabel, STEP_WARNING_CODES } from "../runs/run-detail.shared";
import { stepIdempotencyKey, stepRowId } from "./idempotency-key";
import { addUsage, transitionStep } from "./transitions";
import type { RunWriter } from "./writer";
import { closeAttempt } from "./attempts";
import type { TStepPolicy } from "../governance/step-governance";
import { describeApprovalAnswer } from "../governance/records.shared";

export function applyOutcome(
  deps: TEngineDeps,
  state: TRunState,
  writer: RunWriter,
  row: TStepRow,
  outcome: TStepOutcome,
  latencyMs: number,
  policy?: TStepPolicy,
): { failure?: { nodeId: string; message: string } } {
  const finishedAt = new Date();
  closeAttempt(state, writer, row, outcome);
  if (policy) recordPolicy(state, writer, row, policy);
  switch (outcome.kind) {
    case "succeeded": {
      const u = outcome.usage;
      if (u) addUsage(state, u);
      transitionStep(state, writer, row, "SUCCEEDED", {
        output: outcome.output,
        firedHandles: outcome.handles,
        latencyMs,
        finishedAt,
        waitKind: null,
        resumePayload: null,
        ...warningFields(state, row, outcome.warning),
        ...usageFields(row, u),
      });
      return {};
    }
    case "waiting": {
      const wait = outcome.wait;
      const until = wait.kind === "delay" ? wait.until : wait.kind === "approval" ? wait.dueAt : null;
      transitionStep(state, writer, row, "WAITING", {
        waitKind: wait.kind,
        waitUntil: until,
        resumePayload: null,
        output: wait.kind === "subworkflow" ? { childRunId: wait.childRunId } : (outcome.output ?? null),
        latencyMs,
        ...(outcome.warning ? { error: outcome.warning, errorCode: VALUE_REPLACED } : {}),
      });
      if (wait.kind === "approval") {
        writer.approval({ stepRunId: row.id, title: wait.title, details: wait.details, assigneeRole: wait.assigneeRole, dueAt: wait.dueAt });
      }
      return {};
    }
    case "retry": {
      if (outcome.usage) addUsage(state, outcome.usage);
      // A circuit wait keeps the attempt (no call was made): "circuit" tells start() not to count it up.
      const target = outcome.isCircuitWait ? outcome.error.details?.target : undefined;
      transitionStep(state, writer, row, "PENDING", {
        ...usageFields(row, outcome.usage),
        waitKind: outcome.isCircuitWait ? CIRCUIT_WAIT_KIND : "retry",
        waitUntil: outcome.at,
        error: typeof target === "string" ? circuitWaitLabel(target, outcome.at) : outcome.error.message,
        errorCode: outcome.error.code,
        latencyMs,
      });
      const log = { runId: state.run.id, nodeId: row.nodeId, attempt: row.attempt, retryAt: outcome.at };
      deps.log.info(log, outcome.isCircuitWait ? "step waits for its circuit breaker" : "step will retry");
      return {};
    }
    case "failed":
      if (outcome.usage) addUsage(state, outcome.usage);
      transitionStep(state, writer, row, "FAILED", {
        ...usageFields(row, outcome.usage),
        output: outcome.output,
        firedHandles: outcome.handles,
        error: outcome.error.message,
        errorCode: outcome.error.code,
        latencyMs,
        finishedAt,
        waitKind: null,
      });
      if (outcome.handles.length > 0) return {};
      // Expression errors name the node and the field already: the run's error says the node once.
      return {
        failure: {
          nodeId: row.nodeId,
          message: outcome.error.code === "EXPRESSION" ? outcome.error.message : `Node "${row.nodeId}" failed: ${outcome.error.message}`,
        },
      };
    case "interrupted":
      // Cancellation, a failing sibling, an emergency stop or a shutdown: whoever aborted decides (finish-run closes
      // steps of ended runs; a stopped run is resumed later with the same attempt).
      return {};
  }
}

/**
 * A succeeded step keeps no error; it may carry a warning instead (shown as such, see run-detail.shared.ts): text
 * replaced to store its output, or runs of this attempt whose outcome earlier passes could not record.
 */
function warningFields(state: TRunState, row: TStepRow, replaced: string | undefined) {
  const sent = sentAgainNote(row, stepIdempotencyKey(state.run.id, row.nodeId, row.iterationKey, row.attempt));
  if (sent) return { error: replaced ? `${sent} ${replaced}` : sent, errorCode: STEP_WARNING_CODES.sentAgain };
  return replaced ? { error: replaced, errorCode: VALUE_REPLACED } : { error: null, errorCode: null };
}

/** On a step that finally succeeded: how often it ran in all, when earlier runs went unrecorded (failed-pass.ts). */
function sentAgainNote(row: TStepRow, key: string): string | undefined {
  if (!row.unrecordedSends) return undefined;
  const earlier = row.unrecordedSends;
  return `Ran ${earlier + 1} times with Idempotency-Key ${key}: the outcome of the first ${earlier === 1 ? "run" : `${earlier} runs`} could not be recorded (see the audit trail).`;
}

/** The step's usage over all its attempts, this one added. */
function usageFields(row: TStepRow, u: TUsage | undefined) {
  if (!u) return {};
  row.tokensIn += u.tokensIn;
  row.tokensOut += u.tokensOut;
  row.costUsd = new Prisma.Decimal(row.costUsd).plus(u.costUsd).toString();
  return { model: u.model, provider: u.provider, tokensIn: row.tokensIn, tokensOut: row.tokensOut, costUsd: row.costUsd };
}

/**
 * A step row that exists only in memory until the next flush. Its id is derived from (run, node, iteration), so a pass
 * that repeats work an earlier pass could not write (a failed pass, a crashed worker) names the step the same way: a
 * sub-workflow step finds the child run it already started (services.ts).
 */
export function newStepRow(state: TRunState, ref: TStepRef): TStepRow {
  const compiled = state.version!.nodes.get(ref.nodeId)!;
  const row: TStepRow = {
    id: stepRowId(state.run.id, ref.nodeId, ref.key),
    nodeId: ref.nodeId,
    nodeType: compiled.node.type,
    iterationKey: ref.key,
    status: "PENDING",
    attempt: 0,
    output: null,
    firedHandles: [],
    waitKind: null,
    waitUntil: null,
    resumePayload: null,
    startedAt: null,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: "0",
    isPersisted: false,
    seq: (state.lastSeq += 1),
  };
  state.steps.set(stepKey(ref.nodeId, ref.key), row);
  return row;
}

export function skipStep(state: TRunState, writer: RunWriter, ref: TStepRef): void {
  transitionStep(state, writer, newStepRow(state, ref), "SKIPPED", { finishedAt: new Date() });
}

export function completeLoop(state: TRunState, writer: RunWriter, loop: TStepRef & { results: unknown[] }): void {
  const row = state.steps.get(stepKey(loop.nodeId, loop.key))!;
  const count = (row.output as { count?: number } | null)?.count ?? loop.results.length;
  transitionStep(state, writer, row, "SUCCEEDED", {
    output: { count, results: loop.results },
    firedHandles: ["done"],
    waitKind: null,
    finishedAt: new Date(),
  });
}

/**
 * The attempt's policy decisions, appended to the step's earlier ones, and what its model call sent; each decision
 * is also an audit event (policy.allow, policy.redact, policy.require_approval, policy.block).
 */
function recordPolicy(state: TRunState, writer: RunWriter, row: TStepRow, policy: TStepPolicy): void {
  if (policy.records.length > 0) {
    row.policyDecisions = [...(row.policyDecisions ?? []), ...policy.records];
    writer.step(row, { status: row.status, attempt: row.attempt, policyDecisions: row.policyDecisions });
  }
  // Written before the step's transition, which sets its status (later fields win in the writer).
  if (policy.sentRequest) writer.step(row, { status: row.status, attempt: row.attempt, sentRequest: policy.sentRequest });
  if (policy.sealedVault) writer.run({ piiVault: policy.sealedVault });
  for (const r of policy.records) {
    writer.audit({
      actor: { type: "worker", label: "engine" },
      action: `policy.${r.decision}`,
      resource: { type: "step", id: row.id },
      teamId: state.run.teamId,
      data: {
        runId: state.run.id,
        nodeId: row.nodeId,
        attempt: r.attempt,
        point: r.point,
        subject: r.subject,
        reason: r.reason,
        rules: r.rules.map((rule) => rule.message),
        checked: r.checked,
        ...(r.approval ? { approval: { ...r.approval, summary: describeApprovalAnswer(r.approval) } } : {}),
      },
    });
  }
}
