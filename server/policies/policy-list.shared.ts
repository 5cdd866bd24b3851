// Isomorphic: rows of the Policies page (policies and budgets).

export type TPolicyListItem = {
  id: string;
  name: string;
  description: string;
  /** null: a global policy that applies to every team. */
  teamName: string | null;
  isEnabled: boolean;
  currentVersion: number | null;
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
