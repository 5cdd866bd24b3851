// How the run engine governs a step: one Governance per step attempt, built from what the pass loaded about the run
// (workflow, classification, who started it, the agent it runs as) and the run's PII vault, which is unsealed at most
// once per pass and sealed back (with BATON_SECRET_KEY) whenever redaction added to it.
import type { TDb } from "../db/client";
import type { TLogger } from "../log";
import { decryptSecret, encryptSecret, type TJsonSecret } from "../crypto/secret-box";
import type { TScope } from "../nodes/execute-types";
import { ZApprovalDecision } from "../nodes/control-approval/execute";
import type { TPolicyActor } from "../policy";
import type { TDataClassification, TRiskClass, TRole } from "../policy/document";
import { createVault, type TPiiVault } from "../policy/pii/redact";
import { Governance } from "./governance";
import type { TPolicyRecord, TSentRequest } from "./records.shared";
import type { TGovernanceDeps, TPolicyApproval } from "./types";

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
  private readonly settlements = new Set<Promise<void>>();

  constructor(
    private readonly db: TDb,
    readonly runId: string,
    readonly facts: TRunGovernanceFacts,
    private readonly log?: TLogger,
  ) {}

  /**
   * A model call's settlement (its UsageEntry row and the swap of its reservation for the actual cost), left to run
   * while the run's next steps do: its reservation keeps the budget's accounting on the safe side until then.
   */
  defer(settlement: Promise<void>): void {
    const tracked: Promise<void> = settlement
      .catch((error: unknown) => this.log?.error({ err: error, runId: this.runId }, "a model call's cost could not be settled in the budget ledger; its reservation expires by itself"))
      .finally(() => this.settlements.delete(tracked));
    this.settlements.add(tracked);
  }

  /** Awaited before the pass ends the run or parks it: when a run has ended, its ledger rows exist. */
  async settled(): Promise<void> {
    while (this.settlements.size > 0) await Promise.all([...this.settlements]);
  }

  /** The run's vault, shared by the pass's steps (parallel branches number their placeholders in one sequence). */
  getVault(): TPiiVault {
    if (!this.vault) this.vault = this.facts.sealedVault ? (decryptSecret(this.facts.sealedVault) as unknown as TPiiVault) : createVault();
    return this.vault;
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
    return encryptSecret(this.getVault() as unknown as TJsonSecret);
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
    defer: (settlement) => runGovernance.defer(settlement),
    approval: approvalOf(step.resume),
    spend: { teamId: f.teamId, workflowId: f.workflowId, ...(f.triggeredById ? { userId: f.triggeredById } : {}), ...(f.agent ? { agentId: f.agent.id } : {}) },
    scope: { teamId: f.teamId, workflowId: f.workflowId, ...(f.agent ? { agentId: f.agent.id } : {}) },
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
