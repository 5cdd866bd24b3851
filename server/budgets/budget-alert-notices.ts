// In-app budget alerts: the threshold alerts (BudgetAlert rows) of the current period of every budget a person can
// see, shown on the dashboard and the Policies page until that person dismisses them. A dismissal is the person's own
// view (BudgetAlertDismissal), like marking a notification read: others still see the alert, nothing about the budget
// or the alert changes, so it is not audited.
import type { TPrincipal } from "../auth/permissions";
import type { TDb } from "../db/client";
import { sqlFor } from "../db/sql";
import { AppError } from "../errors";
import { formatUsd } from "../policy/money";
import type { TBudgetAlertNotice, TBudgetAlertNotices } from "./budget-alert-notices.shared";
import type { TLedgerDeps } from "./ledger";
import { ledgerSums } from "./ledger-keys";
import { orgTimeZone } from "./org-time-zone";
import { periodBounds } from "./periods";
import { budgetTeamId, canSeeBudgetOf } from "./visible-budgets";

/** The current period's alerts of the budgets the person can see and has not dismissed, newest first. */
export async function listBudgetAlertNotices(deps: TLedgerDeps, principal: TPrincipal): Promise<TBudgetAlertNotices> {
  const { db } = deps;
  const now = deps.now?.() ?? new Date();
  const timeZone = await orgTimeZone(db);
  const budgets = [];
  for (const b of await db.budget.findMany({ orderBy: { id: "asc" } })) {
    if (canSeeBudgetOf(principal, await budgetTeamId(db, b))) budgets.push({ b, bounds: periodBounds(b.period, now, timeZone) });
  }
  if (budgets.length === 0) return { timeZone, notices: [] };
  const alerts = await db.budgetAlert.findMany({
    where: { OR: budgets.map(({ b, bounds }) => ({ budgetId: b.id, periodStart: bounds.start })), dismissals: { none: { userId: principal.id } } },
    orderBy: [{ createdAt: "desc" }, { threshold: "desc" }],
  });
  const generated = new Map<string, string>();
  const notices: TBudgetAlertNotice[] = [];
  for (const alert of alerts) {
    const { b, bounds } = budgets.find((x) => x.b.id === alert.budgetId)!;
    if (!generated.has(b.id)) generated.set(b.id, formatUsd((await ledgerSums(sqlFor(db), b, bounds)).generated).replace("$", ""));
    notices.push({
      id: alert.id,
      budgetId: b.id,
      budgetName: b.name,
      threshold: alert.threshold,
      amountUsd: (alert.amountUsd ?? b.amountUsd).toFixed(),
      at: alert.createdAt.toISOString(),
      period: b.period,
      periodStart: bounds.start.toISOString(),
      generatedUsd: generated.get(b.id)!,
    });
  }
  return { timeZone, notices };
}

/** Hides one alert from the person's notices (again: no change). 404 for an alert they cannot see or that is gone. */
export async function dismissBudgetAlert(db: TDb, principal: TPrincipal, alertId: string): Promise<{ id: string; isDismissed: true }> {
  const alert = await db.budgetAlert.findUnique({ where: { id: alertId }, select: { id: true, budgetId: true } });
  const budget = alert ? await db.budget.findUnique({ where: { id: alert.budgetId } }) : null;
  if (!alert || !budget || !canSeeBudgetOf(principal, await budgetTeamId(db, budget))) {
    throw new AppError("NOT_FOUND", "No budget alert with this id exists, or its budget belongs to a team you cannot see.");
  }
  await db.budgetAlertDismissal.createMany({ data: [{ alertId: alert.id, userId: principal.id }], skipDuplicates: true });
  return { id: alert.id, isDismissed: true };
}
