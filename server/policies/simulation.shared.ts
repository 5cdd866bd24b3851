// Isomorphic: what a policy simulation returns (simulate-policy.ts).
import type { TDecisionKind, TFiredRule } from "../policy/decision";

export type TSimulatedRule = Pick<TFiredRule, "kind" | "outcome" | "note" | "reason" | "message">;
export type TSimulatedDecision = { decision: TDecisionKind; reason: string; rules: TSimulatedRule[] };

export type TSimulatedStep = {
  stepRunId: string;
  nodeId: string;
  iterationKey: string;
  nodeType: string;
  status: string;
  model: string | null;
  provider: string | null;
  /**
   * What the prompt checks read: the request the step recorded as sent ("sent_request"; already redacted by the
   * policies in force then, so PII replaced by placeholders is not found again), the step's stored input
   * ("step_input"), or nothing ("none": only model, tool, cost and condition rules can fire).
   */
  payloadSource: "sent_request" | "step_input" | "none";
  /** Before the step: may it run, with what changes. */
  pre: TSimulatedDecision;
  /** After the step, on its stored output; null when pre blocks (the step would not have run) or there is no output. */
  post: TSimulatedDecision | null;
  /** The stricter of pre and post. */
  decision: TDecisionKind;
  /**
   * Set when the policy would have held this step but the approval asked for at an earlier step of the run (taken as
   * given) covers it (approvalWhen.per "run", server/policy/approved-earlier.ts): it is not held again, and `pre` is
   * what else the rules decided.
   */
  approvedAt?: { nodeId: string; iterationKey: string };
};

export type TSimulatedRun = {
  runId: string;
  workflowId: string;
  workflowName: string;
  versionNumber: number;
  status: string;
  /** Generated demo history (the seed), not a real run. */
  isGenerated: boolean;
  createdAt: string;
  /** The strictest decision over its steps ("allow" when none was checked). */
  decision: TDecisionKind;
  steps: TSimulatedStep[];
  /** What masking at rest would have stored as placeholders; null when the document does not mask at rest. */
  maskedAtRest: TSimulatedMasking | null;
};

/** The values of the masked types found in what the run stores (its input, its steps' outputs), and a sentence. */
export type TSimulatedMasking = { count: number; summary: string };

export type TDecisionCounts = Record<TDecisionKind, number>;

export type TSimulation = {
  policyId: string;
  /** Which document was simulated, and under which version number its decisions name it. */
  source: "document" | "draft" | "current";
  version: number;
  /** Which runs were read, in words ("the last 50 finished runs of workflow Alpha triage"). */
  description: string;
  /** Runs by their strictest decision, and checked steps by theirs. */
  totals: { runs: TDecisionCounts; steps: TDecisionCounts };
  runs: TSimulatedRun[];
};
