// Isomorphic: rows of the Policies page (policies and budgets).
import type { TPolicyScopeView } from "./policy-detail.shared";
import type { TBurnDown } from "../budgets/burn-down.shared";

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
  /** The team the budget belongs to (null: organisation budgets and a person's budget across every team). */
  teamId: string | null;
  /** The workflow, API key, agent or person (user id) it covers, for those scopes. */
  targetId: string | null;
  period: "day" | "week" | "month";
  /** The current calendar period in the organisation's time zone, ISO instants: [start, end). */
  periodStart: string;
  periodEnd: string;
  amountUsd: string;
  /** The ledger's sum for the current period (UsageEntry rows the budget covers). */
  spentUsd: string;
  /** Part of spentUsd that is the demo seed's generated history. */
  generatedUsd: string;
  /** Calls in flight: live reservations not yet settled. */
  reservedUsd: string;
  /** spent / amount and reserved / amount, 0 when the amount is 0. */
  usedRatio: number;
  reservedRatio: number;
  warnAt: number;
  onExceeded: "block" | "require_approval" | "downgrade";
  downgradeTo: string | null;
  /** Whether this person may change or delete it. */
  canManage: boolean;
  /** Thresholds crossed in the current period (percent of the amount) and when: the in-app side of budget alerts. */
  alerts: { threshold: number; at: string }[];
  /** Cumulative spend of the current period so far, and the forecast to its end. */
  burnDown: TBurnDown;
};
