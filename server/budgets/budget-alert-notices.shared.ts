// Isomorphic: the in-app budget alerts as the dashboard, the Policies page and GET /api/budget-alerts show them.
import type { TBudgetPeriodName } from "./budget-input.shared";

export type TBudgetAlertNotice = {
  /** The BudgetAlert's id (dismiss it with POST /api/budget-alerts/:id/dismiss). */
  id: string;
  budgetId: string;
  budgetName: string;
  /** Percent of the amount reached: the budget's warning share or 100. */
  threshold: number;
  /** The amount the threshold is a share of, as it was when crossed (the budget's current one for older alerts). */
  amountUsd: string;
  /** When a reservation took the budget across it. */
  at: string;
  period: TBudgetPeriodName;
  periodStart: string;
  /** How much of the period's spent is the demo seed's generated history ("0.00" when none). */
  generatedUsd: string;
};

export type TBudgetAlertNotices = { timeZone: string; notices: TBudgetAlertNotice[] };
