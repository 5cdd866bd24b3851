// The governance layer: calls the policy engine (server/policy/) before and after every model call and tool call of a
// step, reserves the projected cost on the budgets that cover it and settles the actual cost, redacts what is about to
// leave with the run's vault, keeps what was sent as the policies say, and records every decision. One instance per
// step attempt (the run engine) or per request (the gateway, later): the same code for both.
import type { TCallModelResult } from "../gateway/call-model";
import type { TChatMessage } from "../gateway/providers";
import type { TCandidate, TModelTarget } from "../gateway/resolve-target";
import { NodeError } from "../nodes/node-error";
import { evaluatePost, evaluatePre, refusedModel, type TFiredRule, type TPolicyDecision, type TResolvedPolicy, type TToolCall } from "../policy";
import { strictest } from "../policy/decision";
import { restoreJson, translateJson } from "../policy/pii/redact-json";
import type { TPiiVault } from "../policy/pii/redact";
import { coveringApprovals, holdsOf } from "../policy/approved-earlier";
import { approvalPerOf } from "../policy/document";
import { PolicyApprovalRequired } from "./approval-required";
import { checkedOf, mayRestore, modelRefOf, projectCall, sentRequestOf } from "./call-record";
import { earlierAnswer } from "./earlier-approvals";
import type { TPolicyPoint, TPolicyRecord, TRecordedApproval, TSentRequest } from "./records.shared";
import type { TActualUsage, TEarlierApproval, TGovernanceContext, TGovernanceDeps, TInvalidPolicy, TReservation } from "./types";
import { isVaultEmpty, openVault } from "./vault";

/** Per target, when the caller gives no timeout (the provider layer's own default). */
const CALL_TIMEOUT_MS = 60_000;
/** A reservation outlives its call by this much before it expires (a worker that died mid-call frees it then). */
const RESERVATION_MARGIN_MS = 5_000;

export type TGovernedModelCall = {
  target: TModelTarget;
  messages: TChatMessage[];
  maxTokens?: number;
  /** Parameters sent with the messages (temperature, response format…), recorded with the request. */
  params: Record<string, unknown>;
  routingKey: string;
};

export type TModelInvoke = (args: { candidates: TCandidate[]; messages: TChatMessage[] }) => Promise<TCallModelResult>;

type TCovering = { policies: TResolvedPolicy[]; invalid: TInvalidPolicy[] };

export class Governance {
  /** Every decision taken for this step attempt, in order. */
  readonly records: TPolicyRecord[] = [];
  /** The last model request that left, as the policies say to keep it. */
  sentRequest: TSentRequest | undefined;
  private calls = 0;
  private covering: Promise<TCovering> | undefined;

  constructor(
    private readonly deps: TGovernanceDeps,
    readonly ctx: TGovernanceContext,
  ) {}

  /** The policies covering this step, read once per step attempt (the loader caches across steps). */
  policies(): Promise<TCovering> {
    this.covering ??= this.deps.policiesFor(this.ctx.scope);
    return this.covering;
  }

  /** A call's actual cost: handed to the run engine's flush when there is one (ctx.recordUsage), else written now. */
  private async settle(reservation: TReservation | null, actual: TActualUsage): Promise<void> {
    if (this.ctx.recordUsage) this.ctx.recordUsage(await this.deps.prepareSettlement(reservation, this.ctx.spend, actual));
    else await this.deps.settle(reservation, this.ctx.spend, actual);
  }

  async modelCall(call: TGovernedModelCall, invoke: TModelInvoke): Promise<TCallModelResult> {
    const covering = await this.policies();
    const index = ++this.calls;
    let target = call.target;
    let downgradedFrom: string | undefined;
    for (;;) {
      const candidates = await this.deps.resolveCandidates(target, call.routingKey);
      const allowed = this.allowedCandidates(candidates, covering);
      const first = allowed.allowed[0];
      if (!first || covering.invalid.length > 0) {
        const rules = first ? [] : allowed.refusals;
        throw this.block("model.pre", subjectOf(candidates[0]!), covering, rules, invalidReason(covering.invalid));
      }
      const projected = projectCall(
        call.messages,
        call.maxTokens,
        allowed.allowed.map((c) => ({ name: c.model.name, prices: c.model, maxOutputTokens: c.model.maxOutputTokens })),
      );
      const reservationId = `${this.ctx.callKey}:${index}${downgradedFrom ? ":downgraded" : ""}`;
      const ttlMs = (this.ctx.callTimeoutMs ?? CALL_TIMEOUT_MS * allowed.allowed.length) + RESERVATION_MARGIN_MS;
      const isApproved = this.ctx.approval?.decision === "approved";
      const reserved = await this.deps.reserve(this.ctx.spend, projected.costUsd, { reservationId, ttlMs, force: isApproved });
      const reservation = reserved.isReserved ? reserved.reservation : null;
      let decision: TPolicyDecision;
      try {
        decision = await evaluatePre(
          {
            ...this.policyContext(),
            model: modelRefOf(first),
            payload: call.messages,
            projected,
            budgets: reserved.states,
            conditionScope: this.ctx.conditionScope,
            vault: this.ctx.vault,
          },
          covering.policies,
        );
      } catch (error) {
        await this.deps.release(reservation);
        throw error;
      }
      // The ledger refused, yet the evaluator (given the same state) found nothing: cannot happen with one clock of
      // money; treat it as exceeded rather than let an unreserved call through.
      if (!reserved.isReserved && decision.decision !== "block" && decision.decision !== "require_approval" && !decision.downgradeTo) {
        decision = { ...decision, decision: "block", reason: "The budget ledger refused to reserve this call's projected cost." };
      }
      if (decision.downgradeTo && !downgradedFrom && !isApproved) {
        await this.deps.release(reservation);
        this.record("model.pre", decision, subjectOf(first), covering);
        downgradedFrom = first.model.name;
        target = { modelName: decision.downgradeTo };
        continue;
      }
      if (decision.downgradeTo && downgradedFrom && !reserved.isReserved) {
        await this.deps.release(reservation);
        const rules = decision.rules.map((r) => (r.note === "downgraded" ? { ...r, outcome: "block" as const, note: undefined } : r));
        throw this.block("model.pre", subjectOf(first), covering, rules, `Blocked: even the cheaper model ${first.model.name} would exceed the budget.`);
      }
      // The messages with placeholders when a rule redacted them, else as they were.
      // An earlier approval of the run may let the call through only when its projected cost is reserved.
      const facts = { projectedCostUsd: projected.costUsd };
      const messages = ((await this.gate("model.pre", decision, subjectOf(first), covering, facts, reservation, {}, reserved.isReserved)) ??
        call.messages) as TChatMessage[];
      this.sentRequest = sentRequestOf(covering.policies, { name: first.model.name, provider: first.provider.name }, messages, call.params);
      let result: TCallModelResult;
      try {
        result = await invoke({ candidates: allowed.allowed, messages });
      } catch (error) {
        const paid = paidUsageOf(error);
        if (paid) await this.settle(reservation, { ...this.spendOf(paid), reservationId });
        else await this.deps.release(reservation);
        throw error;
      }
      await this.settle(reservation, { ...this.spendOf(result.usage), reservationId });
      const post = await evaluatePost(
        {
          ...this.policyContext(),
          model: { name: result.usage.model, provider: result.usage.provider },
          output: result.content,
          actual: { promptTokens: result.usage.tokensIn, completionTokens: result.usage.tokensOut, costUsd: result.usage.costUsd },
          vault: this.ctx.vault,
        },
        covering.policies,
      );
      // A blocked answer was still made and paid for: the step keeps its cost (node-error details.usage).
      const content = await this.gate("model.post", post, `${result.usage.provider}/${result.usage.model}`, covering, {}, null, { usage: result.usage });
      return { ...result, content: typeof content === "string" ? content : result.content };
    }
  }

  /**
   * Before an HTTP request or an MCP tool call: tools, PII and content rules on what is about to leave. Returns the
   * payload with placeholders when a rule redacted it, undefined when it may leave as it is.
   */
  async toolCall(call: TToolCall, payload: unknown): Promise<unknown> {
    const covering = await this.policies();
    const subject = call.kind === "http" ? `HTTP ${call.host}` : `MCP ${call.server}/${call.tool}`;
    if (covering.invalid.length > 0) throw this.block("tool.pre", subject, covering, [], invalidReason(covering.invalid));
    const decision = await evaluatePre(
      { ...this.policyContext(), toolCall: call, payload, conditionScope: this.ctx.conditionScope, vault: this.ctx.vault },
      covering.policies,
    );
    return this.gate("tool.pre", decision, subject, covering, {}, null);
  }

  /** After a tool call: PII and content rules on the response. Returns it, redacted when a rule says so. */
  async toolResult(call: TToolCall, output: unknown): Promise<unknown> {
    const covering = await this.policies();
    if (covering.policies.length === 0) return output;
    const subject = call.kind === "http" ? `HTTP ${call.host}` : `MCP ${call.server}/${call.tool}`;
    const decision = await evaluatePost({ ...this.policyContext(), toolCall: call, output, vault: this.ctx.vault }, covering.policies);
    return (await this.gate("tool.post", decision, subject, covering, {}, null)) ?? output;
  }

  /** Puts redacted values back where every covering policy allows it (the Output node, the approver's view). */
  async restoreFor(point: "output" | "approval", value: unknown): Promise<unknown> {
    if (Object.keys(this.ctx.vault.entries).length === 0) return value;
    const { policies } = await this.policies();
    return mayRestore(policies, point) ? restoreJson(value, this.ctx.vault) : value;
  }

  /**
   * A copy of the run's vault for a sub-workflow's run (undefined when it holds nothing): the child can put back the
   * placeholders its input carries, and numbers its own after them.
   */
  vaultForChild(): TPiiVault | undefined {
    return isVaultEmpty(this.ctx.vault) ? undefined : structuredClone(this.ctx.vault);
  }

  /**
   * What a sub-workflow's run returned, its placeholders (of the child's vault, sealed as stored) rewritten as this
   * run's, so each placeholder a run stores stands for a value of its own vault.
   */
  async adoptChildOutput(sealedChildVault: string | null, value: unknown): Promise<unknown> {
    if (!sealedChildVault) return value;
    const adopted = translateJson(value, openVault(sealedChildVault), this.ctx.vault);
    if (adopted.isChanged) await this.ctx.persistVault?.();
    return adopted.value;
  }

  private policyContext() {
    return {
      actor: this.ctx.actor,
      teamId: this.ctx.teamId,
      workflow: this.ctx.workflow,
      nodeType: this.ctx.nodeType,
      dataClassification: this.ctx.dataClassification,
    };
  }

  private allowedCandidates(candidates: TCandidate[], covering: TCovering): { allowed: TCandidate[]; refusals: TFiredRule[] } {
    if (covering.policies.every((p) => !p.document.models)) return { allowed: candidates, refusals: [] };
    const allowed: TCandidate[] = [];
    const refusals: TFiredRule[] = [];
    for (const c of candidates) {
      const refused = refusedModel({ model: modelRefOf(c), dataClassification: this.ctx.dataClassification }, covering.policies);
      if (refused.length === 0) allowed.push(c);
      else refusals.push(...refused);
    }
    return { allowed, refusals };
  }

  /**
   * Applies a decision: records it; block and require_approval stop here (the reservation released); an approved
   * approval continues, as does a call that approvals given earlier in the run cover (approvalWhen.per "run"; not
   * when `mayUseEarlierApproval` is false: a model call whose cost the ledger refused to reserve); redact returns the
   * payload with placeholders (the vault persisted first).
   */
  private async gate(
    point: TPolicyPoint,
    decision: TPolicyDecision,
    subject: string,
    covering: TCovering,
    facts: Record<string, unknown>,
    reservation: TReservation | null,
    errorDetails: Record<string, unknown> = {},
    mayUseEarlierApproval = true,
  ): Promise<unknown> {
    let approval: TRecordedApproval | undefined = this.ctx.approval;
    if (decision.decision === "block") {
      await this.deps.release(reservation);
      throw this.block(point, subject, covering, decision.rules, decision.reason, errorDetails);
    }
    if (decision.decision === "require_approval") {
      if (!approval && mayUseEarlierApproval) {
        const earlier = await this.approvedEarlier(decision, covering, facts).catch(async (error: unknown) => {
          await this.deps.release(reservation);
          throw error;
        });
        if (earlier) approval = earlierAnswer(earlier);
      }
      if (!approval) {
        await this.deps.release(reservation);
        const record = this.record(point, decision, subject, covering);
        throw new PolicyApprovalRequired(record, `Policy approval for step "${this.ctx.nodeId}" (${subject})`, {
          kind: "policy",
          reason: decision.reason,
          rules: decision.rules.filter((r) => r.outcome === "require_approval").map((r) => r.message),
          subject,
          // What a later call of the run may be let through for (approvalWhen.per "run", earlier-approvals.ts).
          holds: holdsOf(decision.rules, covering.policies),
          ...facts,
        });
      }
      if (approval.decision !== "approved") {
        await this.deps.release(reservation);
        const record = this.record(point, decision, subject, covering, approval);
        const verb = approval.decision === "rejected" ? `Rejected${approval.by ? ` by ${approval.by}` : ""}` : "The approval expired";
        const comment = approval.comment ? ` (“${approval.comment}”)` : "";
        throw new NodeError("POLICY", `${verb}${comment}: ${decision.reason}`, { isRetryable: false, details: { policyDecision: record } });
      }
      // Approved: the step continues as it was; what else the policies say (redaction) still applies.
      const rest = decision.rules.filter((r) => r.outcome !== "require_approval");
      const continued = { ...decision, decision: strictest(rest) };
      this.record(point, { ...continued, reason: decision.reason }, subject, covering, approval, decision.decision);
      return this.redacted(continued, point);
    }
    this.record(point, decision, subject, covering);
    return this.redacted(decision, point);
  }

  /**
   * The approvals given earlier in the run that cover every rule asking now (server/policy/approved-earlier.ts), or
   * null. Reads the run's approvals only when a rule of a policy asking once per run is among those asking.
   */
  private async approvedEarlier(decision: TPolicyDecision, covering: TCovering, facts: Record<string, unknown>): Promise<TEarlierApproval[] | null> {
    if (!this.ctx.approvedEarlier) return null;
    const asksPerRun = decision.rules.some((r) => {
      if (r.outcome !== "require_approval" || r.kind !== "approvalWhen") return false;
      const rule = covering.policies.find((p) => p.id === r.policyId && p.version === r.policyVersion)?.document.approvalWhen;
      return rule !== undefined && approvalPerOf(rule) === "run";
    });
    // A retry of a step whose call a person approved (the call then failed) re-sends that same call: the approval
    // given for this step covers it, whatever the policy's `per` (a step asks once: one approval per step).
    const isRetry = this.ctx.attempt > 1 && this.ctx.stepRunId !== undefined;
    if (!asksPerRun && !isRetry) return null;
    if (isRetry) {
      const own = (await this.ctx.approvedEarlier()).filter((a) => a.stepRunId === this.ctx.stepRunId);
      if (own.length > 0) return own;
    }
    if (!asksPerRun) return null;
    const projected = typeof facts.projectedCostUsd === "string" ? facts.projectedCostUsd : undefined;
    return coveringApprovals(decision.rules, covering.policies, await this.ctx.approvedEarlier(), projected);
  }

  private async redacted(decision: TPolicyDecision, point: TPolicyPoint): Promise<unknown> {
    if (decision.redactedPayload === undefined) return undefined;
    // The model and tool pre points send the placeholders; the vault must be stored before anything leaves, so the
    // values can be restored even if this worker dies during the call.
    if (this.ctx.persistVault && (point === "model.pre" || point === "tool.pre" || point.endsWith(".post"))) await this.ctx.persistVault();
    return decision.redactedPayload;
  }

  private record(
    point: TPolicyPoint,
    decision: Pick<TPolicyDecision, "decision" | "reason" | "rules">,
    subject: string,
    covering: TCovering,
    approval?: TRecordedApproval,
    asked?: TPolicyDecision["decision"],
  ): TPolicyRecord {
    const checked = checkedOf(covering.policies, decision.rules);
    const record: TPolicyRecord = {
      point,
      at: new Date().toISOString(),
      attempt: this.ctx.attempt,
      decision: asked ?? decision.decision,
      reason: decision.reason,
      rules: decision.rules,
      subject,
      checked,
      ...(approval ? { approval } : {}),
    };
    // A call no policy or budget covers has nothing to record (and costs no audit event).
    if (checked.length > 0 || decision.rules.length > 0 || decision.reason) this.records.push(record);
    return record;
  }

  private block(point: TPolicyPoint, subject: string, covering: TCovering, rules: TFiredRule[], reason: string, details: Record<string, unknown> = {}): NodeError {
    const message = reason || rules.find((r) => r.outcome === "block")?.message || "Blocked by policy.";
    const record = this.record(point, { decision: "block", reason: message, rules }, subject, covering);
    return new NodeError("POLICY", message, { isRetryable: false, details: { ...details, policyDecision: record } });
  }

  private spendOf(usage: TCallModelResult["usage"]) {
    return {
      costUsd: usage.costUsd,
      tokensIn: usage.tokensIn,
      tokensOut: usage.tokensOut,
      model: usage.model,
      provider: usage.provider,
      runId: this.ctx.runId,
      stepRunId: this.ctx.stepRunId,
    };
  }
}


function subjectOf(c: TCandidate): string {
  return `${c.provider.name}/${c.model.name}`;
}

function invalidReason(invalid: TInvalidPolicy[]): string {
  if (invalid.length === 0) return "";
  const p = invalid[0]!;
  return `Blocked: policy ${p.name} v${p.version} cannot be enforced, its document is invalid (${p.problemText}). Fix or disable it on the Policies page.`;
}





/** A model call that failed after it was paid for (e.g. an answer not matching its schema) carries its usage. */
function paidUsageOf(error: unknown): TCallModelResult["usage"] | undefined {
  const usage = error instanceof NodeError ? error.details?.usage : undefined;
  return usage && typeof usage === "object" && "costUsd" in usage ? (usage as TCallModelResult["usage"]) : undefined;
}

