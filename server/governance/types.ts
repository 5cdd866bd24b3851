// What the governance layer needs from the rest of Baton (policies, the budget ledger, model targets), and what it
// is told about the call it governs. Passed in, so the run engine and the gateway use the same layer with their own
// context, and tests use the real implementations against their own database and Redis.
import type { TCandidate, TModelTarget } from "../gateway/resolve-target";
import type { TPolicyActor, TResolvedPolicy } from "../policy";
import type { TDataClassification } from "../policy/document";
import type { TPiiVault } from "../policy/pii/redact";
import type { TScopeContext } from "../policy/scope";

/** An enabled policy whose stored document does not parse: it covers calls, and they are refused (fail closed). */
export type { TInvalidPolicy } from "../policies/active-policies";
import type { TInvalidPolicy } from "../policies/active-policies";

/** The budget ledger's own types (server/budgets/ledger.ts): who pays, a reservation, the actual cost of a call. */
export type { TActualUsage, TReservation, TReserveResult, TSettlement, TSpendContext } from "../budgets/ledger";
import type { TActualUsage, TReservation, TReserveResult, TSettlement, TSpendContext } from "../budgets/ledger";

export type TGovernanceDeps = {
  policiesFor(ctx: TScopeContext): Promise<{ policies: TResolvedPolicy[]; invalid: TInvalidPolicy[] }>;
  resolveCandidates(target: TModelTarget, routingKey: string): Promise<TCandidate[]>;
  reserve(ctx: TSpendContext, costUsd: string, opts: { reservationId: string; ttlMs: number; force?: boolean }): Promise<TReserveResult>;
  settle(reservation: TReservation | null, ctx: TSpendContext, actual: TActualUsage): Promise<void>;
  /** A settlement for the caller to write (the run engine: in its flush, with the step); see `recordUsage`. */
  prepareSettlement(reservation: TReservation | null, ctx: TSpendContext, actual: TActualUsage): Promise<TSettlement>;
  release(reservation: TReservation | null): Promise<void>;
};

/** A person's answer to an approval a policy asked for. */
export type TPolicyApproval = { decision: "approved" | "rejected" | "expired"; by: string | null; comment: string | null };

export type { TEarlierApproval } from "./earlier-approvals";
import type { TEarlierApproval } from "./earlier-approvals";

export type TGovernanceContext = {
  actor: TPolicyActor;
  teamId: string;
  workflow?: { id: string; versionId?: string; versionNumber?: number };
  dataClassification?: TDataClassification;
  nodeType: string;
  /** The step's node (its id in the graph), or a name for the gateway's calls. */
  nodeId: string;
  /** For the step's records and the ledger's entries. */
  runId?: string;
  stepRunId?: string;
  attempt: number;
  /** Stable per attempt: reservation ids derive from it, so a call re-sent after a crash settles once. */
  callKey: string;
  /** How long the step may run (its node timeout): a reservation expires this long (plus a margin) after it is made. */
  callTimeoutMs?: number;
  /** What approval conditions read: `{ trigger, nodes, run }`. */
  conditionScope?: unknown;
  /** The run's vault (changed in place by redaction); `persistVault` is awaited after it changed (the run engine
   * writes it with the step's outcome; see step-governance.ts). */
  vault: TPiiVault;
  persistVault?: () => Promise<void>;
  /**
   * Takes a model call's settlement (its ledger row and the swap of its reservation for the cost): the run engine
   * writes the row in its next flush, in the same statement as the step that cost it (step-governance.ts). Without
   * it, each settlement is written at once (settleSpend).
   */
  recordUsage?: (settlement: TSettlement) => void;
  /** The answer to the approval this step asked for, when it is resumed with one. */
  approval?: TPolicyApproval;
  /**
   * The policy approvals given earlier in the run (earlier-approvals.ts), asked for only when a rule of a policy asking
   * once per run would hold a call. Without it, every call a rule holds asks (as with approvalWhen.per "call").
   */
  approvedEarlier?: () => Promise<TEarlierApproval[]>;
  spend: TSpendContext;
  scope: TScopeContext;
};
