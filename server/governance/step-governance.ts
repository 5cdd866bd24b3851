// How the run engine governs a step: one Governance per step attempt, built from what the pass loaded about the run
// (workflow, classification, who started it, the agent it runs as) and the run's PII vault, which is unsealed at most
// once per pass and sealed back (with BATON_SECRET_KEY) whenever redaction added to it.
import type { TDb } from "../db/client";
import type { TScope } from "../nodes/execute-types";
import { ZApprovalDecision } from "../nodes/control-approval/execute";
import type { TPolicyActor } from "../policy";
import type { TDataClassification, TRiskClass, TRole } from "../policy/document";
import { createVault, type TPiiVault } from "../policy/pii/redact";
import { loadEarlierApprovals, type TEarlierApproval } from "./earlier-approvals";
import { atRestMasking, maskAtRest, type TAtRestMasking } from "../policy/mask-at-rest";
import type { TScopeContext } from "../policy/scope";
import { Governance } from "./governance";
import { openVault, sealVault } from "./vault";
import type { TPolicyRecord, TSentRequest } from "./records.shared";
import type { TGovernanceDeps, TPolicyApproval, TSettlement } from "./types";

/**
 * What a step attempt's governance produced: stored on the step (apply-outcome.ts), and the run's vault, sealed, when
 * redaction added to it (written on the run in the same flush as the outputs holding its placeholders).
 */
export type TStepPolicy = { records: TPolicyRecord[]; sentRequest?: TSentRequest; sealedVault?: string };

/** Facts about the run that governance needs, read with the run (run-state.ts). */
export type TRunGovernanceFacts = {
  workflowId: string;
  teamId: string;
  versionId: string;
  versionNumber: number | null;
  dataClassification: TDataClassification;
  triggeredById: string | null;
  /** The starter's role in the run's team (tool grants by role), when a person started it. */
  triggeredByRole: TRole | null;
  /** The registered agent this workflow runs as, if any. */
  agent: { id: string; riskClass: TRiskClass } | null;
  sealedVault: string | null;
};

export class RunGovernance {
  private vault: TPiiVault | undefined;
  private isVaultChanged = false;
  private earlierApprovals: Promise<TEarlierApproval[]> | undefined;
  private masking: Promise<TAtRestMasking | null> | undefined;

  /**
   * `recordUsage`: where the pass's model calls' settlements go — the pass's writer, which writes each ledger row in
   * its next flush, in the same statement as the step that cost it, and then swaps the reservation for the cost in
   * Redis (writer.ts). Until then the reservation keeps the budget's accounting on the safe side.
   */
  constructor(
    private readonly db: TDb,
    readonly runId: string,
    readonly facts: TRunGovernanceFacts,
    readonly recordUsage: (settlement: TSettlement) => void,
  ) {}

  /**
   * The policy approvals given in the run before this pass, read once per pass when first needed (no approval is
   * decided while a pass runs: a decision wakes the run for its next pass). A failed read is not kept.
   */
  approvedEarlier(): Promise<TEarlierApproval[]> {
    this.earlierApprovals ??= loadEarlierApprovals(this.db, this.runId).catch((error: unknown) => {
      this.earlierApprovals = undefined;
      throw error;
    });
    return this.earlierApprovals;
  }

  /** The run's vault, shared by the pass's steps (parallel branches number their placeholders in one sequence). */
  getVault(): TPiiVault {
    this.vault ??= openVault(this.facts.sealedVault);
    return this.vault;
  }

  /** Where the run's policies apply: its team, workflow and agent. */
  scope(): TScopeContext {
    const f = this.facts;
    return { teamId: f.teamId, workflowId: f.workflowId, ...(f.agent ? { agentId: f.agent.id } : {}) };
  }

  /** The masking at rest the covering policies ask for, read once per pass (null: none masks). */
  atRestMasking(deps: Pick<TGovernanceDeps, "policiesFor">): Promise<TAtRestMasking | null> {
    this.masking ??= deps.policiesFor(this.scope()).then((covering) => atRestMasking(covering.policies));
    return this.masking;
  }

  /**
   * `value` as a step stores it under masking at rest: placeholders of the run's vault for the masked types. The
   * vault's new entries are sealed and written with the step's outcome (see markVaultChanged).
   */
  maskForStorage<T>(value: T, masking: TAtRestMasking): T {
    const masked = maskAtRest(value, masking, this.getVault());
    if (masked.isChanged) this.markVaultChanged();
    return masked.value;
  }

  /**
   * Redaction added to the vault. It is sealed and written with the step's outcome, in the flush that also writes the
   * outputs holding its placeholders, so no stored placeholder lacks its value. A worker that dies mid-call loses the
   * new entries and its step's outcome alike; the step runs again with the same attempt and redacts the same values
   * in the same order, which gives them the same placeholders.
   */
  markVaultChanged(): void {
    this.isVaultChanged = true;
  }

  /** The vault sealed with BATON_SECRET_KEY, when it changed since the last call; undefined otherwise. */
  sealIfChanged(): string | undefined {
    if (!this.isVaultChanged) return undefined;
    this.isVaultChanged = false;
    return sealVault(this.getVault());
  }

  /** The vault alone, when it changed, for a step that took no decision (no Governance was made for it). */
  sealedOnly(): TStepPolicy | undefined {
    const sealedVault = this.sealIfChanged();
    return sealedVault ? { records: [], sealedVault } : undefined;
  }

  actor(): TPolicyActor {
    const f = this.facts;
    if (f.agent) return { kind: "agent", id: f.agent.id, riskClass: f.agent.riskClass, ...(f.triggeredByRole ? { role: f.triggeredByRole } : {}) };
    if (f.triggeredById) return { kind: "user", id: f.triggeredById, ...(f.triggeredByRole ? { role: f.triggeredByRole } : {}) };
    return { kind: "workflow", id: f.workflowId };
  }
}

export type TRunGovernance = RunGovernance;

type TStepFacts = {
  run: { id: string };
  /** The node's timeout: the step (and every call in it) is stopped after it. */
  timeoutMs: number;
  row: { id: string; nodeId: string; nodeType: string; attempt: number };
  scope: TScope;
  idempotencyKey: string;
  resume?: { kind: string; payload: unknown };
};

export function stepGovernance(deps: TGovernanceDeps, runGovernance: RunGovernance, step: TStepFacts) {
  const f = runGovernance.facts;
  const governance = new Governance(deps, {
    actor: runGovernance.actor(),
    teamId: f.teamId,
    workflow: { id: f.workflowId, versionId: f.versionId, ...(f.versionNumber !== null ? { versionNumber: f.versionNumber } : {}) },
    dataClassification: f.dataClassification,
    nodeType: step.row.nodeType,
    nodeId: step.row.nodeId,
    runId: step.run.id,
    stepRunId: step.row.id,
    attempt: step.row.attempt,
    callKey: step.idempotencyKey,
    callTimeoutMs: step.timeoutMs,
    conditionScope: step.scope,
    get vault() {
      return runGovernance.getVault();
    },
    persistVault: () => Promise.resolve(runGovernance.markVaultChanged()),
    recordUsage: runGovernance.recordUsage,
    approval: approvalOf(step.resume),
    approvedEarlier: () => runGovernance.approvedEarlier(),
    spend: { teamId: f.teamId, workflowId: f.workflowId, ...(f.triggeredById ? { userId: f.triggeredById } : {}), ...(f.agent ? { agentId: f.agent.id } : {}) },
    scope: runGovernance.scope(),
  });
  return Object.assign(governance, {
    result(): TStepPolicy | undefined {
      const sealedVault = runGovernance.sealIfChanged();
      if (governance.records.length === 0 && !governance.sentRequest && !sealedVault) return undefined;
      return {
        records: governance.records,
        ...(governance.sentRequest ? { sentRequest: governance.sentRequest } : {}),
        ...(sealedVault ? { sealedVault } : {}),
      };
    },
  });
}

function approvalOf(resume: TStepFacts["resume"]): TPolicyApproval | undefined {
  if (resume?.kind !== "approval") return undefined;
  const parsed = ZApprovalDecision.safeParse(resume.payload);
  if (!parsed.success) return undefined;
  const { decision, decidedByName, decidedBy, comment } = parsed.data;
  return { decision, by: decidedByName ?? decidedBy ?? null, comment: comment ?? null };
}

/**
 * A step's governance outside a run pass (an executor called on its own, e.g. in its tests): the same layer and
 * policies, with the workflow as the actor and a vault of its own.
 */
export function standaloneGovernance(
  deps: TGovernanceDeps,
  step: { teamId: string; workflowId: string; runId: string; stepRunId: string; nodeId: string; nodeType: string; attempt: number; idempotencyKey: string; scope?: TScope },
): Governance {
  const vault = createVault();
  return new Governance(deps, {
    actor: { kind: "workflow", id: step.workflowId },
    teamId: step.teamId,
    workflow: { id: step.workflowId },
    nodeType: step.nodeType,
    nodeId: step.nodeId,
    runId: step.runId,
    stepRunId: step.stepRunId,
    attempt: step.attempt,
    callKey: step.idempotencyKey,
    conditionScope: step.scope,
    vault,
    spend: { teamId: step.teamId, workflowId: step.workflowId },
    scope: { teamId: step.teamId, workflowId: step.workflowId },
  });
}
