// What the run engine (and, later, the gateway) tells the policy engine about a step or a model call.
import type { TDataClassification, TRiskClass, TRole } from "./document";
import type { TPiiVault } from "./pii/redact";

export type TPolicyActor = {
  kind: "user" | "api_key" | "workflow" | "agent";
  id: string;
  /** The person's (or key's) role in the team, for tool grants. */
  role?: TRole;
  /** For agents: their registered risk class. */
  riskClass?: TRiskClass;
};

export type TModelRef = { name: string; provider: string; region?: string | null };
export type TToolCall = { kind: "http"; host: string } | { kind: "mcp"; server: string; tool: string };

/**
 * One budget that covers the call, as the ledger reports it (amounts in US dollars as decimal strings), with what it
 * does when exceeded. The evaluator only compares; the ledger reserves the projected cost atomically (and reports
 * the state it reserved against), so concurrent calls cannot all pass on the same state.
 */
export type TBudgetState = {
  id: string;
  name: string;
  amountUsd: string;
  spentUsd: string;
  reservedUsd: string;
  /** Share of the amount (0–1) at which a warning is raised. */
  warnAt: number;
  onExceeded: "block" | "require_approval" | "downgrade";
  /** The cheaper model, for `downgrade`. */
  downgradeTo?: string | null;
};

export type TUsage = { promptTokens?: number; completionTokens?: number; costUsd?: string };

export type TPolicyContext = {
  actor: TPolicyActor;
  teamId: string | null;
  /** Ids are what tool grants name. */
  workflow?: { id: string; versionId?: string; versionNumber?: number };
  nodeType?: string;
  model?: TModelRef;
  /** Not given: no classification rule applies. */
  dataClassification?: TDataClassification;
  /** The run's vault; redaction adds to it (when absent, a new one is made and returned with the decision). */
  vault?: TPiiVault;
};

export type TPreInput = TPolicyContext & {
  /** What is about to leave: a prompt, chat messages, or a tool call's arguments. Any JSON value. */
  payload?: unknown;
  toolCall?: TToolCall;
  /** Prompt tokens counted, the node's max output tokens, and the cost they project to. */
  projected?: TUsage;
  budgets?: readonly TBudgetState[];
  /** What approval conditions read (JSONata), e.g. `{ trigger, nodes }`. */
  conditionScope?: unknown;
};

export type TPostInput = TPolicyContext & {
  /** What came back. */
  output?: unknown;
  /** The tool call it answers (reasons then speak of the response, not the output). */
  toolCall?: TToolCall;
  actual?: TUsage;
};
