// Isomorphic: rows of the Policies page (policies and budgets).
import type { TPolicyScopeView } from "./policy-detail.shared";

export type TPolicyListItem = {
  id: string;
  name: string;
  description: string;
  /** The owning team; null for an organisation policy, which applies to every team. */
  teamName: string | null;
  /** Where it applies: kind, target and a label such as "Workflow Alpha triage (Alpha)". */
  scope: TPolicyScopeView;
  isEnabled: boolean;
  /** null: never published, so it enforces nothing. */
  currentVersion: number | null;
  /** An unpublished draft is saved. */
  hasDraft: boolean;
  /**
   * Set when the current version's document cannot be read (e.g. written outside the app): while the policy is
   * enabled, the engine refuses every call it covers. The first problem, "path: message".
   */
  problem: string | null;
  updatedAt: string;
};

export type TBudgetListItem = {
  id: string;
  name: string;
  scope: "org" | "team" | "workflow" | "agent" | "api_key" | "user";
  scopeLabel: string;
  period: "day" | "week" | "month";
  amountUsd: string;
  spentUsd: string;
  /** spent / amount, 0 when the amount is 0. */
  usedRatio: number;
  warnAt: number;
  isHardLimit: boolean;
};
